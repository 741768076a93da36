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

test('one handler serves every construct of the stack', () => {
  const app = buildApp(new App());
  const template = Template.fromStack(app.node.findChild('ContactCenter') as any);
  template.resourceCountIs('AWS::Lambda::Function', 1);
});
