// `npm run synth:latest [-- <aws-cdk-lib version>]`: synthesizes the example contact-center app
// (bin/contact-center.ts) against the newest aws-cdk-lib on npm (or the version given), the way a
// consumer installs the library: the packed tarball next to that aws-cdk-lib in a scratch
// directory, with aws-cdk-lib's template validation on (findings fail the synth) and with
// JSII_DEPRECATED=fail (a deprecated aws-cdk-lib member called on the synth path throws, as it does
// for CDK users who turn it on). The tests run on the devDependency, which is the peer floor; this
// checks the other end of the peer range.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const version = process.argv[2] ?? 'latest';
const dir = mkdtempSync(join(tmpdir(), 'synth-latest-'));
const npm = (...args) => execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  // The app, with the library's sources imported as the installed package.
  await build({
    entryPoints: [join(root, 'bin/contact-center.ts')], outfile: join(dir, 'app.cjs'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning',
    plugins: [{ name: 'library-as-package', setup: (b) => b.onResolve({ filter: /^\.\.\/src$/ }, () => ({ path: 'cdk-connect-resources', external: true })) }],
  });
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'synth-latest', version: '0.0.0', private: true }));
  npm('install', '--no-audit', '--no-fund', `./${tarball}`, `aws-cdk-lib@${version}`, 'constructs@^10.5.1');
  const installed = JSON.parse(readFileSync(join(dir, 'node_modules/aws-cdk-lib/package.json'), 'utf8')).version;

  const outdir = join(dir, 'cdk.out');
  execFileSync(process.execPath, ['app.cjs'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, JSII_DEPRECATED: 'fail', CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ '@aws-cdk/core:validateAgainstDefaultRules': true }) },
  });
  const template = JSON.parse(readFileSync(join(outdir, 'ContactCenter.template.json'), 'utf8'));
  const types = new Set(Object.values(template.Resources).map((r) => r.Type));
  const expected = ['Custom::ConnectInstance', 'Custom::ConnectFlowVersion', 'Custom::ConnectContactEvaluation', 'Custom::ConnectCase', 'Custom::PartnerCentralEngagementContext'];
  const missing = expected.filter((t) => !types.has(t));
  if (missing.length > 0) throw new Error(`the template lacks ${missing.join(', ')}`);
  console.log(`synth:latest: the example app synthesizes with aws-cdk-lib ${installed} (${Object.keys(template.Resources).length} resources)`);
} catch (e) {
  console.error(`synth:latest: the example app does not synthesize with aws-cdk-lib@${version}: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
