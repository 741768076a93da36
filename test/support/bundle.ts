/**
 * The handler bundle as the bundler describes it (assets/handler-meta.json, written by
 * scripts/bundle-handler.mjs): which file holds a handler module, and what an event loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './cloudformation';

/** The bundle's entry, relative to the project root. */
export const BUNDLE_ENTRY = 'assets/handler/index.mjs';

/** The bundler's metafile: every output file with its bytes, imports and entry point. */
export function bundleMeta(): { outputs: Record<string, { bytes: number; entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }> } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/handler-meta.json'), 'utf8'));
}

/** The bundle file (chunk) of a handler module, e.g. src/handler/resources/case.ts. */
export function moduleChunk(source: string, meta = bundleMeta()): string {
  const chunk = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === source);
  if (!chunk) throw new Error(`no bundle chunk for ${source}`);
  return chunk;
}

/** The files an event of a module loads: the entry, the module's chunk, and their static imports. */
export function filesLoadedBy(source: string, meta = bundleMeta()): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(BUNDLE_ENTRY);
  visit(moduleChunk(source, meta));
  return [...seen];
}
