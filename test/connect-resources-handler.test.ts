import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnCondition, CfnParameter, CfnResource, Duration, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { Case, ConnectResourcesHandler, ConnectResourcesHandlerOptions } from '../src';
import { CONSTRUCTS, stack } from './support/constructs';

/** A stack whose handler is configured, with one construct that makes the handler. */
function configured(options: (s: Stack) => ConnectResourcesHandlerOptions, s = stack()): Stack {
  ConnectResourcesHandler.configure(s, options(s));
  CONSTRUCTS.Case(s);
  return s;
}

function handler(s: Stack): any {
  return Object.values(Template.fromStack(s).findResources('AWS::Lambda::Function'))[0];
}

const VPC_ACTIONS = ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'];

test('without configuration the handler is as before: 5 minutes, 512 MiB, no VPC, logs kept three months', () => {
  const s = stack();
  CONSTRUCTS.Case(s);
  const fn = handler(s);
  expect(fn.Properties).toMatchObject({ Timeout: 300, MemorySize: 512 });
  expect(fn.Properties.VpcConfig).toBeUndefined();
  Template.fromStack(s).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  Template.fromStack(s).resourceCountIs('AWS::IAM::Policy', 1);
});

test('timeout, memory and the environment key reach the function', () => {
  const s = configured((st) => ({ timeout: Duration.minutes(12), memorySize: 1024, environmentEncryption: new kms.Key(st, 'Key') }));
  Template.fromStack(s).hasResourceProperties('AWS::Lambda::Function', { Timeout: 720, MemorySize: 1024, KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
});

test('in a VPC, the handler gets its subnets and security groups, and its role may manage network interfaces before the function is created', () => {
  const s = configured((st) => {
    const vpc = new ec2.Vpc(st, 'Vpc', { maxAzs: 2 });
    return { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [new ec2.SecurityGroup(st, 'Sg', { vpc })] };
  });
  const template = Template.fromStack(s);
  const fn = handler(s);
  template.hasResourceProperties('AWS::Lambda::Function', {
    VpcConfig: {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPrivateSubnet2') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Sg'), 'GroupId'] }],
    },
  });
  const [[policyId, policy]] = Object.entries(template.findResources('AWS::IAM::Policy', { Properties: { PolicyDocument: { Statement: [Match.objectLike({ Sid: 'LambdaVpcNetworkInterfaces' })] } } }));
  expect(policy.Properties.PolicyDocument.Statement[0]).toMatchObject({ Action: VPC_ACTIONS, Resource: '*' });
  expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^ConnectResourcesProviderRole/) }]);
  expect(fn.DependsOn).toContain(policyId);
});

test('a given role is used instead of a new one, and is granted both the constructs\' and the VPC permissions', () => {
  const s = configured((st) => ({
    role: iam.Role.fromRoleArn(st, 'Existing', 'arn:aws:iam::111122223333:role/contact-center-handler'),
    vpc: new ec2.Vpc(st, 'Vpc', { maxAzs: 1 }),
  }));
  const template = Template.fromStack(s);
  template.resourceCountIs('AWS::IAM::Role', 0);
  expect(handler(s).Properties.Role).toBe('arn:aws:iam::111122223333:role/contact-center-handler');
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(2);
  for (const policy of policies) expect(policy.Properties.Roles).toEqual(['contact-center-handler']);
});

test('PermissionsBoundary.of(...).apply reaches the handler\'s role', () => {
  const s = stack();
  iam.PermissionsBoundary.of(s).apply(iam.ManagedPolicy.fromManagedPolicyName(s, 'Boundary', 'contact-center-boundary'));
  CONSTRUCTS.Case(s);
  Template.fromStack(s).hasResourceProperties('AWS::IAM::Role', {
    PermissionsBoundary: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':policy/contact-center-boundary$')])] },
  });
});

test('a given log group is written to and granted; a retention shapes the new one', () => {
  const withGroup = configured((st) => ({ logGroup: new logs.LogGroup(st, 'Shared', { retention: logs.RetentionDays.ONE_YEAR }) }));
  const template = Template.fromStack(withGroup);
  template.resourceCountIs('AWS::Logs::LogGroup', 1);
  template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^Shared') } } });
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'WriteOwnLogs', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shared'), 'Arn'] } })]) },
  });

  const withRetention = configured(() => ({ logRetention: logs.RetentionDays.ONE_WEEK }));
  Template.fromStack(withRetention).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
});

test.each([
  ['a timeout under a minute', () => ({ timeout: Duration.seconds(30) }), 'timeout must be from 1 to 15 minutes (got 30 seconds)'],
  ['a timeout over 15 minutes', () => ({ timeout: Duration.minutes(16) }), 'timeout must be from 1 to 15 minutes'],
  ['too little memory', () => ({ memorySize: 128 }), 'memorySize must be a whole number of MiB from 256 to 10240 (got 128)'],
  ['a fraction of memory', () => ({ memorySize: 512.5 }), 'memorySize must be a whole number'],
  ['a log group and a retention', (st: Stack) => ({ logGroup: new logs.LogGroup(st, 'G'), logRetention: logs.RetentionDays.ONE_DAY }), 'give logGroup or logRetention, not both'],
  ['subnets without a VPC', () => ({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }), 'vpcSubnets and securityGroups need a vpc'],
  ['a rate for an API the handler does not pace', () => ({ requestRates: { CreateUser: 5 } }), 'requestRates: "CreateUser" is not one of CreateInstance, CreateContactFlowVersion, StartContactEvaluation, CreateCase, CreateEngagementContext'],
  ['a rate of 0', () => ({ requestRates: { CreateCase: 0 } }), 'requestRates: CreateCase must be a number of requests per second above 0, known at synth (got 0)'],
  ['a rate known only at deploy', () => ({ requestRates: { CreateCase: Token.asNumber({ Ref: 'Rate' }) } }), 'requestRates: CreateCase must be a number of requests per second above 0, known at synth (got a token)'],
  ['a turnaround under a second', () => ({ resourceTurnaround: Duration.millis(500) }), 'resourceTurnaround must be from 1 to 60 seconds, known at synth (got 0.5 s)'],
  ['a turnaround known only at deploy', () => ({ resourceTurnaround: Duration.seconds(Token.asNumber({ Ref: 'T' })) }), 'resourceTurnaround must be from 1 to 60 seconds, known at synth (got a token)'],
])('configure refuses %s, naming the scope', (_, options: (s: Stack) => ConnectResourcesHandlerOptions, message) => {
  const s = stack();
  expect(() => ConnectResourcesHandler.configure(s, options(s))).toThrow(`ConnectResourcesHandler 'Stack': ${message}`);
});

/** Each custom resource of the type with the custom resources of that type it depends on. */
function lanesOf(s: Stack, type: string): Record<string, string[]> {
  const resources = Template.fromStack(s).findResources(type);
  return Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, [r.DependsOn ?? []].flat().filter((d: string) => d in resources)]));
}

test('a type with more resources than its quota\'s burst is created in lanes of ceil(rate × 2 s): at most that many requests in flight', () => {
  const s = stack();
  for (let i = 0; i < 12; i++) CONSTRUCTS.Case(s, `Case${i}`); // CreateCase: 2/s, burst 10 → 4 lanes
  const lanes = Object.values(lanesOf(s, 'Custom::ConnectCase'));
  expect(lanes.filter((deps) => deps.length === 0)).toHaveLength(4);
  expect(lanes.filter((deps) => deps.length === 1)).toHaveLength(8);
});

test('no more resources than the burst: no lanes, every request at once', () => {
  const s = stack();
  for (let i = 0; i < 10; i++) CONSTRUCTS.Case(s, `Case${i}`);
  for (let i = 0; i < 5; i++) CONSTRUCTS.ContactFlowVersion(s, `Version${i}`); // Connect's burst of 5
  expect(Object.values(lanesOf(s, 'Custom::ConnectCase')).flat()).toEqual([]);
  expect(Object.values(lanesOf(s, 'Custom::ConnectFlowVersion')).flat()).toEqual([]);
});

test('lanes follow requestRates and resourceTurnaround', () => {
  const s = stack();
  ConnectResourcesHandler.configure(s, { requestRates: { CreateCase: 10 }, resourceTurnaround: Duration.seconds(1.5) });
  for (let i = 0; i < 40; i++) CONSTRUCTS.Case(s, `Case${i}`);
  expect(Object.values(lanesOf(s, 'Custom::ConnectCase')).filter((deps) => deps.length === 0)).toHaveLength(15);
});

test('lanes keep the order of resources that depend on each other, and close no cycle with them', () => {
  const s = stack();
  const cases = Array.from({ length: 12 }, (_, i) => CONSTRUCTS.Case(s, `Case${i}`));
  // Against the construct order: the first case waits for the last, through a reference and a construct dependency.
  (cases[0].node.defaultChild as CfnResource).addPropertyOverride('Fields.0.Value.StringValue', (cases[11] as Case).caseId);
  cases[1].node.addDependency(cases[10]);
  const c9 = s.resolve(s.getLogicalId(cases[9].node.defaultChild as CfnResource));
  (cases[2].node.defaultChild as CfnResource).addPropertyOverride('Fields.0.Value.StringValue', Fn.sub(`case \${${c9}.CaseId}`));
  const template = Template.fromStack(s).toJSON();
  const order = topologicalOrder(template.Resources);
  expect(order).toBeDefined(); // no cycle
  const position = (c: Construct) => order!.indexOf(s.getLogicalId(c.node.defaultChild as CfnResource));
  expect(position(cases[0])).toBeGreaterThan(position(cases[11]));
  expect(position(cases[1])).toBeGreaterThan(position(cases[10]));
  expect(position(cases[2])).toBeGreaterThan(position(cases[9]));
});

test('resources under a condition are laned apart from the others: no DependsOn on a resource the condition may leave out', () => {
  const s = stack();
  const condition = new CfnCondition(s, 'Seeded', { expression: Fn.conditionEquals(new CfnParameter(s, 'Seed').valueAsString, 'yes') });
  for (let i = 0; i < 12; i++) {
    const c = CONSTRUCTS.Case(s, `Case${i}`);
    if (i % 2 === 0) (c.node.defaultChild as CfnResource).cfnOptions.condition = condition;
  }
  const resources = Template.fromStack(s).findResources('Custom::ConnectCase');
  for (const [id, r] of Object.entries(resources)) {
    for (const dep of [r.DependsOn ?? []].flat().filter((d: string) => d in resources)) expect([id, resources[dep].Condition]).toEqual([id, r.Condition]);
  }
  expect(Object.values(lanesOf(s, 'Custom::ConnectCase')).flat()).toHaveLength(4); // 6 each side, 4 lanes: 2 + 2
});

test('each synthesis works the lanes out anew from the stack without them: synthesizing twice gives the same template', () => {
  const s = stack();
  for (let i = 0; i < 20; i++) CONSTRUCTS.Case(s, `Case${i}`);
  const first = Template.fromStack(s).toJSON();
  const app = s.node.root as App;
  app.synth({ force: true });
  expect(Template.fromStack(s).toJSON()).toEqual(first);
  expect(Object.values(lanesOf(s, 'Custom::ConnectCase')).flat()).toHaveLength(16);
});

test('the handler function names the lanes in its metadata, so that a change of lanes alone changes the template (a nested stack is hashed before lanes go in)', () => {
  const s = stack();
  ConnectResourcesHandler.configure(s, { requestRates: { CreateCase: 3 } });
  for (let i = 0; i < 12; i++) CONSTRUCTS.Case(s, `Case${i}`);
  expect(handler(s).Metadata['cdk-connect-resources:lanes']).toEqual({ 'Custom::ConnectCase': 6 });
  const unlaned = stack();
  CONSTRUCTS.Case(unlaned);
  expect(handler(unlaned).Metadata?.['cdk-connect-resources:lanes']).toBeUndefined();
});

test("the function keeps CloudFormation's events for an hour, the longest ServiceTimeout, and retries a failed invocation twice", () => {
  const s = stack();
  CONSTRUCTS.ConnectInstance(s); // ServiceTimeout 30 minutes, the longest of the five
  Template.fromStack(s).hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 });
  const timeouts = Object.values(Template.fromStack(s).findResources('Custom::ConnectInstance')).map((r) => r.Properties.ServiceTimeout);
  expect(Math.max(...timeouts)).toBeLessThanOrEqual(3600);
});

/** The logical ids in an order that puts each after what it depends on (Ref, GetAtt, DependsOn), or undefined on a cycle. */
function topologicalOrder(resources: Record<string, any>): string[] | undefined {
  const deps = (r: any) => {
    const text = JSON.stringify(r.Properties ?? {});
    const named = [...text.matchAll(/"(?:Ref|Fn::GetAtt)":\s*\[?"([A-Za-z0-9]+)/g), ...text.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].map((m) => m[1]);
    return new Set([...[r.DependsOn ?? []].flat(), ...named].filter((id) => id in resources));
  };
  const order: string[] = [];
  const left = new Map(Object.entries(resources).map(([id, r]) => [id, deps(r)]));
  while (left.size > 0) {
    const ready = [...left].filter(([, d]) => [...d].every((id) => order.includes(id))).map(([id]) => id);
    if (ready.length === 0) return undefined;
    for (const id of ready) {
      order.push(id);
      left.delete(id);
    }
  }
  return order;
}

test('configure is taken at any point before synthesis, after the constructs too', () => {
  const s = stack();
  CONSTRUCTS.Case(s);
  ConnectResourcesHandler.configure(s, { memorySize: 1024, timeout: Duration.minutes(10) });
  CONSTRUCTS.ConnectInstance(s, 'Instance');

  const template = Template.fromStack(s);
  template.resourceCountIs('AWS::Lambda::Function', 1);
  template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 600 });
});

test('configure twice, or after the function was asked for, is refused (it would otherwise be silently ignored)', () => {
  const twice = stack();
  ConnectResourcesHandler.configure(twice, { memorySize: 1024 });
  expect(() => ConnectResourcesHandler.configure(twice, { memorySize: 2048 })).toThrow("ConnectResourcesHandler 'Stack': the handler of stack Stack is configured already; configure it once [handler-options]");

  const asked = stack();
  ConnectResourcesHandler.of(asked).function.metricErrors();
  expect(() => ConnectResourcesHandler.configure(asked, { memorySize: 1024 })).toThrow('exists already (its function or role was asked for); configure it before that');
});

test('of(stack) gives the function and role the constructs use, for alarms and policies', () => {
  const s = stack();
  CONSTRUCTS.Case(s);
  const handler = ConnectResourcesHandler.of(s);
  handler.function.metricErrors().createAlarm(s, 'HandlerErrors', { threshold: 1, evaluationPeriods: 1 });
  handler.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXrayWriteOnlyAccess'));

  const template = Template.fromStack(s);
  template.resourceCountIs('AWS::Lambda::Function', 1);
  const [fnId] = Object.keys(template.findResources('AWS::Lambda::Function'));
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }] });
  const custom = Object.values(template.findResources('Custom::ConnectCase'))[0] as any;
  expect(custom.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
});

test('cdk-nag finds nothing unacknowledged in the handler configured in a VPC with a given role', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'handler-nag-'));
  try {
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const s = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });
    configured((st) => ({ vpc: ec2.Vpc.fromVpcAttributes(st, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-west-2a'], privateSubnetIds: ['subnet-0123456789abcdef0'] }), role: iam.Role.fromRoleName(st, 'Existing', 'contact-center-handler') }), s);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const violations = report.pluginReports.flatMap((r: any) => r.violations ?? []);
    expect(violations).toEqual([]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
