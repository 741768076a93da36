/**
 * The example contact-center app (bin/contact-center.ts): what a reviewer of a real stack checks.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../bin/contact-center';

function synthExample(configure: (app: App) => void = () => undefined) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  configure(app);
  buildApp(app);
  const assembly = app.synth();
  return { app, outdir, assembly };
}

test('cdk-nag AwsSolutions finds nothing unacknowledged; every acknowledgement is finding-level with a reason', () => {
  const { outdir, assembly } = synthExample((app) => Validations.of(app).addPlugins(new AwsSolutionsChecks(app)));

  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  const violations = report.pluginReports.flatMap((r: any) => r.violations ?? []);
  expect(violations).toEqual([]);

  const acknowledged = assembly
    .getStackByName('ContactCenter')
    .findMetadataByType('aws:cdk:acknowledged-rules')
    .flatMap((entry) => Object.entries(entry.data as unknown as Record<string, string>));
  expect(acknowledged.length).toBeGreaterThan(0);
  for (const [id, reason] of acknowledged) {
    expect(id).toMatch(/AwsSolutions-[A-Z]+\d+\[.+\]$/);
    expect(reason.length).toBeGreaterThan(40);
  }
});

test("aws-cdk-lib's own template validation, with findings as errors, passes", () => {
  expect(() => synthExample()).not.toThrow();
});

test('the synthesized template matches the reviewed snapshot', () => {
  const { assembly } = synthExample();
  const template = JSON.stringify(assembly.getStackByName('ContactCenter').template, null, 1)
    // The handler asset's hash changes with every handler change; the code is reviewed as code.
    .replace(/[0-9a-f]{64}\.zip/g, '<handler asset>.zip');
  expect(JSON.parse(template)).toMatchSnapshot();
});

test('Lambda retries a failed invocation twice, never once CloudFormation has given up, and every custom resource has a ServiceTimeout', () => {
  const template = Template.fromStack(buildApp(new App()).node.findChild('ContactCenter') as any);
  template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
  const customs = Object.values(template.toJSON().Resources as Record<string, any>).filter((r) => r.Type.startsWith('Custom::'));
  expect(customs.length).toBeGreaterThanOrEqual(5);
  for (const r of customs) {
    expect(Number(r.Properties.ServiceTimeout)).toBeGreaterThanOrEqual(300);
    expect(Number(r.Properties.ServiceTimeout)).toBeLessThanOrEqual(3600);
  }
});

test('one handler serves every construct of the stack', () => {
  const app = buildApp(new App());
  const template = Template.fromStack(app.node.findChild('ContactCenter') as any);
  const handlers = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('ConnectResourcesProvider'));
  expect(handlers).toHaveLength(1);
});

test('the handler role: no wildcard action, and "*" resources only for the actions that have no resource type', () => {
  const app = buildApp(new App());
  const template = Template.fromStack(app.node.findChild('ContactCenter') as any);
  // The handler's; the example's own Lambda function has its role too.
  const ofHandler = (type: string) => Object.entries(template.findResources(type)).filter(([id]) => id.startsWith('ConnectResourcesProvider')).map(([, r]) => r);
  const policies = ofHandler('AWS::IAM::Policy');
  expect(policies).toHaveLength(1);
  const statements: any[] = policies[0].Properties.PolicyDocument.Statement;

  for (const statement of statements) {
    expect(statement.Effect).toBe('Allow');
    for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
  }
  const unscoped = statements.filter((st) => [st.Resource].flat().includes('*')).flatMap((st) => [st.Action].flat());
  expect(unscoped.sort()).toEqual(
    [
      // Connect: CreateInstance (conditioned on the ownership tag), and the Directory Service calls
      // Connect makes as the caller that take no directory (conditioned on the region).
      'connect:CreateInstance',
      'ds:AuthorizeApplication',
      'ds:CheckAlias',
      'ds:CreateDirectory',
      'ds:CreateIdentityPoolDirectory',
      'ds:DescribeDirectories',
      'ds:UnauthorizeApplication',
    ].sort(),
  );
  for (const st of statements.filter((s) => [s.Resource].flat().includes('*'))) expect(st.Condition).toBeDefined();
  const partnerCentral = statements.find((st) => [st.Action].flat().includes('partnercentral:CreateEngagementContext'));
  expect(partnerCentral.Condition).toEqual({ StringEquals: { 'partnercentral:Catalog': 'Sandbox' } });
  // The role can be assumed by Lambda only, and carries no managed policies.
  const roles = ofHandler('AWS::IAM::Role');
  expect(roles).toHaveLength(1);
  const role = roles[0];
  expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
    { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
  ]);
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
});
