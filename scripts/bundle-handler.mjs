// Bundles src/handler/ into assets/handler/ — the code the constructs deploy (Code.fromAsset), so
// that consumers need neither esbuild nor Docker when they synthesize.
//
// ESM with code splitting: each resource type's module, and the SDK client it uses, is a chunk of
// its own, loaded only when an event of that type arrives.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}assets/handler`;
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: [`${root}src/handler/index.ts`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The SDK's ES module builds are smaller than its CommonJS ones.
  mainFields: ['module', 'main'],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies still call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});

// What each output imports, for the benchmarks (bytes loaded per resource type); not shipped.
writeFileSync(`${root}assets/handler-meta.json`, JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`handler bundled into assets/handler (${(bytes / 1024).toFixed(0)} KiB in ${Object.keys(result.metafile.outputs).length} files)`);
