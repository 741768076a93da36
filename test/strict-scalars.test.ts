/**
 * Strict scalars and own property names: a property or member is known only by its own name
 * (`constructor` is not inherited into the spec), numbers are plain decimals as JSON writes them,
 * dates exist in the calendar. Checked on the spec, at synth and in the built handler.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lib from '../src';
import { checkProperties, CONNECT_CASE, CONNECT_CONTACT_EVALUATION, CONNECT_FLOW_VERSION, CONNECT_INSTANCE, ENGAGEMENT_CONTEXT, isRealDateTime, ResourceSpec } from '../src/contract';
import { CloudFormation } from './support/cloudformation';
import { FakeAws } from './support/fake-aws';
import { startEveryServiceFake } from './support/lifecycle';

const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const CUSTOMER = 'arn:aws:profile:us-west-2:111122223333:domains/d/profiles/p';
const PROJECT = {
  CustomerProject: {
    Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' },
    Project: { Title: 'Contact center', BusinessProblem: 'Customers wait too long on hold.', TargetCompletionDate: '2027-03-31' },
  },
};
const LEAD = { Lead: { Customer: { CompanyName: 'Example Corp' }, Interactions: [{ Contact: { BusinessTitle: 'CTO', Email: 'a@example.com', FirstName: 'A', LastName: 'B' } }] } };

/** A valid property set per resource type, in template form, and the create call it leads to. */
const BASES: readonly { spec: ResourceSpec; operation: string; props: Record<string, unknown> }[] = [
  { spec: CONNECT_INSTANCE, operation: 'CreateInstance', props: { IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'valid-alias', InboundCallsEnabled: 'true', OutboundCallsEnabled: 'true' } },
  { spec: CONNECT_FLOW_VERSION, operation: 'CreateContactFlowVersion', props: { InstanceId: INSTANCE_ID, ContactFlowId: 'flow-1234' } },
  { spec: CONNECT_CONTACT_EVALUATION, operation: 'StartContactEvaluation', props: { InstanceId: INSTANCE_ID, ContactId: 'contact-1234', EvaluationFormId: 'form-1234' } },
  {
    spec: CONNECT_CASE,
    operation: 'CreateCase',
    props: { DomainId: 'domain-1234', TemplateId: 'template-1234', Fields: [{ Id: 'title', Value: { StringValue: 'Refund' } }, { Id: 'customer_id', Value: { StringValue: CUSTOMER } }] },
  },
  { spec: ENGAGEMENT_CONTEXT, operation: 'CreateEngagementContext', props: { Catalog: 'Sandbox', EngagementIdentifier: 'eng-0123456789abcd', Type: 'CustomerProject', Payload: PROJECT } },
];

/** Names every object inherits: none of them is a property or member of anything. */
const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** `{ [name]: value }` as JSON.parse makes it: an own property even for `__proto__`. */
const own = (name: string, value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify({ k: value }).replace('"k"', JSON.stringify(name)));

const problemsOf = (spec: ResourceSpec, props: Record<string, unknown>) => checkProperties(spec, props, { templateNames: true }).problems;

describe('property names are checked as own names', () => {
  test.each(BASES.flatMap((b) => INHERITED.map((name) => [b.spec.resourceType, name, b] as const)))('%s: a property named %s is unknown', (_, name, base) => {
    expect(problemsOf(base.spec, { ...base.props, ...own(name, 'x') })).toContain(`${name} is not a property of ${base.spec.resourceType}`);
  });

  test.each(INHERITED)('a payload member named %s is unknown', (name) => {
    const customer = { ...PROJECT.CustomerProject.Customer, ...own(name, 'x') };
    const problems = problemsOf(ENGAGEMENT_CONTEXT, { ...BASES[4].props, Payload: { CustomerProject: { ...PROJECT.CustomerProject, Customer: customer } } });
    expect(problems.join('\n')).toContain(`member CustomerProject.Customer.${name} is not a member of CustomerProject.Customer`);
  });

  test.each(INHERITED)('a payload of type %s is not a payload', (name) => {
    expect(problemsOf(ENGAGEMENT_CONTEXT, { ...BASES[4].props, Payload: own(name, PROJECT.CustomerProject) }).join('\n')).toContain('Payload (payload) must hold exactly one of');
  });

  test.each(INHERITED)('a case field value member named %s is refused', (name) => {
    const fields = [...(BASES[3].props.Fields as object[]), { Id: 'note', Value: own(name, 'x') }];
    expect(problemsOf(CONNECT_CASE, { ...BASES[3].props, Fields: fields }).join('\n')).toMatch(/Fields \(fields\) must give field "note" a text, number, boolean, empty or user ARN value/);
  });

  test.each(INHERITED)('a performer member named %s is refused', (name) => {
    expect(problemsOf(CONNECT_CASE, { ...BASES[3].props, PerformedBy: own(name, 'x') }).join('\n')).toMatch(/PerformedBy \(performedBy\) must be a user ARN/);
  });

  test.each(INHERITED)('an evaluation answer holding %s is refused', (name) => {
    expect(problemsOf(CONNECT_CONTACT_EVALUATION, { ...BASES[2].props, Answers: { q1: own(name, { StringValue: 'x' }) } }).join('\n')).toMatch(/Answers \(answers\) must give each answer as/);
  });
});

describe('numbers are plain decimals within range', () => {
  const version = (v: unknown) => problemsOf(CONNECT_FLOW_VERSION, { ...BASES[1].props, ContactFlowVersion: v });
  test.each(['0x10', ' 1e3 ', '1e3', '1_000', 'Infinity', 'NaN', '1.5', '1.0', '+5', ' 10', '10 ', '010', ''.padEnd(3, ' ')])('ContactFlowVersion %j is refused', (value) => {
    expect(version(value).join('\n')).toMatch(/ContactFlowVersion \(contactFlowVersionNumber\) must be a whole number/);
  });
  test.each(['1', '10', '9007199254740991'])('ContactFlowVersion %j is accepted', (value) => {
    expect(version(value)).toEqual([]);
  });

  const caseNumber = (v: unknown) => {
    const fields = [...(BASES[3].props.Fields as object[]), { Id: 'amount', Value: { DoubleValue: v } }];
    return problemsOf(CONNECT_CASE, { ...BASES[3].props, Fields: fields });
  };
  const answer = (v: unknown) => problemsOf(CONNECT_CONTACT_EVALUATION, { ...BASES[2].props, Answers: { q1: { Value: { NumericValue: v } } } });
  const HOSTILE_DOUBLES = ['0x10', ' 1e3 ', '1_000', 'Infinity', '-Infinity', 'NaN', '+1', '.5', '5.', '1e400', '', ' '];
  test.each(HOSTILE_DOUBLES)('case DoubleValue and evaluation NumericValue %j are refused', (value) => {
    expect(caseNumber(value).join('\n')).toContain('a finite number in plain decimal notation');
    expect(answer(value).join('\n')).toContain('a finite number in plain decimal notation');
  });
  test.each(['42', '-1.5', '0', '1e3', '2.5E-3', '-0'])('case DoubleValue and evaluation NumericValue %j are accepted', (value) => {
    expect(caseNumber(value)).toEqual([]);
    expect(answer(value)).toEqual([]);
  });
});

describe('dates exist in the calendar', () => {
  test.each(['2027-02-29', '2027-02-31', '2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-01-32'])('TargetCompletionDate %s is refused', (date) => {
    const payload = { CustomerProject: { ...PROJECT.CustomerProject, Project: { ...PROJECT.CustomerProject.Project, TargetCompletionDate: date } } };
    expect(problemsOf(ENGAGEMENT_CONTEXT, { ...BASES[4].props, Payload: payload }).join('\n')).toContain('must be a date of the form YYYY-MM-DD that exists in the calendar');
  });

  test.each(['2028-02-29', '2027-12-31', '2026-04-30'])('TargetCompletionDate %s is accepted', (date) => {
    const payload = { CustomerProject: { ...PROJECT.CustomerProject, Project: { ...PROJECT.CustomerProject.Project, TargetCompletionDate: date } } };
    expect(problemsOf(ENGAGEMENT_CONTEXT, { ...BASES[4].props, Payload: payload })).toEqual([]);
  });

  const interaction = (date: string) => {
    const lead = { Lead: { ...LEAD.Lead, Interactions: [{ ...LEAD.Lead.Interactions[0], InteractionDate: date }] } };
    return problemsOf(ENGAGEMENT_CONTEXT, { ...BASES[4].props, Type: 'Lead', Payload: lead });
  };
  test.each(['2027-02-31T10:00:00Z', '2027-02-29T10:00:00Z', '2026-05-01T24:00:00Z', '2026-05-01T10:60:00Z', '2026-05-01T10:00:60Z', '2026-05-01T10:00:00+25:00', '2026-05-01T10:00:00+02:60'])(
    'InteractionDate %s is refused',
    (date) => {
      expect(interaction(date).join('\n')).toContain('must be an ISO 8601 date and time that exists in the calendar');
    },
  );
  test.each(['2028-02-29T23:59:59.999+14:00', '2026-05-01T09:30Z', '2026-12-31T00:00:00-05:00'])('InteractionDate %s is accepted', (date) => {
    expect(interaction(date)).toEqual([]);
  });

  test('isRealDateTime reads dates, times and offsets', () => {
    expect(['2024-02-29', '2024-02-29T00:00', '2024-02-29T23:59:59.5Z'].map(isRealDateTime)).toEqual([true, true, true]);
    expect(['2023-02-29', '2024-02-30T00:00', 'yesterday'].map(isRealDateTime)).toEqual([false, false, false]);
  });
});

describe('at synth, literal values', () => {
  const stack = () => new Stack(new App(), 'Stack');
  const instance = (s: Stack) => lib.ConnectInstance.fromInstanceArn(s, 'Instance', `arn:aws:connect:us-west-2:111122223333:instance/${INSTANCE_ID}`);

  test.each([Number.POSITIVE_INFINITY, Number.NaN])('a case number of %p is refused', (value) => {
    const s = stack();
    expect(
      () =>
        new lib.Case(s, 'Case', {
          domain: 'domain-1234',
          template: 'template-1234',
          title: 'Refund',
          customer: CUSTOMER,
          fields: [lib.CaseField.number('amount', value)],
        }),
    ).toThrow('a finite number in plain decimal notation');
  });

  test.each([Number.POSITIVE_INFINITY, Number.NaN])('an evaluation numeric answer of %p is refused', (value) => {
    const s = stack();
    expect(
      () =>
        new lib.ContactEvaluation(s, 'Evaluation', { instance: instance(s), contactId: 'contact-1234', evaluationForm: 'form-1234', answers: [lib.EvaluationAnswer.number('q1', value)] }),
    ).toThrow('a finite number in plain decimal notation');
  });

  test.each([1.5, 2 ** 53])('a flow version number of %p is refused', (value) => {
    const s = stack();
    expect(() => new lib.ContactFlowVersion(s, 'Version', { instance: instance(s), contactFlow: 'flow-1234', contactFlowVersionNumber: value })).toThrow('contactFlowVersionNumber must be a whole number');
  });
});

describe('in the handler', () => {
  let aws: FakeAws;
  beforeAll(async () => {
    aws = await startEveryServiceFake();
  });
  afterAll(() => aws.close());

  const cases: readonly [string, number, Record<string, unknown>, string][] = [
    ['a property named __proto__', 0, own('__proto__', { IdentityManagementType: 'SAML' }), '__proto__ is not a property of Custom::ConnectInstance'],
    ['a property named constructor', 3, own('constructor', 'x'), 'constructor is not a property of Custom::ConnectCase'],
    ['a version of 0x10', 1, { ContactFlowVersion: '0x10' }, 'ContactFlowVersion (contactFlowVersionNumber) must be a whole number'],
    ['a numeric answer of " 1e3 "', 2, { Answers: { q1: { Value: { NumericValue: ' 1e3 ' } } } }, 'a finite number in plain decimal notation'],
    [
      'a completion date of 2027-02-31',
      4,
      { Payload: { CustomerProject: { ...PROJECT.CustomerProject, Project: { ...PROJECT.CustomerProject.Project, TargetCompletionDate: '2027-02-31' } } } },
      'that exists in the calendar',
    ],
  ];
  test.each(cases)('%s is answered FAILED and nothing is created', async (_, index, override, reason) => {
    const base = BASES[index];
    const cfn = new CloudFormation(aws);
    const calls = aws.count(base.operation);
    const { answer } = await cfn.deliver(cfn.createEvent('Subject', base.spec.resourceType, { ...base.props, ...override }));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(reason);
    expect(aws.count(base.operation)).toBe(calls);
  });
});
