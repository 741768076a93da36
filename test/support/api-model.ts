/**
 * A small reader of botocore service models (test/models/<service>.json, see extract-models.mjs there):
 * resolves an operation member path to its shape, derives edge values from the shape's traits,
 * and judges a value the way the model's constraints do.
 *
 * Paths: `Operation.Member.Member…`; `[]` steps into a list's member, `{key}` / `{value}` into a
 * map's key / value, e.g. `CreateEngagementContext.Payload.Lead.Interactions[].Contact.Email`,
 * `CreateInstance.Tags{key}`.
 *
 * Semantics applied (Smithy / botocore):
 * - string length counts Unicode code points, not UTF-16 units;
 * - `pattern` is an ECMA-262 regex. Smithy says it is NOT implicitly anchored; the services'
 *   own validators (and the way these models are written, e.g. `(?s).{1,120}`) treat it as a
 *   whole-value match. `modelAccepts` therefore anchors by default; pass `{ anchored: false }`
 *   for the literal Smithy reading. `(?s)` is turned into the `s` flag; `u` is used when the
 *   pattern holds `\p{…}`;
 * - `min`/`max` of a list or map bound its entry count, of a number its value;
 * - a union takes exactly one member; `required` members must be present.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MemberRef {
  readonly shape: string;
  readonly [trait: string]: unknown;
}

export interface Shape {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly members?: { readonly [name: string]: MemberRef };
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly required?: readonly string[];
  readonly union?: boolean;
  readonly sparse?: boolean;
  readonly timestampFormat?: string;
  readonly [trait: string]: unknown;
}

export interface ModelFile {
  readonly _source: { botocore: string; service: string; apiVersion: string };
  readonly operations: { readonly [name: string]: { readonly input: { readonly shape: string } } };
  readonly shapes: { readonly [name: string]: Shape };
}

/** A shape found at a path, with the structure that holds it (for `required`). */
export interface Resolved {
  readonly service: string;
  readonly path: string;
  readonly name: string;
  readonly shape: Shape;
  /** The structure the last step was a member of, and that member's name. */
  readonly parent?: { readonly name: string; readonly shape: Shape; readonly member: string };
}

export interface Edge {
  /** What the value probes, e.g. "max+1 (256)". */
  readonly label: string;
  readonly value: unknown;
}

/** Hand-provided samples for what the traits alone cannot derive (mostly patterns). */
export interface Samples {
  readonly valid?: readonly unknown[];
  readonly invalid?: readonly unknown[];
  /** Builds a string of n code points, used for the length edges (default: "a" repeated). */
  readonly fill?: (n: number) => string;
}

export interface VerdictOptions {
  /** Whole-value pattern match (default true); false = Smithy's literal, unanchored reading. */
  readonly anchored?: boolean;
}

/** The vendored extraction (see test/models/SOURCE.md). */
const MODEL_DIR = join(__dirname, '..', 'models');
const cache = new Map<string, ApiModel>();

/** The model of a service as vendored in models/<service>.json. */
export function loadModel(service: string, dir = MODEL_DIR): ApiModel {
  const key = `${dir}/${service}`;
  let model = cache.get(key);
  if (!model) {
    model = new ApiModel(service, JSON.parse(readFileSync(join(dir, `${service}.json`), 'utf8')) as ModelFile);
    cache.set(key, model);
  }
  return model;
}

/** Splits `A.B[].C{key}` into steps: A, B, [], C, {key}. */
function steps(path: string): string[] {
  return path.match(/\[\]|\{key\}|\{value\}|[^.[{]+/g) ?? [];
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

export class ApiModel {
  constructor(
    readonly service: string,
    readonly file: ModelFile,
  ) {}

  shape(name: string): Shape {
    const shape = this.file.shapes[name];
    if (!shape) throw new Error(`${this.service}: no shape ${name}`);
    return shape;
  }

  /** The shape at `Operation.Member…`. */
  resolve(path: string): Resolved {
    const [op, ...rest] = steps(path);
    const operation = this.file.operations[op];
    if (!operation) throw new Error(`${this.service}: no operation ${op} (in ${path})`);
    let name = operation.input.shape;
    let parent: Resolved['parent'];
    for (const step of rest) {
      const shape = this.shape(name);
      let next: MemberRef | undefined;
      if (step === '[]') next = shape.type === 'list' ? shape.member : undefined;
      else if (step === '{key}') next = shape.type === 'map' ? shape.key : undefined;
      else if (step === '{value}') next = shape.type === 'map' ? shape.value : undefined;
      else next = shape.members?.[step];
      if (!next) throw new Error(`${this.service}: ${name} (${shape.type}) has no ${step} (in ${path})`);
      parent = shape.type === 'structure' && !step.startsWith('[') && !step.startsWith('{') ? { name, shape, member: step } : undefined;
      name = next.shape;
    }
    return { service: this.service, path, name, shape: this.shape(name), parent };
  }

  /** The problems the model finds with `value` as shape `name` (empty: accepted). */
  problems(name: string, value: unknown, options: VerdictOptions = {}, at = name): string[] {
    const shape = this.shape(name);
    const out: string[] = [];
    const bad = (what: string) => out.push(`${at}: ${what}`);
    switch (shape.type) {
      case 'string': {
        if (typeof value !== 'string') return [`${at}: not a string (${typeof value})`];
        const length = [...value].length;
        if (shape.min !== undefined && length < shape.min) bad(`length ${length} < min ${shape.min}`);
        if (shape.max !== undefined && length > shape.max) bad(`length ${length} > max ${shape.max}`);
        if (shape.enum && !shape.enum.includes(value)) bad(`not one of the ${shape.enum.length} enum values`);
        if (shape.pattern && !compilePattern(shape.pattern, options.anchored ?? true).test(value)) {
          bad(`does not match ${options.anchored === false ? '' : 'anchored '}pattern ${shape.pattern}`);
        }
        return out;
      }
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
      case 'integer':
      case 'long':
      case 'short':
      case 'byte': {
        let n: bigint;
        if (typeof value === 'bigint') n = value;
        else if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
        else return [`${at}: not a whole number`];
        const [lo, hi] = shape.type === 'long' ? [LONG_MIN, LONG_MAX] : [INT_MIN, INT_MAX];
        if (n < lo || n > hi) bad(`outside the ${shape.type} range`);
        if (shape.min !== undefined && n < BigInt(shape.min)) bad(`${n} < min ${shape.min}`);
        if (shape.max !== undefined && n > BigInt(shape.max)) bad(`${n} > max ${shape.max}`);
        return out;
      }
      case 'double':
      case 'float': {
        if (typeof value !== 'number') return [`${at}: not a number`];
        // JSON cannot carry NaN or ±Infinity; the SDKs send them as strings the service may refuse.
        if (!Number.isFinite(value)) bad('not finite');
        if (shape.min !== undefined && value < shape.min) bad(`< min ${shape.min}`);
        if (shape.max !== undefined && value > shape.max) bad(`> max ${shape.max}`);
        return out;
      }
      case 'timestamp': {
        const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value * 1000) : undefined;
        if (!date || Number.isNaN(date.getTime())) return [`${at}: not a valid timestamp`];
        return [];
      }
      case 'structure': {
        if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return [`${at}: not a structure`];
        const record = value as Record<string, unknown>;
        const members = shape.members ?? {};
        const present = Object.keys(record).filter((k) => record[k] !== undefined && record[k] !== null);
        for (const k of present) if (!(k in members)) bad(`unknown member ${k}`);
        if (shape.union && present.length !== 1) bad(`union must set exactly one member (got ${present.length})`);
        for (const r of shape.required ?? []) if (!present.includes(r)) bad(`missing required ${r}`);
        for (const k of present) if (k in members) out.push(...this.problems(members[k].shape, record[k], options, `${at}.${k}`));
        return out;
      }
      case 'list': {
        if (!Array.isArray(value)) return [`${at}: not a list`];
        if (shape.min !== undefined && value.length < shape.min) bad(`${value.length} items < min ${shape.min}`);
        if (shape.max !== undefined && value.length > shape.max) bad(`${value.length} items > max ${shape.max}`);
        value.forEach((item, i) => {
          if ((item === null || item === undefined) && shape.sparse) return;
          out.push(...this.problems(shape.member!.shape, item, options, `${at}[${i}]`));
        });
        return out;
      }
      case 'map': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not a map`];
        const entries = Object.entries(value);
        if (shape.min !== undefined && entries.length < shape.min) bad(`${entries.length} entries < min ${shape.min}`);
        if (shape.max !== undefined && entries.length > shape.max) bad(`${entries.length} entries > max ${shape.max}`);
        for (const [k, v] of entries) {
          out.push(...this.problems(shape.key!.shape, k, options, `${at}{key ${JSON.stringify(k).slice(0, 30)}}`));
          if ((v === null || v === undefined) && shape.sparse) continue;
          out.push(...this.problems(shape.value!.shape, v, options, `${at}{${JSON.stringify(k).slice(0, 30)}}`));
        }
        return out;
      }
      default:
        return [`${at}: shape type ${shape.type} not supported here`];
    }
  }

  /** Edge values of the shape at a path (see {@link edgeValues}). */
  edges(path: string, samples: Samples = {}): Edge[] {
    const resolved = this.resolve(path);
    return edgeValues(resolved.shape, samples, resolved.parent ? !(resolved.parent.shape.required ?? []).includes(resolved.parent.member) : undefined);
  }
}

/** Verdict of the model on one value of one shape: true when no constraint is broken. */
export function modelAccepts(model: ApiModel, shapeName: string, value: unknown, options: VerdictOptions = {}): boolean {
  return model.problems(shapeName, value, options).length === 0;
}

const compiled = new Map<string, RegExp>();

/** A model pattern as a JS RegExp: `(?s)` → flag s, `u` for `\p{…}`, optionally anchored. */
export function compilePattern(pattern: string, anchored = true): RegExp {
  const key = `${anchored}:${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    let source = pattern;
    let flags = '';
    if (source.startsWith('(?s)')) {
      source = source.slice(4);
      flags += 's';
    }
    if (/\\p\{/.test(source)) flags += 'u';
    re = new RegExp(anchored ? `^(?:${source})$` : source, flags);
    compiled.set(key, re);
  }
  return re;
}

/** The [min, max] of a pattern of the form `(?s).{m,n}` or `(?=.{m,n}$)…`: a length rule in disguise. */
export function patternLength(pattern: string): { min: number; max: number } | undefined {
  const m = /^(?:\(\?s\))?(?:\(\?=)?\.\{(\d+),(\d+)\}(?:\$\))?/.exec(pattern);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
}

/**
 * Edge values of a shape:
 * - strings: min-1, min, max, max+1 lengths (from `min`/`max`, or from a length-only pattern such
 *   as `(?s).{1,120}`), the empty string, one long value when there is no max, a max-length value of
 *   astral code points (length is counted in code points), each enum member plus non-members, and
 *   the hand samples (pattern edges);
 * - numbers: min-1, min, max, max+1 (and the type's implicit range);
 * - booleans: true, false;
 * - lists and maps: entry counts are left to the caller (it knows a valid entry);
 * - `optional` true adds the absent value (undefined).
 */
export function edgeValues(shape: Shape, samples: Samples = {}, optional?: boolean): Edge[] {
  const edges: Edge[] = [];
  const add = (label: string, value: unknown) => {
    if (!edges.some((e) => Object.is(e.value, value) || (typeof value === 'string' && e.value === value))) edges.push({ label, value });
  };
  switch (shape.type) {
    case 'string': {
      if (shape.enum) {
        for (const v of shape.enum) add(`enum ${v}`, v);
        add('not an enum member', 'NOT_A_MEMBER');
        add('enum member in lower case', shape.enum[0].toLowerCase());
        add('empty', '');
        break;
      }
      const fill = samples.fill ?? ((n: number) => 'a'.repeat(n));
      const fromPattern = shape.pattern ? patternLength(shape.pattern) : undefined;
      const min = shape.min ?? fromPattern?.min;
      const max = shape.max ?? fromPattern?.max;
      add('empty', '');
      if (min !== undefined && min > 0) {
        if (min - 1 > 0) add(`min-1 (${min - 1})`, fill(min - 1));
        add(`min (${min})`, fill(min));
      }
      if (max !== undefined) {
        add(`max (${max})`, fill(max));
        add(`max+1 (${max + 1})`, fill(max + 1));
        if (!shape.pattern) add(`max (${max}) astral code points`, '😀'.repeat(max));
      } else {
        add('no max: 2000 chars', fill(2000));
      }
      break;
    }
    case 'integer':
    case 'long': {
      const [lo, hi] = shape.type === 'long' ? [LONG_MIN, LONG_MAX] : [INT_MIN, INT_MAX];
      const min = shape.min !== undefined ? BigInt(shape.min) : lo;
      const max = shape.max !== undefined ? BigInt(shape.max) : hi;
      add(`min-1 (${min - 1n})`, min - 1n);
      add(`min (${min})`, min);
      add(`max (${max})`, max);
      add(`max+1 (${max + 1n})`, max + 1n);
      break;
    }
    case 'double':
    case 'float':
      add('zero', 0);
      add('negative', -1.5);
      add('large', 1e308);
      if (shape.min !== undefined) add(`min-1`, shape.min - 1);
      if (shape.max !== undefined) add(`max+1`, shape.max + 1);
      break;
    case 'boolean':
      add('true', true);
      add('false', false);
      break;
    default:
      break;
  }
  for (const v of samples.valid ?? []) add(`sample ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)?.slice(0, 40)}`, v);
  for (const v of samples.invalid ?? []) add(`sample ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)?.slice(0, 40)}`, v);
  if (optional) edges.push({ label: 'absent', value: undefined });
  return edges;
}
