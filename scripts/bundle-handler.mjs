// Bundles src/handler/ into assets/handler/ — the code the constructs deploy (Code.fromAsset), so
// that consumers need neither esbuild nor Docker when they synthesize.
//
// ESM with code splitting: each resource type's module, and the SDK client it uses, is a chunk of
// its own, loaded only when an event of that type arrives.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Lets esbuild drop the schemas of the operations the handler never calls.
 *
 * An SDK client's schemas/schemas_0.js describes every shape of the service (the Connect client's,
 * 400 KiB of source, about 400 operations). Each shape is a top-level array, dropped by esbuild when
 * unused — except those holding an object with computed keys, `{ [_h]: ["PUT", "/instance", 200] }`,
 * where `_h` is one of the file's `const _h = "http";` names: esbuild cannot tell that such a key
 * has no side effects (a computed key may call toString), so it keeps every operation and error
 * shape, and through their references every other shape, whether called or not. Writing the
 * string in place of the name, `{ "http": [...] }`, is the same object; esbuild then keeps only
 * what the called operations and the registered errors reach (the Connect chunk shrinks from
 * 200 KiB to under 30 KiB, and with it the time a cold start spends compiling it — BENCHMARKS.md,
 * Handler cold start). Nothing else in the SDK's code is changed.
 */
const literalSchemaKeys = {
  name: 'literal-schema-keys',
  setup(b) {
    b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const names = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      return { contents: source.replace(/(?<=[{,]\s*)\[(_\w+)\]:/g, (key, name) => (names.has(name) ? `${names.get(name)}:` : key)), loader: 'js' };
    });
  },
};

/**
 * node:http and node:https through require(), not as ES module imports. On Node.js 24 (the
 * runtime the provider deploys) an ES module import of a built-in builds a facade that reads every
 * export, and node:http's lazy getters then load undici (its fetch) — about 25 ms of a cold start
 * for a module the handler never uses. require() hands over the exports object as it is. The
 * banner below defines `require`.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
      args.namespace === 'builtin-by-require' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'builtin-by-require' },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, (args) => ({ contents: `module.exports = require('node:${args.path}');`, loader: 'js' }));
  },
};
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
  plugins: [literalSchemaKeys, builtinsByRequire],
  logLevel: 'warning',
});

// What each output imports, for the benchmarks (bytes loaded per resource type); not shipped.
writeFileSync(`${root}assets/handler-meta.json`, JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`handler bundled into assets/handler (${(bytes / 1024).toFixed(0)} KiB in ${Object.keys(result.metafile.outputs).length} files)`);
