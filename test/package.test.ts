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
const instance = new lib.ConnectInstance(stack, 'Instance', {
  identityManagementType: lib.IdentityManagementType.CONNECT_MANAGED,
  instanceAlias: 'consumer',
  inboundCallsEnabled: true,
  outboundCallsEnabled: false,
});
new lib.FlowVersion(stack, 'FlowVersion', { instance, contactFlowId: 'flow-1234' });
new lib.ContactEvaluation(stack, 'Evaluation', { instance, contactId: 'contact-1234', evaluationFormId: 'form-1234' });
new lib.Case(stack, 'Case', {
  domainId: 'domain-1234',
  templateId: 'template-1234',
  fields: [lib.CaseField.title('Refund'), lib.CaseField.customerId('arn:aws:profile:us-west-2:111122223333:domains/d/profiles/p')],
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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
