/**
 * The package as a consumer gets it: `npm pack`, installed into a blank CDK app with nothing but
 * aws-cdk-lib and constructs, synthesizes a stack using every construct — no esbuild, no Docker,
 * no TypeScript at the consumer.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const version = (pkg: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const CONSUMER_APP = `
const { App, Stack } = require('aws-cdk-lib');
const lib = require('cdk-connect-resources');

const app = new App({ outdir: 'cdk.out' });
const stack = new Stack(app, 'Consumer', { env: { account: '111122223333', region: 'us-west-2' } });
const instance = new lib.ConnectInstance(stack, 'Instance', { instanceAlias: 'consumer', outboundCallsEnabled: false });
new lib.ContactFlowVersion(stack, 'FlowVersion', { instance, contactFlow: 'flow-1234' });
new lib.ContactEvaluation(stack, 'Evaluation', { instance, contactId: 'contact-1234', evaluationForm: 'form-1234' });
new lib.Case(stack, 'Case', {
  domain: 'domain-1234',
  template: 'template-1234',
  title: 'Refund',
  customer: 'arn:aws:profile:us-west-2:111122223333:domains/d/profiles/p',
});
new lib.EngagementContext(stack, 'Context', {
  catalog: lib.Catalog.SANDBOX,
  engagementIdentifier: 'eng-0123456789abcd',
  payload: lib.EngagementContextPayload.customerProject({
    customer: { companyName: 'Example Corp', countryCode: 'US', industry: lib.Industry.SOFTWARE_INTERNET, websiteUrl: 'https://www.example.com' },
  }),
});
app.synth();
`;

/** A mistake in a consumer's app: an alias of 47 characters. */
const MISTAKE_APP = `
const { App, Errors, Stack } = require('aws-cdk-lib');
const lib = require('cdk-connect-resources');
try {
  new lib.ConnectInstance(new Stack(new App(), 'Consumer'), 'Instance', { instanceAlias: 'a'.repeat(47) });
} catch (error) {
  console.log(JSON.stringify({ validation: Errors.isValidationError(error), stack: error.stack }));
}
`;

test('the packed tarball synthesizes in a blank CDK app', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
  try {
    execFileSync(NPM, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, stdio: 'pipe' });
    const tarball = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const files = execFileSync('tar', ['-tzf', path.join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/assets/handler/index.mjs');
    expect(files).toContain('package/lib/index.d.ts');
    // jsii-rosetta's output and fixture, for the translated README examples (docs/JSII.md)
    expect(files).toContain('package/.jsii.tabl.json');
    expect(files).toContain('package/rosetta/default.ts-fixture');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);

    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    execFileSync(
      NPM,
      ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`, `aws-cdk-lib@${version('aws-cdk-lib')}`, `constructs@${version('constructs')}`],
      { cwd: dir, stdio: 'pipe' },
    );
    expect(fs.existsSync(path.join(dir, 'node_modules', 'esbuild'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules', 'typescript'))).toBe(false);

    fs.writeFileSync(path.join(dir, 'app.js'), CONSUMER_APP);
    execFileSync(process.execPath, ['app.js'], { cwd: dir, stdio: 'pipe' });

    const template = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'Consumer.template.json'), 'utf8'));
    const types = Object.values<any>(template.Resources).map((r) => r.Type);
    expect(types).toEqual(
      expect.arrayContaining([
        'Custom::ConnectInstance',
        'Custom::ConnectFlowVersion',
        'Custom::ConnectContactEvaluation',
        'Custom::ConnectCase',
        'Custom::PartnerCentralEngagementContext',
      ]),
    );
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(1);
    const assets = fs.readdirSync(path.join(dir, 'cdk.out')).filter((f) => f.startsWith('asset.'));
    expect(assets.some((a) => fs.existsSync(path.join(dir, 'cdk.out', a, 'index.mjs')))).toBe(true);

    // A mistake is a validation error to aws-cdk-lib, and its stack trace names files the package
    // ships (lib/...), even with source maps on (ts-node and `node --enable-source-maps` apply
    // them): the compiled files carry none that would point at src/, which is not shipped.
    fs.writeFileSync(path.join(dir, 'mistake.js'), MISTAKE_APP);
    const mistake = JSON.parse(execFileSync(process.execPath, ['--enable-source-maps', 'mistake.js'], { cwd: dir, encoding: 'utf8' }));
    expect(mistake.validation).toBe(true);
    expect(mistake.stack).toContain('instanceAlias must have at most 45 characters');
    expect(mistake.stack).toMatch(/node_modules\/cdk-connect-resources\/lib\/private\/api-resource\.js:\d+/);
    expect(mistake.stack).not.toMatch(/cdk-connect-resources\/src\//);
    expect(files.filter((f) => f.startsWith('package/lib/') && f.endsWith('.js')).every((f) => !fs.readFileSync(path.join(dir, 'node_modules', 'cdk-connect-resources', f.slice('package/'.length)), 'utf8').includes('sourceMappingURL'))).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
