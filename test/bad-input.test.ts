/**
 * Bad input, property by property and construct by construct: rejected at synth when the value is
 * a literal, rejected by the handler when it arrives from CloudFormation (a token at synth), each
 * time naming where, which property, the rule and the value — and nothing is created.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lib from '../src';
import { CloudFormation } from './support/cloudformation';
import { FakeAws } from './support/fake-aws';
import { startEveryServiceFake } from './support/lifecycle';

/** One construct: how to build it with one prop overridden, and its template form for the handler. */
interface Subject {
  readonly construct: string;
  readonly type: string;
  readonly createOperation: string;
  /** Builds the construct with one prop overridden; absent where the construct's own tests hold its synth-time table. */
  build?(scope: Construct, override: Record<string, unknown>): void;
  /** Valid template properties, as the handler would receive them. */
  readonly template: Record<string, unknown>;
}

/** One bad value of one property. */
interface Row {
  readonly subject: Subject;
  readonly prop: string;
  readonly templateName: string;
  /** The value as a user writes it in the construct props. */
  readonly value: unknown;
  /** The value as CloudFormation delivers it (defaults to the same). */
  readonly delivered?: unknown;
  /** The rule, as the message states it. */
  readonly rule: string;
  /**
   * The template property has no construct prop of that name (set through a class such as
   * IdentityManagement, or only through an escape hatch): checked in the handler only.
   */
  readonly handlerOnly?: boolean;
}

const INSTANCE: Subject = {
  construct: 'ConnectInstance',
  type: 'Custom::ConnectInstance',
  createOperation: 'CreateInstance',
  build: (scope, override) =>
    new lib.ConnectInstance(scope, 'Subject', {
      instanceAlias: 'valid-alias',
      inboundCallsEnabled: true,
      outboundCallsEnabled: true,
      ...override,
    } as lib.ConnectInstanceProps),
  template: { IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'valid-alias', InboundCallsEnabled: 'true', OutboundCallsEnabled: 'true' },
};

// The other constructs' synth-time tables live in their own construct tests; here, the handler
// side: the same rules applied to values that reach it from CloudFormation.
const FLOW_VERSION: Subject = {
  construct: 'ContactFlowVersion',
  type: 'Custom::ConnectFlowVersion',
  createOperation: 'CreateContactFlowVersion',
  template: { InstanceId: '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab', ContactFlowId: 'flow-1234', Description: 'Spring campaign' },
};
const EVALUATION: Subject = {
  construct: 'ContactEvaluation',
  type: 'Custom::ConnectContactEvaluation',
  createOperation: 'StartContactEvaluation',
  template: { InstanceId: '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab', ContactId: 'contact-1234', EvaluationFormId: 'form-1234' },
};
const CASE: Subject = {
  construct: 'Case',
  type: 'Custom::ConnectCase',
  createOperation: 'CreateCase',
  template: {
    DomainId: 'domain-1234',
    TemplateId: 'template-1234',
    Fields: [
      { Id: 'title', Value: { StringValue: 'Refund' } },
      { Id: 'customer_id', Value: { StringValue: 'arn:aws:profile:us-west-2:111122223333:domains/d/profiles/p' } },
    ],
  },
};
const CONTEXT: Subject = {
  construct: 'EngagementContext',
  type: 'Custom::PartnerCentralEngagementContext',
  createOperation: 'CreateEngagementContext',
  template: {
    Catalog: 'Sandbox',
    EngagementIdentifier: 'eng-0123456789abcd',
    Type: 'CustomerProject',
    Payload: { CustomerProject: { Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' } } },
  },
};

const ALIAS_RULE = 'must be 1–45 letters, digits or hyphens, not starting with "d-" and not starting or ending with a hyphen';

const ROWS: Row[] = [
  { subject: INSTANCE, prop: 'identityManagement', templateName: 'IdentityManagementType', value: 'LDAP', rule: 'must be one of "SAML", "CONNECT_MANAGED", "EXISTING_DIRECTORY"', handlerOnly: true },
  { subject: INSTANCE, prop: 'instanceAlias', templateName: 'InstanceAlias', value: 'd-corp', rule: ALIAS_RULE },
  { subject: INSTANCE, prop: 'instanceAlias', templateName: 'InstanceAlias', value: 'corp-', rule: ALIAS_RULE },
  { subject: INSTANCE, prop: 'instanceAlias', templateName: 'InstanceAlias', value: 'x'.repeat(46), rule: 'must have at most 45 characters' },
  {
    subject: INSTANCE,
    prop: 'directory',
    templateName: 'DirectoryId',
    value: 'd-12345',
    delivered: 'd-12345',
    rule: 'must be a directory id of the form "d-" followed by 10 hex digits',
    handlerOnly: true,
  },
  { subject: INSTANCE, prop: 'inboundCallsEnabled', templateName: 'InboundCallsEnabled', value: 'yes', rule: 'must be true or false' },
  { subject: INSTANCE, prop: 'outboundCallsEnabled', templateName: 'OutboundCallsEnabled', value: 1, rule: 'must be true or false' },
  { subject: INSTANCE, prop: 'tags', templateName: 'Tags', value: { 'aws:team': 'x' }, rule: 'must have keys of 1–128 characters of the allowed set, not starting with "aws:"' },
  { subject: INSTANCE, prop: 'clientToken', templateName: 'ClientToken', value: 'x'.repeat(501), rule: 'must have at most 500 characters', handlerOnly: true },
  { subject: FLOW_VERSION, prop: 'flowContentSha256', templateName: 'FlowContentSha256', value: 'abc123', rule: 'must be a SHA-256 checksum of 64 letters or digits' },
  { subject: FLOW_VERSION, prop: 'contactFlowVersionNumber', templateName: 'ContactFlowVersion', value: '0', rule: 'must be a whole number from 1 to 9223372036854775807' },
  { subject: FLOW_VERSION, prop: 'lastModifiedRegion', templateName: 'LastModifiedRegion', value: 'US-WEST-2', rule: 'must be an AWS Region name such as "us-west-2"' },
  { subject: FLOW_VERSION, prop: 'description', templateName: 'Description', value: 'x'.repeat(451), rule: 'must have at most 450 characters' },
  { subject: EVALUATION, prop: 'contactId', templateName: 'ContactId', value: 'c'.repeat(257), rule: 'must have at most 256 characters' },
  { subject: EVALUATION, prop: 'evaluationForm', templateName: 'EvaluationFormId', value: 'f'.repeat(501), rule: 'must have at most 500 characters' },
  { subject: EVALUATION, prop: 'submit', templateName: 'Submit', value: 'sometimes', rule: 'must be true or false' },
  { subject: CASE, prop: 'template', templateName: 'TemplateId', value: 't'.repeat(501), rule: 'must have at most 500 characters' },
  { subject: CASE, prop: 'clientToken', templateName: 'ClientToken', value: 'x'.repeat(65), rule: 'must have at most 64 characters', handlerOnly: true },
  { subject: CONTEXT, prop: 'catalog', templateName: 'Catalog', value: 'Production', rule: 'must be one of "AWS", "Sandbox"' },
  { subject: CONTEXT, prop: 'engagementIdentifier', templateName: 'EngagementIdentifier', value: 'eng-123', rule: 'must be an engagement id ("eng-" and 14 lower-case letters or digits) or an engagement ARN' },
  { subject: CONTEXT, prop: 'clientToken', templateName: 'ClientToken', value: 'my token', rule: 'must be 1–64 letters, digits or hyphens', handlerOnly: true },
];

const shown = (value: unknown) => {
  const s = JSON.stringify(value);
  return s.length > 64 ? s.slice(0, 61) : s;
};

describe('at synth, a literal', () => {
  test.each(ROWS.filter((r) => r.subject.build && !r.handlerOnly).map((r) => [`${r.subject.construct}.${r.prop} = ${shown(r.value).slice(0, 30)}`, r] as const))('%s is rejected', (_, row) => {
    const stack = new Stack(new App(), 'Stack');
    let message = '';
    try {
      row.subject.build!(stack, { [row.prop]: row.value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`${row.subject.construct} 'Stack/Subject': ${row.prop} ${row.rule}`);
    if (row.prop !== 'tags') expect(message).toContain(`(got ${shown(row.value)}`);
    // Nothing reaches the template: the handler and its grants are never created.
    expect(stack.node.tryFindChild('ConnectResourcesProvider')).toBeUndefined();
  });

  test.each(ROWS.filter((r) => r.subject.build && !r.handlerOnly && typeof r.value === 'string').map((r) => [`${r.subject.construct}.${r.prop}`, r] as const))(
    '%s given as a token is left to the handler',
    (_, row) => {
      const stack = new Stack(new App(), 'Stack');
      const token = new CfnParameter(stack, 'Value').valueAsString;
      expect(() => row.subject.build!(stack, { [row.prop]: token })).not.toThrow();
    },
  );
});

describe('in the handler, a delivered value', () => {
  let aws: FakeAws;
  beforeAll(async () => {
    aws = await startEveryServiceFake();
  });
  afterAll(() => aws.close());

  test.each(ROWS.map((r) => [`${r.subject.type} ${r.templateName} = ${shown(r.value).slice(0, 30)}`, r] as const))('%s is answered FAILED and nothing is created', async (_, row) => {
    const cfn = new CloudFormation(aws);
    const calls = aws.count(row.subject.createOperation);

    const { answer } = await cfn.deliver(cfn.createEvent('Subject', row.subject.type, { ...row.subject.template, [row.templateName]: row.delivered ?? row.value }));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(`Subject (${row.subject.type}): `);
    expect(answer.Reason).toContain(`${row.templateName} (${row.prop}) ${row.rule}`);
    expect(aws.count(row.subject.createOperation)).toBe(calls);
  });
});
