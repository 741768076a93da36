import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as ts from 'typescript';
import {
  Case,
  CaseField,
  Catalog,
  ConnectInstance,
  ContactEvaluation,
  EngagementContext,
  EngagementContextPayload,
  FlowVersion,
  IdentityManagementType,
  Industry,
} from '../src';

const ACCOUNT = '111122223333';
const REGION = 'us-west-2';
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/0f5c3b1e-aaaa-bbbb-cccc-1234567890ab`;
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;
const ENGAGEMENT_ARN = 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-0123456789abcd';

export function stack(env: { account?: string; region?: string } = { account: ACCOUNT, region: REGION }): Stack {
  return new Stack(new App(), 'Stack', { env });
}

/** One way to make each of the five constructs with valid props. */
export const CONSTRUCTS: { [name: string]: (s: Stack, id?: string) => Resource } = {
  ConnectInstance: (s, id = 'It') =>
    new ConnectInstance(s, id, {
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
      instanceAlias: 'corp-support',
      inboundCallsEnabled: true,
      outboundCallsEnabled: false,
    }),
  FlowVersion: (s, id = 'It') =>
    new FlowVersion(s, id, {
      instance: ConnectInstance.fromInstanceArn(s, `${id}Instance`, INSTANCE_ARN),
      contactFlowId: `${INSTANCE_ARN}/contact-flow/9d2f4c1a-1111-2222-3333-444455556666`,
    }),
  ContactEvaluation: (s, id = 'It') =>
    new ContactEvaluation(s, id, {
      instance: ConnectInstance.fromInstanceArn(s, `${id}Instance`, INSTANCE_ARN),
      contactId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      evaluationFormId: '9d3c6f0a-1111-2222-3333-444455556666',
    }),
  Case: (s, id = 'It') =>
    new Case(s, id, { domainId: 'domain-1', templateId: 'template-1', fields: [CaseField.title('Refund'), CaseField.customerId(PROFILE)] }),
  EngagementContext: (s, id = 'It') =>
    new EngagementContext(s, id, {
      catalog: Catalog.SANDBOX,
      engagementIdentifier: 'eng-0123456789abcd',
      payload: EngagementContextPayload.customerProject({
        customer: { companyName: 'Example Corp', countryCode: 'US', industry: Industry.SOFTWARE_INTERNET, websiteUrl: 'https://www.example.com' },
        project: { title: 'Migration', businessProblem: 'Move 400 agents to Amazon Connect by spring.', targetCompletionDate: '2027-03-31' },
      }),
    }),
};

function policies(s: Stack, construct: Resource): { DeletionPolicy?: string; UpdateReplacePolicy?: string } {
  const logicalId = s.getLogicalId(construct.node.defaultChild as CfnResource);
  return Template.fromStack(s).toJSON().Resources[logicalId];
}

describe.each(Object.keys(CONSTRUCTS))('%s behaves like an aws-cdk-lib resource', (name) => {
  const make = CONSTRUCTS[name];

  test('node.defaultChild is the custom resource\'s CfnResource', () => {
    const s = stack();
    const child = make(s).node.defaultChild;
    expect(CfnResource.isCfnResource(child)).toBe(true);
    expect((child as CfnResource).cfnResourceType).toMatch(/^Custom::/);
  });

  test('applyRemovalPolicy(RETAIN) sets DeletionPolicy and UpdateReplacePolicy to Retain', () => {
    const s = stack();
    const construct = make(s);
    construct.applyRemovalPolicy(RemovalPolicy.RETAIN);
    expect(policies(s, construct)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('applyRemovalPolicy(DESTROY) sets them to Delete', () => {
    const s = stack();
    const construct = make(s);
    construct.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(policies(s, construct)).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test('applyRemovalPolicy(SNAPSHOT) fails, naming the construct path', () => {
    const s = stack();
    const construct = make(s);
    expect(() => construct.applyRemovalPolicy(RemovalPolicy.SNAPSHOT)).toThrow(`${name} 'Stack/It': RemovalPolicy.SNAPSHOT is not supported`);
  });

  test('env and stack are the stack\'s', () => {
    const s = stack();
    const construct = make(s);
    expect(construct.stack).toBe(s);
    expect(construct.env).toEqual({ account: ACCOUNT, region: REGION });
  });
});

test('the removalPolicy prop rejects SNAPSHOT too', () => {
  const s = stack();
  expect(() => new Case(s, 'Refund', { domainId: 'd', templateId: 't', fields: [CaseField.title('x'), CaseField.customerId(PROFILE)], removalPolicy: RemovalPolicy.SNAPSHOT }))
    .toThrow("Case 'Stack/Refund': RemovalPolicy.SNAPSHOT is not supported");
});

describe('EngagementContext.fromEngagementContextAttributes', () => {
  test('takes the engagement id from the ARN and the region from the ARN', () => {
    const s = stack();
    const imported = EngagementContext.fromEngagementContextAttributes(s, 'Imported', { engagementArn: ENGAGEMENT_ARN, contextId: 'ctx-1' });
    expect(imported.engagementId).toBe('eng-0123456789abcd');
    expect(imported.contextId).toBe('ctx-1');
    expect(imported.engagementArn).toBe(ENGAGEMENT_ARN);
    expect(imported.env).toEqual({ account: ACCOUNT, region: 'us-east-1' });
  });

  test('rejects what is not an engagement ARN', () => {
    const s = stack();
    expect(() => EngagementContext.fromEngagementContextAttributes(s, 'Imported', { engagementArn: INSTANCE_ARN, contextId: 'ctx-1' }))
      .toThrow('is not an engagement ARN');
  });
});

describe('a ConnectInstance is an IInstanceRef of aws-cdk-lib\'s Connect L1s', () => {
  test('an L1 given a ConnectInstance of the stack refers to its Arn attribute', () => {
    const s = stack();
    const instance = CONSTRUCTS.ConnectInstance(s) as ConnectInstance;
    new connect.CfnContactFlow(s, 'Flow', { instanceArn: instance, name: 'Main', type: 'CONTACT_FLOW', content: '{}' });
    const flow = Object.values(Template.fromStack(s).findResources('AWS::Connect::ContactFlow'))[0];
    expect(flow.Properties.InstanceArn).toEqual({ 'Fn::GetAtt': [s.getLogicalId(instance.node.defaultChild as CfnResource), 'Arn'] });
  });

  test('an L1 given an imported instance gets its ARN', () => {
    const s = stack();
    new connect.CfnQueue(s, 'Queue', { instanceArn: ConnectInstance.fromInstanceArn(s, 'Imported', INSTANCE_ARN), name: 'q', hoursOfOperationArn: `${INSTANCE_ARN}/operating-hours/h` });
    Template.fromStack(s).hasResourceProperties('AWS::Connect::Queue', { InstanceArn: INSTANCE_ARN });
  });

  const CONSUMER = `
    import { App, Stack } from 'aws-cdk-lib';
    import * as connect from 'aws-cdk-lib/aws-connect';
    import { Case, CaseField, ConnectInstance, IConnectInstance, IdentityManagementType } from 'LIBRARY';
    const stack = new Stack(new App(), 'Consumer');
    const made = new ConnectInstance(stack, 'Instance', { identityManagementType: IdentityManagementType.CONNECT_MANAGED, inboundCallsEnabled: true, outboundCallsEnabled: true });
    const imported: IConnectInstance = ConnectInstance.fromInstanceArn(stack, 'Imported', '${INSTANCE_ARN}');
    new connect.CfnContactFlow(stack, 'Flow', { instanceArn: made, name: 'Main', type: 'CONTACT_FLOW', content: '{}' });
    new connect.CfnHoursOfOperation(stack, 'Hours', { instanceArn: imported, name: 'h', timeZone: 'UTC', config: [] });
    const notAnInstance = new Case(stack, 'Case', { domainId: 'd', templateId: 't', fields: [CaseField.title('x')] });
    NOT_AN_INSTANCE
  `;

  /**
   * Type-checks consumer files with one program (aws-cdk-lib's declarations are read once);
   * returns tsc's messages per file.
   */
  function compile(sources: string[]): string[][] {
    const dir = fs.mkdtempSync(path.join(__dirname, '..', '.consumer-'));
    try {
      const files = sources.map((source, i) => {
        const file = path.join(dir, `consumer${i}.ts`);
        fs.writeFileSync(file, source.replace(/LIBRARY/g, path.resolve(__dirname, '..', 'src')));
        return file;
      });
      const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'] });
      return files.map((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('a consumer passes made and imported instances to L1s without a cast (tsc), and the same check refuses what is not an instance', () => {
    const [good, bad] = compile([
      CONSUMER.replace('NOT_AN_INSTANCE', 'void notAnInstance;'),
      CONSUMER.replace('NOT_AN_INSTANCE', "new connect.CfnQueue(stack, 'Queue', { instanceArn: notAnInstance, name: 'q', hoursOfOperationArn: 'h' });"),
    ]);
    expect(good).toEqual([]);
    expect(bad.join('\n')).toMatch(/Property 'instanceRef' is missing/);
  });
});
