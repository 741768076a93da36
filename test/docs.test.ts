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
