// `npm run clean`: removes what the build, the packaging, the synth, the bench and the tests write
// into the clone — the entries .gitignore lists as their output — so that the next `npm run build`
// starts from the sources alone.
//
// Installed environments stay: node_modules (`npm ci` makes it), .venv-moto and .venv-cfn-lint
// (.ci/run rebuilds them only when their pinned version changes) and examples/python/.venv. They
// are not output of the sources, and recreating them means downloading again.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const outputs = [
  // jsii: the compiled library, the assembly, the tsconfig.json it writes, jsii-rosetta's tablet
  'lib',
  '.jsii',
  '.jsii.gz',
  '.jsii.tabl.json',
  'tsconfig.json',
  // esbuild: the handler bundle and its metafile (scripts/bundle-handler.mjs)
  'assets/handler',
  'assets/handler-meta.json',
  // jsii-pacmak's language packages, `cdk synth`, the scripts bundled by scripts/run-ts.mjs, coverage
  'dist',
  'cdk.out',
  '.bench',
  'coverage',
  // the example apps' builds (examples/README.md)
  'examples/java/target',
  'examples/go/app',
];

// `npm pack` tarballs, and the consumer apps a test run left behind if it was killed.
const byName = readdirSync(root).filter((name) => name.endsWith('.tgz') || name.startsWith('.consumer-'));

const removed = [...outputs, ...byName].filter((output) => existsSync(join(root, output)));
for (const output of removed) {
  rmSync(join(root, output), { recursive: true, force: true });
}
console.log(removed.length > 0 ? `clean: removed ${removed.join(', ')}` : 'clean: nothing to remove');
