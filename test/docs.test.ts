/**
 * The API reference: API.md is what jsii-docgen generates from the current build (`npm run docs`,
 * the Construct Hub convention), and every exported type and member carries a description —
 * read from the jsii assembly (.jsii), which is what every language's package documents.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

test('API.md is up to date (npm run docs)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-'));
  try {
    const docgen = path.join(ROOT, 'node_modules', 'jsii-docgen', 'bin', 'jsii-docgen');
    execFileSync(process.execPath, [docgen, '-o', path.join(dir, 'API.md')], { cwd: ROOT, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'API.md'), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('every exported type, property, method and enum member is documented', () => {
  const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  const undocumented: string[] = [];
  const check = (name: string, item: { docs?: { summary?: string } }) => {
    if (!item.docs?.summary?.trim()) undocumented.push(name);
  };
  for (const [fqn, type] of Object.entries<any>(assembly.types)) {
    check(fqn, type);
    for (const member of [...(type.properties ?? []), ...(type.methods ?? []), ...(type.members ?? [])]) {
      check(`${fqn}.${member.name}`, member);
    }
  }
  expect(Object.keys(assembly.types).length).toBeGreaterThan(20);
  expect(undocumented).toEqual([]);
});

/**
 * The README's TypeScript examples as Construct Hub shows them in every language: jsii-rosetta
 * compiles each against the built API (lib/*.d.ts, with rosetta/default.ts-fixture) and translates
 * it. The README is read from disk rather than from the last build's .jsii, and nothing is reused
 * from the build's tablet, so an example that stopped compiling fails here even before
 * `npm run build` (whose `jsii-rosetta extract --strict` fails on it too).
 */
test('every TypeScript example in README.md compiles and has a Python, Java and Go translation', async () => {
  // `extractSnippets` is what `jsii-rosetta extract` runs; jsii-rosetta's package exports only its
  // index, so the module is loaded by its file. It returns the tablet instead of writing it.
  const { extractSnippets } = require(path.join(ROOT, 'node_modules', 'jsii-rosetta', 'lib', 'commands', 'extract.js')) as {
    extractSnippets(dirs: string[], options: object): Promise<{ diagnostics: RosettaDiagnostic[]; tablet: { translatedSnippets: TranslatedSnippet[] } }>;
  };
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  // A copy of the package directory whose assembly holds the README as it is now; lib/ and
  // node_modules/ are linked, so the examples compile against the same API and aws-cdk-lib.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rosetta-'));
  try {
    const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
    fs.writeFileSync(path.join(dir, '.jsii'), JSON.stringify({ ...assembly, readme: { markdown: readme } }));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.cpSync(path.join(ROOT, 'rosetta'), path.join(dir, 'rosetta'), { recursive: true });
    for (const linked of ['lib', 'node_modules']) fs.symlinkSync(path.join(ROOT, linked), path.join(dir, linked), 'dir');

    const { diagnostics, tablet } = await extractSnippets([dir], { includeCompilerDiagnostics: true, writeToImplicitTablets: false });
    expect(diagnostics.filter((d) => d.isError).map((d) => d.formattedMessage)).toEqual([]);

    const examples = tablet.translatedSnippets
      .filter((s) => s.snippet.location?.api.api === 'moduleReadme')
      .map((s) => ({
        line: s.snippet.location?.field?.line,
        didCompile: s.snippet.didCompile,
        python: Boolean(s.get('python')?.source.trim()),
        java: Boolean(s.get('java')?.source.trim()),
        go: Boolean(s.get('go')?.source.trim()),
      }));
    // Every ```ts block of the README, none left out (rosetta reads `ts` and `typescript` fences).
    expect(examples).toHaveLength(readme.match(/^```(ts|typescript)\b/gm)?.length ?? 0);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) {
      expect(example).toEqual({ line: example.line, didCompile: true, python: true, java: true, go: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

interface RosettaDiagnostic {
  readonly isError: boolean;
  readonly formattedMessage: string;
}

interface TranslatedSnippet {
  readonly snippet: { didCompile?: boolean; location?: { api: { api: string }; field?: { line?: number } } };
  get(language: string): { source: string } | undefined;
}
