/** Every export is documented: the API reference (npm run docs) is generated with warnings as errors. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

test('typedoc finds every export documented and every link valid', () => {
  const typedoc = path.join(__dirname, '..', 'node_modules', 'typedoc', 'bin', 'typedoc');
  expect(() => execFileSync(process.execPath, [typedoc, '--emit', 'none'], { cwd: path.join(__dirname, '..'), stdio: 'pipe' })).not.toThrow();
}, 120_000);
