import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, RemovalPolicy, Resource, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as ts from 'typescript';
import { Case, Catalog, ConnectInstance, ContactEvaluation, ContactFlowVersion, EngagementContext } from '../src';
import { ACCOUNT, CONSTRUCTS, CUSTOMER_PROJECT, ENGAGEMENT_ARN, INSTANCE_ARN, PROFILE, REGION, stack } from './support/constructs';

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
  expect(() => new Case(s, 'Refund', { domain: 'd', template: 't', title: 'x', customer: PROFILE, removalPolicy: RemovalPolicy.SNAPSHOT }))
    .toThrow("Case 'Stack/Refund': RemovalPolicy.SNAPSHOT is not supported");
});

describe('EngagementContext.fromEngagementContextAttributes', () => {
  test('takes the engagement id from the ARN and the region from the ARN', () => {
    const s = stack();
    const imported = EngagementContext.fromEngagementContextAttributes(s, 'Imported', { engagementArn: ENGAGEMENT_ARN, engagementContextId: 'ctx-1' });
    expect(imported.engagementId).toBe('eng-0123456789abcd');
    expect(imported.engagementContextId).toBe('ctx-1');
    expect(imported.engagementArn).toBe(ENGAGEMENT_ARN);
    expect(imported.env).toEqual({ account: ACCOUNT, region: 'us-east-1' });
  });

  test('accepts exactly the ARNs of an engagement', () => {
    const s = stack();
    const expected = 'expected arn:<partition>:partnercentral:<region>::catalog/<catalog>/engagement/<engagement id> [arn]';
    for (const bad of [
      INSTANCE_ARN,
      'arn:aws:connect:us-east-1:123456789012:queue/abc',
      'arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagment/eng-0123456789abcd',
      'arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-0123456789abcd/context/x',
      'arn:aws:partnercentral:us-east-1:123456789012:catalog/Sandbox/engagement/eng-0123456789abcd',
      'arn:aws:partnercentral-selling:us-east-1::catalog/Sandbox/engagement/eng-0123456789abcd',
    ]) {
      expect(() => EngagementContext.fromEngagementContextAttributes(s, 'Imported', { engagementArn: bad, engagementContextId: 'ctx-1' }))
        .toThrow(`EngagementContext.fromEngagementContextAttributes 'Stack': "${bad}" is not the ARN of an engagement: ${expected}`);
    }
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
    import { Case, ConnectInstance, IConnectInstance } from 'LIBRARY';
    const stack = new Stack(new App(), 'Consumer');
    const made = new ConnectInstance(stack, 'Instance', { instanceAlias: 'corp' });
    const imported: IConnectInstance = ConnectInstance.fromInstanceArn(stack, 'Imported', '${INSTANCE_ARN}');
    new connect.CfnContactFlow(stack, 'Flow', { instanceArn: made, name: 'Main', type: 'CONTACT_FLOW', content: '{}' });
    new connect.CfnHoursOfOperation(stack, 'Hours', { instanceArn: imported, name: 'h', timeZone: 'UTC', config: [] });
    const notAnInstance = new Case(stack, 'Case', { domain: 'd', template: 't', title: 'x', customer: 'c' });
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

describe('tags applied with Tags.of(...) are checked at synth, merged with the tags prop', () => {
  const manyTags = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

  // The services take 50 tags; the handler adds its ownership tag, which leaves 49 to the user.
  test.each(['ConnectInstance', 'ContactEvaluation', 'Case'])('%s: more than 49 tags fail, naming the construct path', (name) => {
    const s = stack();
    const construct = CONSTRUCTS[name](s);
    for (const [key, value] of Object.entries(manyTags(50))) Tags.of(construct).add(key, value);
    expect(() => Template.fromStack(s)).toThrow(`${name} 'Stack/It': tags, including those applied with Tags.of(...), must hold at most 49 tags (got 50)`);
  });

  test('49 tags from the prop and Tags.of together pass; one more fails', () => {
    const s = stack();
    const ok = new Case(s, 'Ok', { domain: 'd', template: 't', title: 'x', customer: PROFILE, tags: manyTags(40, 'prop') });
    for (const [key, value] of Object.entries(manyTags(9))) Tags.of(ok).add(key, value);
    expect(() => Template.fromStack(s)).not.toThrow();

    const s2 = stack();
    const over = new Case(s2, 'Over', { domain: 'd', template: 't', title: 'x', customer: PROFILE, tags: manyTags(40, 'prop') });
    for (const [key, value] of Object.entries(manyTags(10))) Tags.of(over).add(key, value);
    expect(() => Template.fromStack(s2)).toThrow("Case 'Stack/Over': tags, including those applied with Tags.of(...), must hold at most 49 tags (got 50)");
  });

  test('a reserved aws: key applied with Tags.of fails', () => {
    const s = stack();
    Tags.of(s).add('aws:cost-center', '42');
    CONSTRUCTS.ConnectInstance(s);
    expect(() => Template.fromStack(s)).toThrow(/ConnectInstance 'Stack\/It': tags, including those applied with Tags\.of\(\.\.\.\), .*not starting with "aws:".*aws:cost-center/);
  });
});

describe('an imported instance must be in the stack\'s account and region', () => {
  test.each([
    ['ContactFlowVersion', 'region', INSTANCE_ARN.replace(REGION, 'eu-west-1'), 'is in region eu-west-1, the stack in us-west-2'],
    ['ContactEvaluation', 'account', INSTANCE_ARN.replace(ACCOUNT, '444455556666'), 'is in account 444455556666, the stack in 111122223333'],
  ])('%s with an instance of another %s fails, naming the construct path', (name, _, arn, message) => {
    const s = stack();
    const instance = ConnectInstance.fromInstanceArn(s, 'Elsewhere', arn);
    const make = name === 'ContactFlowVersion'
      ? () => new ContactFlowVersion(s, 'It', { instance, contactFlow: 'flow-1' })
      : () => new ContactEvaluation(s, 'It', { instance, contactId: 'c0ffee00-1234-4abc-8def-0123456789ab', evaluationForm: '9d3c6f0a-1111-2222-3333-444455556666' });
    expect(make).toThrow(`${name} 'Stack/It': instance Stack/Elsewhere ${message}`);
  });

  test('an environment-agnostic stack takes any instance (nothing to compare at synth)', () => {
    const s = stack({});
    const instance = ConnectInstance.fromInstanceArn(s, 'Elsewhere', INSTANCE_ARN.replace(REGION, 'eu-west-1'));
    expect(() => new ContactFlowVersion(s, 'It', { instance, contactFlow: 'flow-1' })).not.toThrow();
  });
});

describe('an EngagementContext must reach Partner Central (us-east-1, aws partition)', () => {
  test('a stack in any region of the aws partition is fine: the handler calls us-east-1', () => {
    expect(() => CONSTRUCTS.EngagementContext(stack({ account: ACCOUNT, region: 'eu-central-1' }))).not.toThrow();
  });

  test('a stack in another partition fails, naming the construct path', () => {
    expect(() => CONSTRUCTS.EngagementContext(stack({ account: ACCOUNT, region: 'cn-north-1' })))
      .toThrow("EngagementContext 'Stack/It': the stack's region cn-north-1 is in partition aws-cn; Partner Central is served only from us-east-1 in the aws partition");
  });

  test('an engagement ARN of another region fails', () => {
    const s = stack();
    expect(() => new EngagementContext(s, 'It', { catalog: Catalog.SANDBOX, engagementIdentifier: ENGAGEMENT_ARN.replace('us-east-1', 'eu-west-1'), payload: CUSTOMER_PROJECT }))
      .toThrow("EngagementContext 'Stack/It': engagementIdentifier must be an engagement of us-east-1 in the aws partition");
  });
});

describe("names follow aws-cdk-lib's design guidelines (read from the built .jsii assembly)", () => {
  const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.jsii'), 'utf8'));
  const types: Record<string, any> = assembly.types;
  /**
   * The prefix attributes and imports carry: the type's name, lower-camel. ConnectInstance's is
   * `instance`, as aws-cdk-lib's own `IInstanceRef.instanceRef.instanceArn` names it.
   */
  const PREFIX: Record<string, string> = { ConnectInstance: 'instance', Case: 'case', ContactEvaluation: 'contactEvaluation', ContactFlowVersion: 'contactFlowVersion', EngagementContext: 'engagementContext' };
  /** Attributes of another resource than the construct's own: the engagement a context belongs to. */
  const OF_ANOTHER_RESOURCE = ['EngagementContext.engagementId', 'EngagementContext.engagementArn'];

  test('no public member of any exported type is named attr*', () => {
    const members = Object.values(types).flatMap((t) => [...(t.properties ?? []), ...(t.methods ?? [])].map((m: any) => `${t.name}.${m.name}`));
    expect(members.length).toBeGreaterThan(100);
    expect(members.filter((m) => /\.attr[A-Z]/.test(m))).toEqual([]);
  });

  test.each(Object.keys(PREFIX))('%s: every attribute and import starts with the type\'s name; ARN-valued members end in Arn', (name) => {
    const type = types[`cdk-connect-resources.${name}`];
    const attributes = (type.properties ?? []).filter((p: any) => p.docs?.custom?.attribute !== undefined).map((p: any) => p.name as string);
    const imports = (type.methods ?? []).filter((m: any) => m.static && m.name.startsWith('from')).map((m: any) => m.name as string);
    expect(attributes.length).toBeGreaterThan(0);
    expect(imports.length).toBeGreaterThan(0);
    const prefix = PREFIX[name];
    expect(attributes.filter((a: string) => !a.startsWith(prefix) && !OF_ANOTHER_RESOURCE.includes(`${name}.${a}`))).toEqual([]);
    expect(imports.filter((m: string) => !m.startsWith(`from${prefix[0].toUpperCase()}${prefix.slice(1)}`))).toEqual([]);
    // An ARN-valued member names what it holds: `instanceServiceRoleArn`, not `serviceRole`.
    expect(attributes.filter((a: string) => /(Role|Function|Key|Bucket)$/.test(a))).toEqual([]);
  });
});
