/**
 * The README is read on npm and Construct Hub, where only the published files exist: every
 * relative link must name a file the package ships (package.json `files`, as `npm pack` applies
 * it) and every anchor a heading of the README.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The link targets of a markdown text, outside code blocks. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

test('every README link resolves inside the published package', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  // --ignore-scripts: only the file list is wanted, not a build (prepack).
  const [packed] = JSON.parse(execFileSync(NPM, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  const shipped = new Set<string>(packed.files.map((f: { path: string }) => f.path));
  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1])));

  const broken = links(readme).filter((target) => {
    if (/^https?:\/\//.test(target)) return false;
    if (target.startsWith('#')) return !anchors.has(target.slice(1));
    return !shipped.has(path.posix.normalize(target.split('#')[0]));
  });
  expect(links(readme).length).toBeGreaterThan(0);
  expect(broken).toEqual([]);
}, 60_000);
