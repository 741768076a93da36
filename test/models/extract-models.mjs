#!/usr/bin/env node
/**
 * Extracts from botocore's service-2.json models the operations this project calls and every
 * shape reachable from their inputs, and writes them to test/models/<service>.json (the model-vs-spec test reads them).
 *
 * Usage: node extract-models.mjs <botocore package dir> [--docs] [--out=<dir>]
 *   <botocore package dir>: the directory holding botocore's data/ (e.g. an unzipped wheel's
 *   botocore/, or `python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))'`).
 *   --docs keeps the documentation strings (dropped by default: they are most of the size).
 *   --out=<dir> writes there instead of this directory.
 * For each service the newest API version directory under data/<service>/ is used.
 */
import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operations each service's handler calls (see src/handler/resources/*.ts). */
export const OPERATIONS = {
  connect: [
    'CreateInstance', 'UpdateInstanceAttribute', 'TagResource', 'UntagResource',
    'CreateContactFlowVersion', 'StartContactEvaluation', 'UpdateContactEvaluation', 'SubmitContactEvaluation',
  ],
  connectcases: ['CreateCase', 'UpdateCase', 'TagResource', 'UntagResource'],
  'partnercentral-selling': ['CreateEngagementContext', 'UpdateEngagementContext'],
};

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const keepDocs = args.includes('--docs');
const root = args.find((a) => !a.startsWith('--'));
if (!root) {
  console.error('usage: node extract-models.mjs <botocore package dir> [--docs]');
  process.exit(2);
}
const version = /__version__\s*=\s*'([^']+)'/.exec(readFileSync(join(root, '__init__.py'), 'utf8'))?.[1] ?? 'unknown';

function loadModel(service) {
  const dir = join(root, 'data', service);
  const apiVersion = readdirSync(dir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().at(-1);
  const gz = join(dir, apiVersion, 'service-2.json.gz');
  const plain = join(dir, apiVersion, 'service-2.json');
  const text = existsSync(gz) ? gunzipSync(readFileSync(gz)).toString('utf8') : readFileSync(plain, 'utf8');
  return { apiVersion, file: existsSync(gz) ? gz : plain, model: JSON.parse(text) };
}

function stripDocs(value) {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => keepDocs || k !== 'documentation').map(([k, v]) => [k, stripDocs(v)]),
    );
  }
  return value;
}

/** Every shape reachable from `names`, following members, list members and map keys/values. */
function reachable(shapes, names) {
  const seen = new Set();
  const stack = [...names];
  while (stack.length) {
    const name = stack.pop();
    if (!name || seen.has(name)) continue;
    const shape = shapes[name];
    if (!shape) throw new Error(`shape ${name} is not in the model`);
    seen.add(name);
    for (const m of Object.values(shape.members ?? {})) stack.push(m.shape);
    if (shape.member) stack.push(shape.member.shape);
    if (shape.key) stack.push(shape.key.shape);
    if (shape.value) stack.push(shape.value.shape);
  }
  return seen;
}

const outDir = args.find((a) => a.startsWith('--out='))?.slice(6) ?? here;
mkdirSync(outDir, { recursive: true });
const summary = [];
for (const [service, ops] of Object.entries(OPERATIONS)) {
  const { apiVersion, file, model } = loadModel(service);
  const operations = {};
  for (const op of ops) {
    const o = model.operations[op];
    if (!o) throw new Error(`${service} has no operation ${op}`);
    // Inputs only: the comparison is about what the API accepts.
    operations[op] = { name: o.name, http: o.http, input: o.input, idempotent: o.idempotent };
  }
  const names = reachable(model.shapes, ops.map((op) => model.operations[op].input?.shape));
  const shapes = Object.fromEntries([...names].sort().map((n) => [n, model.shapes[n]]));
  const out = stripDocs({
    _source: { botocore: version, service, apiVersion, file: file.slice(file.indexOf('data/')), operations: ops, shapes: names.size, documentationKept: keepDocs },
    version: model.version,
    metadata: model.metadata,
    operations,
    shapes,
  });
  const path = join(outDir, `${service}.json`);
  writeFileSync(path, JSON.stringify(out, null, 1) + '\n');
  summary.push(`${service} ${apiVersion}: ${ops.length} operations, ${names.size} of ${Object.keys(model.shapes).length} shapes -> ${path}`);
}
console.log(`botocore ${version}`);
for (const line of summary) console.log(line);
