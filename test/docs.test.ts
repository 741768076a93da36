/**
 * The API reference: every export documented (typedoc runs with warnings as errors), and the
 * committed docs/api is what `npm run docs` generates from the current sources.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return out;
}

test('typedoc finds every export documented, and docs/api is up to date (npm run docs)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'api-'));
  try {
    const typedoc = path.join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
    execFileSync(process.execPath, [typedoc, '--out', out], { cwd: ROOT, stdio: 'pipe' });
    expect(files(path.join(ROOT, 'docs', 'api'))).toEqual(files(out));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
