import * as fs from 'node:fs';
import * as path from 'node:path';

const SPEC_DIR = path.join(__dirname, '..', 'src', 'spec');

/** Every module specifier a source file imports or re-exports. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

describe('the spec folder', () => {
  const files = fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.ts'));

  test('holds the rule engine, one file per resource type and an index', () => {
    expect(files).toEqual(
      expect.arrayContaining(['index.ts', 'rules.ts', 'connect-instance.ts', 'case.ts', 'contact-evaluation.ts', 'flow-version.ts', 'engagement-context.ts']),
    );
  });

  test.each(fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.ts')))('%s imports only other spec files, so construct and handler can both load it', (file) => {
    const foreign = importsOf(path.join(SPEC_DIR, file)).filter((specifier) => !specifier.startsWith('./'));
    expect(foreign).toEqual([]);
  });
});
