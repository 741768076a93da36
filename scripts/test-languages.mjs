// `npm run test:languages [-- python java go]`: builds the jsii packages (jsii-pacmak) and synthesizes
// the example contact-center app from Python, Java and Go (examples/<language>/, each next to the
// official aws-cdk-lib of its language, installed from PyPI, Maven Central and the Go module proxy),
// then checks that each template equals the TypeScript app's (bin/contact-center.ts) once 64-hex
// asset hashes are masked. Prints a table of timings; exits non-zero on any difference or failure.
//
// Needs python3 (with venv), java + mvn, and go on the PATH. The library must be built first
// (`npm run build`, which `npm test` runs); it is rebuilt here when lib/ is older than src/.
// Caches: ~/.cache/pip, ~/.m2/repository (or $MAVEN_LOCAL_REPOSITORY), $(go env GOMODCACHE).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const ALL = ['python', 'java', 'go'];
const only = process.argv.slice(2);
const unknown = only.filter((l) => !ALL.includes(l));
if (unknown.length > 0) fail(`unknown language(s) ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
const langs = ALL.filter((l) => only.length === 0 || only.includes(l));

// One step may take long on cold caches (Go compiles awscdk/v2 from source: ~4 min on 2 cores),
// but never forever: a stuck download fails the run with the step's log instead of hanging CI.
const STEP_TIMEOUT_MS = 25 * 60_000;
const GO_MODULE = 'github.com/cdk-connect-resources/cdk-connect-resources-go/cdkconnectresources';
const SYNTH_CONTEXT = { 'aws:cdk:version-reporting': false, '@aws-cdk/core:validateAgainstDefaultRules': true };
const env = {
  ...process.env,
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
  CDK_DISABLE_CLI_TELEMETRY: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};
const work = mkdtempSync(join(tmpdir(), 'languages-'));
const times = [];
const started = Date.now();

const children = new Set();

function fail(message) {
  // Steps still running (a pacmak next to a failed synth) would outlive the run otherwise.
  for (const child of children) child.kill('SIGTERM');
  console.error(`test:languages: ${message}`);
  process.exit(1);
}

/** Runs a command, its output into a log file; resolves with the seconds taken, rejects with the log's tail. */
function run(label, cmd, args, opts = {}) {
  const log = join(work, `${label.replace(/\W+/g, '-')}.log`);
  const out = createWriteStream(log);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    const timer = setTimeout(() => child.kill('SIGTERM'), STEP_TIMEOUT_MS);
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`${label}: cannot run ${cmd}: ${e.message}`)); });
    child.on('close', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      out.end(() => {
        const seconds = Math.round((Date.now() - t0) / 1000);
        times.push({ step: label, seconds });
        if (code === 0) return resolve(seconds);
        const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${label}: \`${cmd} ${args.join(' ')}\` ${signal ? `killed (${signal}, timeout ${STEP_TIMEOUT_MS / 60_000} min)` : `exited ${code}`}; last lines of ${log}:\n${tail}`));
      });
    });
  });
}

function requireTool(cmd, args, purpose) {
  const r = spawnSync(cmd, args, { stdio: 'ignore', env });
  if (r.error || r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` does not work here; it is needed for ${purpose}`);
}

const newest = (dir) => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, f)).mtimeMs));

/** The template, parsed, with 64-hex asset hashes (S3 keys, asset paths) masked. */
const normalized = (file) => JSON.parse(readFileSync(file, 'utf8').replace(/[0-9a-f]{64}/g, '<hash>'));

/** The paths where two JSON values differ (at most `limit`), for the failure message. */
function differences(a, b, path = '$', out = [], limit = 10) {
  if (out.length >= limit || isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], `${path}.${key}`, out, limit);
  } else {
    out.push(`${path}: TypeScript ${JSON.stringify(a)?.slice(0, 120)} / consumer ${JSON.stringify(b)?.slice(0, 120)}`);
  }
  return out;
}

// Each consumer: a copy of examples/<language> in the scratch directory, pointed at dist/.
const consumers = {
  async python(dir, outdir) {
    const wheel = readdirSync(join(root, 'dist/python')).find((f) => f.endsWith('.whl'));
    if (!wheel) throw new Error('python: no wheel in dist/python');
    await run('python: venv + pip install', 'sh', ['-c', `python3 -m venv .venv && .venv/bin/pip install --quiet -r requirements.txt "${join(root, 'dist/python', wheel)}"`], { cwd: dir });
    await run('python: synth', '.venv/bin/python', ['app.py'], { cwd: dir, env: { ...env, CDK_OUTDIR: outdir } });
  },
  async java(dir, outdir) {
    // As README › Install says: this build's artifact installed into the local repository
    // (install:install-file, which replaces a copy of the same version), and the consumer's
    // repository for the library pointed at an empty directory, so that the jar can only come
    // from the local repository.
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    const artifact = join(root, 'dist/java/io/github/cdk-connect-resources/cdk-connect-resources', version, `cdk-connect-resources-${version}`);
    const local = process.env.MAVEN_LOCAL_REPOSITORY ? [`-Dmaven.repo.local=${process.env.MAVEN_LOCAL_REPOSITORY}`] : [];
    await run('java: mvn install:install-file', 'mvn', ['-B', '-q', ...local, 'install:install-file', `-Dfile=${artifact}.jar`, `-DpomFile=${artifact}.pom`], { cwd: dir });
    mkdirSync(join(dir, 'no-repository'));
    const args = ['-B', '-q', `-Dconnect.repo=file://${join(dir, 'no-repository')}`, ...local];
    await run('java: mvn compile', 'mvn', [...args, 'compile'], { cwd: dir });
    await run('java: synth', 'mvn', [...args, 'exec:java'], { cwd: dir, env: { ...env, CDK_OUTDIR: outdir } });
  },
  async go(dir, outdir) {
    await run('go: mod tidy + build', 'sh', ['-c', `go mod edit -replace=${GO_MODULE}=${join(root, 'dist/go/cdkconnectresources')} && go mod tidy && go build -o app .`], { cwd: dir });
    await run('go: synth', './app', [], { cwd: dir, env: { ...env, CDK_OUTDIR: outdir } });
  },
};
const TOOLS = {
  python: [['python3', ['-m', 'venv', '--help']], 'the Python package and consumer'],
  java: [['mvn', ['-v']], 'the Java package and consumer'],
  go: [['go', ['version']], 'the Go consumer'],
};

async function main() {
  for (const lang of langs) requireTool(...TOOLS[lang][0], TOOLS[lang][1]);

  // 1. The library: rebuilt only when the build is older than the sources.
  const built = existsSync(join(root, '.jsii')) && existsSync(join(root, 'assets/handler/index.mjs'));
  if (!built || statSync(join(root, '.jsii')).mtimeMs < newest(join(root, 'src'))) await run('npm run build', 'npm', ['run', 'build'], { cwd: root });

  // 2. Packages and the TypeScript reference, concurrently. Go: code only, since pacmak's own Go
  // build resolves the `// indirect` requirements it copies from node_modules, some of which the
  // Go proxy does not serve (cloud-assembly-schema v53.28.0: 403); fix-go-mod drops them and the
  // consumer's `go mod tidy` resolves what awscdk/v2 itself requires.
  const tsOut = join(work, 'typescript.out');
  const pacmakTargets = langs.filter((l) => l !== 'go');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await Promise.all([
    pacmakTargets.length > 0 && run(`pacmak ${pacmakTargets.join(' + ')}`, 'npx', ['jsii-pacmak', '--targets', ...pacmakTargets], { cwd: root }),
    langs.includes('go') &&
      run('pacmak go (code only)', 'sh', ['-c', 'npx jsii-pacmak --targets go --code-only --outdir dist && node scripts/fix-go-mod.mjs'], { cwd: root }),
    run('typescript: synth', process.execPath, ['scripts/run-ts.mjs', 'bin/contact-center.ts'], {
      cwd: root,
      env: { ...env, CDK_OUTDIR: tsOut, CDK_CONTEXT_JSON: JSON.stringify(SYNTH_CONTEXT) },
    }),
  ]);
  const expected = normalized(join(tsOut, 'ContactCenter.template.json'));

  // 3. The consumers, concurrently (mostly downloads; Go's compile is the CPU-bound part).
  const results = await Promise.allSettled(
    langs.map(async (lang) => {
      const dir = join(work, lang);
      const outdir = join(dir, 'cdk.out');
      cpSync(join(root, 'examples', lang), dir, { recursive: true, filter: (src) => !/(\.venv|target|cdk\.out)$/.test(src) });
      await consumers[lang](dir, outdir);
      const diff = differences(expected, normalized(join(outdir, 'ContactCenter.template.json')));
      if (diff.length > 0) throw new Error(`${lang}: the template differs from the TypeScript app's:\n  ${diff.join('\n  ')}`);
    }),
  );

  console.table(times);
  console.log(`total ${Math.round((Date.now() - started) / 1000)} s`);
  for (const [i, r] of results.entries()) {
    console.log(r.status === 'fulfilled' ? `${langs[i]}: template equals the TypeScript app's` : `${langs[i]}: FAILED\n${r.reason.message}`);
  }
  const failed = results.filter((r) => r.status === 'rejected').length;
  console.log(`${langs.length - failed} passed, ${failed} failed`);
  return failed;
}

main()
  .then((failed) => {
    if (!process.env.KEEP_LANGUAGES_WORKDIR) rmSync(work, { recursive: true, force: true });
    process.exit(failed ? 1 : 0);
  })
  .catch((e) => {
    console.table(times);
    fail(`${e.message}\n(work directory kept: ${work})`);
  });
