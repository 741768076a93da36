/**
 * The one table of API constraints.
 *
 * The constructs check literal prop values against it at synth; the handler checks the values
 * CloudFormation delivers (every scalar as a string) against it at run time. Nothing here may
 * import aws-cdk-lib or the AWS SDK: the file is bundled into the handler.
 *
 * Each resource type is described by a {@link ResourceSpec}: its template properties (PascalCase,
 * as the API names its request members), the construct prop each one comes from (for messages),
 * the value rule, and whether a change forces a replacement.
 */
import type { RateQuota } from './rate-quota';

/** What a property holds; decides how a delivered string is coerced. */
export type ValueKind = 'string' | 'boolean' | 'integer' | 'tags' | 'json';

/**
 * A rule for one value. `describe` completes the sentence "<prop> must be …".
 *
 * `T` is the TypeScript type of a value that passed the rule, after coercion (and, for 'json'
 * values, normalization): the type the handler reads (see {@link PropertiesOf}).
 */
export interface ValueRule<T = unknown> {
  readonly kind: ValueKind;
  readonly describe: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly values?: readonly string[];
  /**
   * The string starts with a date YYYY-MM-DD (and may go on with a time hh:mm[:ss] after a "T"
   * and an offset ±hh:mm): that date must exist in the calendar and the time on the clock.
   */
  readonly calendar?: boolean;
  readonly min?: bigint;
  readonly max?: bigint;
  /** For 'tags' values: the service's limits. */
  readonly tagLimits?: TagLimits;
  /**
   * For 'json' values: turns the structure as delivered (CloudFormation turns every nested scalar
   * into a string) into the structure the API takes. Runs before `check`; leaves what it cannot
   * read unchanged, so that `check` reports it.
   */
  readonly normalize?: (value: unknown) => unknown;
  /** For 'json' values: checks the structure, returns the problems found (empty when valid). */
  readonly check?: (value: unknown) => string[];
  /**
   * Never set: carries `T` for the type checker only, so that {@link PropertiesOf} can read the
   * value type off the rule.
   */
  readonly valueType?: T;
}

/** The type of a value that passed the given rule. */
export type ValueOf<R> = R extends ValueRule<infer T> ? T : never;

/** One template property of a resource type. */
export interface PropertySpec<T = unknown> {
  /** The construct prop the property comes from, as users know it. */
  readonly prop: string;
  readonly rule: ValueRule<T>;
  readonly required?: boolean;
  /** A change creates a new physical resource (and a new client token). */
  readonly replaces?: boolean;
  /**
   * The value is customer data (case field values, evaluation answers and notes, a lead's or
   * customer's names, emails and phone numbers): problems with it name the construct, property
   * and rule but never show the value, at synth and in the handler; and the handler withholds the
   * service's own error messages for the resource type, which may repeat the value.
   */
  readonly customerData?: boolean;
  /**
   * A name the service keeps unique. CloudFormation creates a replacement before it deletes the
   * resource it replaces, so a replacement that keeps the name cannot be created: the handler
   * refuses it at once (CloudFormation's own rule for custom-named resources: "rename it").
   */
  readonly uniqueName?: boolean;
}

/** The template interface of one resource type. */
export interface ResourceSpec {
  readonly resourceType: string;
  /** The construct class name, for messages. */
  readonly construct: string;
  /**
   * The account-wide rate quota that paces a deploy's resources of this type (src/private/lanes.ts):
   * the API that creates the resource, and its documented default rate and burst.
   */
  readonly rateQuota: RateQuota;
  readonly properties: { readonly [templateName: string]: PropertySpec };
  /** Rules across properties; receives coerced values, returns problems (empty when valid). */
  readonly crossCheck?: (props: Readonly<Record<string, unknown>>) => string[];
}

/**
 * Declares a resource spec, keeping the literal types of its properties (which are required, and
 * each rule's value type) so that {@link PropertiesOf} can derive the typed properties from it.
 */
export function defineSpec<const S extends ResourceSpec>(spec: S): S {
  return spec;
}

type RequiredNames<P> = { [K in keyof P]: P[K] extends { readonly required: true } ? K : never }[keyof P];

/**
 * The coerced, validated template properties of a resource type, derived from its spec: the
 * construct writes them (before coercion, tokens allowed) and the handler's module reads them.
 * A property is optional unless its spec says `required: true`.
 */
export type PropertiesOf<S extends ResourceSpec> = {
  readonly [K in RequiredNames<S['properties']> & string]: ValueOf<S['properties'][K]['rule']>;
} & {
  readonly [K in Exclude<keyof S['properties'], RequiredNames<S['properties']>> & string]?: ValueOf<S['properties'][K]['rule']>;
};

/**
 * A value as a construct writes it into the template, before coercion: strings (and tokens, which
 * are strings), booleans, numbers (or their decimal strings, as CloudFormation delivers them) for integers, tag maps; structures ('json' rules) in their
 * template form, which the rule's normalize turns into the type the handler reads.
 */
export type TemplateValueOf<T> = T extends string ? string : T extends boolean ? boolean : T extends bigint ? number | string : T extends TagMap ? TagMap : unknown;

/** The template properties of a resource type as its construct writes them (undefined ones are left out). */
export type TemplatePropertiesOf<S extends ResourceSpec> = {
  readonly [K in keyof S['properties'] & string]: TemplateValueOf<ValueOf<S['properties'][K]['rule']>> | undefined;
};

/**
 * The length of a string as the API models count it: in Unicode code points, not UTF-16 units.
 * Smithy's `@length` trait measures a string in Unicode scalar values
 * (https://smithy.io/2.0/spec/constraint-traits.html#length-trait), and botocore's models carry
 * the same `min`/`max`; an emoji is one character to the service but two UTF-16 units to
 * JavaScript's `.length`.
 */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** A string of `min`–`max` characters (code points, see {@link textLength}). */
export function text(minLength: number, maxLength: number, extra: Partial<ValueRule<string>> = {}): ValueRule<string> {
  return {
    kind: 'string',
    minLength,
    maxLength,
    describe: extra.describe ?? `a string of ${minLength}–${maxLength} characters`,
    ...extra,
  };
}

/** One of a fixed set of strings. */
export function oneOf<V extends string>(values: readonly V[]): ValueRule<V> {
  return { kind: 'string', values, describe: `one of ${values.map((v) => `"${v}"`).join(', ')}` };
}

/** true or false ("true"/"false" as CloudFormation delivers it). */
export const BOOLEAN: ValueRule<boolean> = { kind: 'boolean', describe: 'true or false' };

/** A whole number in [min, max]. */
export function integer(min: bigint, max: bigint): ValueRule<bigint> {
  return { kind: 'integer', min, max, describe: `a whole number from ${min} to ${max}` };
}

/**
 * The tag that marks what the handler created: `<stack UUID>/<logical id>`. The handler adds it
 * on Create, never changes or removes it, and acts on an existing resource (adopts it from a
 * continuation, updates it, deletes it) only when it carries this stack's value. Users cannot
 * set it: the tags rule refuses the key, at synth and in the handler.
 */
export const OWNER_TAG_KEY = 'cdk-connect-resources:owner';

/**
 * The tag an adopted resource carries beside the ownership tag: what the adoption changed, so
 * that the rollback of a failed adoption can undo exactly that (src/handler/resources/connect-instance.ts).
 * Users cannot set it either.
 */
export const ADOPTION_TAG_KEY = 'cdk-connect-resources:adopted';

/** Tags as Connect and Cases take them: key → value. */
export type TagMap = Record<string, string>;

/**
 * Whether a value is a {@link TagMap}: a plain object whose values are all strings. A tags
 * property that passed its rule is one; code that holds the properties of any resource type
 * (typed by the base ResourceSpec, whose values are `unknown`) checks with this instead of
 * asserting the type.
 */
export function isTagMap(value: unknown): value is TagMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** The constraints of one service's tag maps (its model's tag map, key and value shapes). */
export interface TagLimits {
  readonly maxTags: number;
  readonly keyMax: number;
  readonly keyPattern: RegExp;
  readonly valueMax: number;
  readonly valuePattern?: RegExp;
}

/** A rule for a tag map as a service's model constrains it. */
export function tags(limits: TagLimits, describe: string): ValueRule<TagMap> {
  return { kind: 'tags', tagLimits: limits, describe };
}

/**
 * Tags as Connect takes them (CreateInstance, StartContactEvaluation, TagResource): the model's
 * `TagMap` (1–50 entries; an empty map is not sent, see {@link checkProperties}), `TagKey` (1–128, `^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`) and
 * `TagValue` (at most 256, any characters). Only the lower-case `aws:` prefix is excluded there.
 */
export const CONNECT_TAGS = tags(
  { maxTags: 50, keyMax: 128, keyPattern: /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, valueMax: 256 },
  'at most 49 tags (the 50th is the handler\'s ownership tag); keys of 1–128 letters, digits, spaces or _.:/=+-@ not starting with "aws:" and other than "cdk-connect-resources:owner", values of at most 256 characters',
);

/**
 * Tags as Connect Cases takes them: CreateCase's `MutableTags` (0–50 entries), `MutableTagKey`
 * (1–128, `(?![aA][wW][sS]:)[a-zA-Z0-9 _.:/=+\-@]+`) and `TagValueString` (0–256,
 * `([a-zA-Z0-9 _.:/=+\-@]*)`). TagResource's `Tags` has no constraints; a tag that CreateCase
 * would refuse is refused for updates too, so that creating and updating agree.
 */
export const CASES_TAGS = tags(
  { maxTags: 50, keyMax: 128, keyPattern: /^(?![aA][wW][sS]:)[a-zA-Z0-9 _.:/=+\-@]+$/, valueMax: 256, valuePattern: /^[a-zA-Z0-9 _.:/=+\-@]*$/ },
  'at most 49 tags (the 50th is the handler\'s ownership tag); keys of 1–128 ASCII letters, digits, spaces or _.:/=+-@ not starting with "aws:" in any case and other than "cdk-connect-resources:owner", values of at most 256 of the same characters',
);

/** A client token as the Connect API takes it (model `ClientToken`: at most 500 characters). */
export const CONNECT_CLIENT_TOKEN = text(1, 500);

/** Checks of one already-coerced value; returns the problem, or undefined when valid. */
export function ruleViolation(rule: ValueRule, value: unknown): string | undefined {
  const bad = () => `must be ${rule.describe} (got ${show(value)})`;
  switch (rule.kind) {
    case 'string': {
      if (typeof value !== 'string') return bad();
      if (rule.pattern && !rule.pattern.test(value)) return bad();
      if (rule.values && !rule.values.includes(value)) return bad();
      if (rule.calendar && !isRealDateTime(value)) return bad();
      // A length outside the bounds, when the rest of the rule holds, is said with the numbers
      // ("47 characters, at most 45") rather than with the whole rule.
      const length = textLength(value);
      if (rule.minLength !== undefined && length < rule.minLength) return `must have at least ${rule.minLength} ${characters(rule.minLength)} (got ${show(value)}: ${length} ${characters(length)})`;
      if (rule.maxLength !== undefined && length > rule.maxLength) return `must have at most ${rule.maxLength} ${characters(rule.maxLength)} (got ${show(value)}: ${length} ${characters(length)}, at most ${rule.maxLength})`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : bad();
    case 'integer': {
      if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
        return `must be ${rule.describe}, and a JavaScript number holds whole numbers exactly only up to ${Number.MAX_SAFE_INTEGER} (got ${value})`;
      }
      if (typeof value !== 'bigint') return bad();
      if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) return bad();
      return undefined;
    }
    case 'tags':
      return tagsViolation(rule.tagLimits!, value);
    case 'json': {
      const problems = rule.check?.(value) ?? [];
      return problems.length ? problems.join('; ') : undefined;
    }
  }
}

function characters(n: number): string {
  return n === 1 ? 'character' : 'characters';
}

/**
 * An ISO 8601 date and time as RFC 3339 profiles it (section 5.6), seconds and their fractions
 * optional: a date, "T", a time, and "Z" or a numeric offset; and only real calendar dates and
 * clock times. Other forms (a bare date, a space for the "T", no offset) name no single instant:
 * JavaScript reads them in local time or not at all.
 */
export const ISO_DATE_TIME: ValueRule<string> = {
  kind: 'string',
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
  calendar: true,
  describe: 'an ISO 8601 date and time that exists in the calendar, such as "2026-05-01T09:30:00Z"',
};

/**
 * Whether the date (and time and offset, where given) a string starts with exist: "2027-02-31",
 * "2026-13-01", "T24:00" or "+25:00" do not. Leap seconds (":60") are refused: a JavaScript Date
 * cannot hold them.
 */
export function isRealDateTime(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = m.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour < 24 && minute < 60 && second < 60 && offsetHours < 24 && offsetMinutes < 60;
}

function tagsViolation(limits: TagLimits, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `must be a map of tag keys to values (got ${show(value)})`;
  }
  const entries = Object.entries(value);
  // One of the service's tags per resource is the ownership tag the handler adds.
  const maxTags = limits.maxTags - 1;
  if (entries.length > maxTags) return `must hold at most ${maxTags} tags (got ${entries.length})`;
  for (const [key, v] of entries) {
    const keyLength = textLength(key);
    if (keyLength < 1 || keyLength > limits.keyMax || !limits.keyPattern.test(key)) {
      return `must have keys of 1–${limits.keyMax} characters of the allowed set, not starting with "aws:" (got key ${show(key)})`;
    }
    if (key === OWNER_TAG_KEY) return `must not set "${OWNER_TAG_KEY}": the handler sets it to mark what this stack created`;
    if (key === ADOPTION_TAG_KEY) return `must not set "${ADOPTION_TAG_KEY}": the handler sets it on an instance it adopts`;
    if (typeof v !== 'string' || textLength(v) > limits.valueMax || (limits.valuePattern && !limits.valuePattern.test(v))) {
      return `must have values of at most ${limits.valueMax} characters of the allowed set (got ${show(v)} for key ${show(key)})`;
    }
  }
  return undefined;
}

/**
 * A whole number as a JSON document writes it (RFC 8259 section 6, without fraction or exponent):
 * an optional minus, then 0 or digits not starting with 0. No spaces, signs, underscores, hex,
 * exponents or fractions: "0x10", " 1e3 ", "1_000", "+1", "1.0" are not whole numbers here,
 * although `Number()` or `BigInt()` would read some of them.
 */
export const PLAIN_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/**
 * A number as a JSON document writes it (RFC 8259 section 6): what the services' JSON protocols
 * carry for a double. No spaces, "+", hex, underscores, "Infinity" or "NaN".
 */
export const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/**
 * A double from a template value: a finite number, or a string in {@link PLAIN_DECIMAL} form
 * whose value is finite (CloudFormation delivers every nested scalar as a string). Anything else
 * is returned unchanged, for the check to report.
 */
export function plainDouble(value: unknown): unknown {
  if (typeof value === 'string' && PLAIN_DECIMAL.test(value) && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/** Whether a value is a double the API can carry: a finite JavaScript number. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Whether an object has a property of this name itself (not one inherited, such as `constructor`). */
export function hasOwn(object: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, name);
}

/**
 * Turns a value as CloudFormation delivers it into the kind the rule expects.
 * Values that cannot be coerced are returned unchanged, so that the rule check reports them.
 */
export function coerce(rule: ValueRule, value: unknown): unknown {
  switch (rule.kind) {
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
      if (typeof value === 'string' && PLAIN_INTEGER.test(value)) return BigInt(value);
      return value;
    case 'json': {
      let parsed = value;
      if (typeof value === 'string') {
        try {
          parsed = JSON.parse(value);
        } catch {
          return value;
        }
      }
      return rule.normalize ? rule.normalize(parsed) : parsed;
    }
    default:
      return value;
  }
}

/** Longest rendering of a value in a message: values may come from anywhere (a 100 KB string). */
const SHOWN_CHARS = 64;
/** What messages say instead of a customer-data value. */
export const WITHHELD = '(a customer-data value, not shown)';

/** Depth of {@link withValuesWithheld} calls in progress (the checks are synchronous). */
let withholding = 0;

/**
 * Runs a synchronous check during which {@link show} renders no value, whatever the check's
 * messages try to show. One switch, rather than every message of every customer-data rule
 * remembering not to show its value.
 */
export function withValuesWithheld<T>(check: () => T): T {
  withholding++;
  try {
    return check();
  } finally {
    withholding--;
  }
}

/** JSON-ish rendering of a value for messages, cut to 64 characters; nothing at all for customer data. */
export function show(value: unknown): string {
  if (withholding > 0) return WITHHELD;
  if (typeof value === 'bigint') return value.toString();
  return cut(JSON.stringify(value) ?? String(value));
}

function cut(s: string): string {
  return s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 3)}...` : s;
}

/**
 * Rendering of an identifier chosen by the template's author (a case field id, an evaluation
 * question's reference id), shown even inside customer-data values: it says where the problem is
 * and is not itself customer data.
 */
export function showKey(key: string): string {
  return cut(JSON.stringify(key));
}

/** Whether a resource type holds customer data (then service error messages about it are withheld too). */
export function holdsCustomerData(spec: ResourceSpec): boolean {
  return Object.values(spec.properties).some((p) => p.customerData === true);
}

// ---------------------------------------------------------------------------------------------
// Checking a whole property set
// ---------------------------------------------------------------------------------------------

/** Properties every custom resource carries that are not API request members. */
const FRAMEWORK_PROPERTIES = new Set(['ServiceToken', 'ServiceTimeout']);

/** The outcome of checking a property set: coerced values and problems in plain words. */
export interface CheckedProperties<P = Record<string, unknown>> {
  /** The coerced values; of the spec's properties type only when there are no problems. */
  readonly values: P;
  readonly problems: string[];
}

/** How to check. */
export interface CheckOptions {
  /**
   * Values for which this returns true are not checked (at synth: unresolved tokens, checked
   * again by the handler once CloudFormation has resolved them). Cross-property rules are then
   * skipped as well.
   */
  readonly skip?: (value: unknown) => boolean;
  /** Name properties as in the template ("InstanceAlias (instanceAlias)") rather than as props. */
  readonly templateNames?: boolean;
  /**
   * Show customer-data values in the problems too. At synth they are literals of the user's own
   * source, and the value is what tells which of many similar resources is wrong; the handler
   * never sets it (its reasons and logs leave customer data out).
   */
  readonly showCustomerData?: boolean;
}

/**
 * Coerces the given properties (CloudFormation delivers scalars as strings) and checks them
 * against the spec. Unknown properties are problems too: they would be ignored silently otherwise.
 */
export function checkProperties<S extends ResourceSpec>(spec: S, raw: Readonly<Record<string, unknown>>, options: CheckOptions = {}): CheckedProperties<PropertiesOf<S>> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  let skipped = false;
  const label = (name: string, p: PropertySpec) => (options.templateNames ? `${name} (${p.prop})` : p.prop);

  // Own names only: `constructor` or `__proto__` must not pass as properties the spec inherits.
  for (const name of Object.keys(raw)) {
    if (!hasOwn(spec.properties, name) && !FRAMEWORK_PROPERTIES.has(name)) {
      problems.push(`${name} is not a property of ${spec.resourceType}`);
    }
  }
  for (const [name, p] of Object.entries(spec.properties)) {
    const given = hasOwn(raw, name) ? raw[name] : undefined;
    if (given === undefined || given === null || given === '' || isEmptyTagMap(p.rule, given)) {
      if (p.required) problems.push(`${label(name, p)} is required`);
      continue;
    }
    if (options.skip?.(given)) {
      skipped = true;
      values[name] = given;
      continue;
    }
    const value = coerce(p.rule, given);
    const problem = p.customerData && !options.showCustomerData ? withValuesWithheld(() => ruleViolation(p.rule, value)) : ruleViolation(p.rule, value);
    if (problem) problems.push(`${label(name, p)} ${problem}`);
    values[name] = value;
  }
  if (!skipped && problems.length === 0 && spec.crossCheck) problems.push(...spec.crossCheck(values));
  // The one place where checked values take the spec's type: every property has just passed its
  // rule (whose type parameter states what passing means), and every required one is present.
  return { values: values as PropertiesOf<S>, problems };
}

/** The template names of the properties that hold a name the service keeps unique. */
export function uniqueNameProperties(spec: ResourceSpec): string[] {
  return Object.entries(spec.properties)
    .filter(([, p]) => p.uniqueName)
    .map(([name]) => name);
}

/**
 * An empty tag map means "no tags", like an absent one: the handler then sends no tags (Connect's
 * `TagMap` takes 1–50 entries, so `{}` would be refused) and an update removes the old ones.
 */
function isEmptyTagMap(rule: ValueRule, value: unknown): boolean {
  return rule.kind === 'tags' && typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** The template names of the properties whose change forces a replacement. */
export function replacingProperties(spec: ResourceSpec): string[] {
  return Object.entries(spec.properties)
    .filter(([, p]) => p.replaces)
    .map(([name]) => name);
}
