// Runs a TypeScript entry point (the benchmarks) without a TypeScript runtime: esbuild bundles it
// into .bench/, leaving packages and the library itself external (the library is used compiled,
// as consumers use it, and finds its handler asset relative to its own files), and Node runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const outfile = `.bench/${basename(entry, '.ts')}.cjs`;
await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning',
  plugins: [{
    name: 'library-external',
    setup: (b) => b.onResolve({ filter: /^\.\.\/lib$/ }, (args) => ({ path: join(args.resolveDir, args.path), external: true })),
  }],
});
const { status } = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(status ?? 1);
