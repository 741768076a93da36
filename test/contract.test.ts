import * as fs from 'node:fs';
import * as path from 'node:path';

const CONTRACT_DIR = path.join(__dirname, '..', 'src', 'contract');

/** Every module specifier a source file imports or re-exports. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

describe('the contract folder', () => {
  const files = fs.readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.ts'));

  test('holds the rule engine, one file per resource type and an index', () => {
    expect(files).toEqual(
      expect.arrayContaining(['index.ts', 'rules.ts', 'connect-instance.ts', 'case.ts', 'contact-evaluation.ts', 'flow-version.ts', 'engagement-context.ts']),
    );
  });

  test.each(fs.readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.ts')))('%s imports only other contract files, so construct and handler can both load it', (file) => {
    const foreign = importsOf(path.join(CONTRACT_DIR, file)).filter((specifier) => !specifier.startsWith('./'));
    expect(foreign).toEqual([]);
  });
});
