// Runs a TypeScript entry point (the example app, the benchmarks) without a TypeScript runtime:
// esbuild bundles it into .bench/, leaving packages and the library itself external. Imports of
// the library's sources ('../src') are pointed at its compiled output ('../lib'), so the library
// runs as consumers use it and finds its handler asset relative to its own files.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const outfile = `.bench/${basename(entry, '.ts')}.cjs`;
await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning',
  plugins: [{
    name: 'library-external',
    setup: (b) => b.onResolve({ filter: /^(\.\.\/)+src$/ }, (args) => ({ path: join(args.resolveDir, args.path, '..', 'lib', 'index.js'), external: true })),
  }],
});
const { status } = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(status ?? 1);
