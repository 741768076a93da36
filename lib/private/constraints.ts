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

/** What a property holds; decides how a delivered string is coerced. */
export type ValueKind = 'string' | 'boolean' | 'integer' | 'tags' | 'json';

/** A rule for one value. `describe` completes the sentence "<prop> must be …". */
export interface ValueRule {
  readonly kind: ValueKind;
  readonly describe: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly values?: readonly string[];
  readonly min?: bigint;
  readonly max?: bigint;
  /**
   * For 'json' values: turns the structure as delivered (CloudFormation turns every nested scalar
   * into a string) into the structure the API takes. Runs before `check`; leaves what it cannot
   * read unchanged, so that `check` reports it.
   */
  readonly normalize?: (value: unknown) => unknown;
  /** For 'json' values: checks the structure, returns the problems found (empty when valid). */
  readonly check?: (value: unknown) => string[];
}

/** One template property of a resource type. */
export interface PropertySpec {
  /** The construct prop the property comes from, as users know it. */
  readonly prop: string;
  readonly rule: ValueRule;
  readonly required?: boolean;
  /** A change creates a new physical resource (and a new client token). */
  readonly replaces?: boolean;
}

/** The template interface of one resource type. */
export interface ResourceSpec {
  readonly resourceType: string;
  /** The construct class name, for messages. */
  readonly construct: string;
  readonly properties: { readonly [templateName: string]: PropertySpec };
  /** Rules across properties; receives coerced values, returns problems (empty when valid). */
  readonly crossCheck?: (props: Readonly<Record<string, unknown>>) => string[];
}

/** A string of `min`–`max` characters. */
export function text(minLength: number, maxLength: number, extra: Partial<ValueRule> = {}): ValueRule {
  return {
    kind: 'string',
    minLength,
    maxLength,
    describe: extra.describe ?? `a string of ${minLength}–${maxLength} characters`,
    ...extra,
  };
}

/** One of a fixed set of strings. */
export function oneOf(values: readonly string[]): ValueRule {
  return { kind: 'string', values, describe: `one of ${values.map((v) => `"${v}"`).join(', ')}` };
}

/** true or false ("true"/"false" as CloudFormation delivers it). */
export const BOOLEAN: ValueRule = { kind: 'boolean', describe: 'true or false' };

/** A whole number in [min, max]. */
export function integer(min: bigint, max: bigint): ValueRule {
  return { kind: 'integer', min, max, describe: `a whole number from ${min} to ${max}` };
}

/** A key/value map of tags as Connect and Cases take them. */
export const TAGS: ValueRule = {
  kind: 'tags',
  describe: 'at most 50 tags; keys of 1–128 characters not starting with "aws:", values of at most 256 characters',
};
const TAG_LIMITS = { maxTags: 50, keyMax: 128, valueMax: 256 };

/** A client token as the Connect API takes it. */
export const CONNECT_CLIENT_TOKEN = text(1, 500);

/** Checks of one already-coerced value; returns the problem, or undefined when valid. */
export function ruleViolation(rule: ValueRule, value: unknown): string | undefined {
  const bad = () => `must be ${rule.describe} (got ${show(value)})`;
  switch (rule.kind) {
    case 'string': {
      if (typeof value !== 'string') return bad();
      if (rule.minLength !== undefined && value.length < rule.minLength) return bad();
      if (rule.maxLength !== undefined && value.length > rule.maxLength) return bad();
      if (rule.pattern && !rule.pattern.test(value)) return bad();
      if (rule.values && !rule.values.includes(value)) return bad();
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : bad();
    case 'integer': {
      if (typeof value !== 'bigint') return bad();
      if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) return bad();
      return undefined;
    }
    case 'tags':
      return tagsViolation(value);
    case 'json': {
      const problems = rule.check?.(value) ?? [];
      return problems.length ? problems.join('; ') : undefined;
    }
  }
}

function tagsViolation(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `must be a map of tag keys to values (got ${show(value)})`;
  }
  const entries = Object.entries(value);
  if (entries.length > TAG_LIMITS.maxTags) return `must hold at most ${TAG_LIMITS.maxTags} tags (got ${entries.length})`;
  for (const [key, v] of entries) {
    if (key.length < 1 || key.length > TAG_LIMITS.keyMax || key.toLowerCase().startsWith('aws:')) {
      return `must have keys of 1–${TAG_LIMITS.keyMax} characters not starting with "aws:" (got key ${show(key)})`;
    }
    if (typeof v !== 'string' || v.length > TAG_LIMITS.valueMax) {
      return `must have values of at most ${TAG_LIMITS.valueMax} characters (got ${show(v)} for key ${show(key)})`;
    }
  }
  return undefined;
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
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
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

/** JSON-ish rendering of a value for messages, kept short. */
export function show(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// Connect
// ---------------------------------------------------------------------------------------------

/** IdentityManagementType values of CreateInstance. */
export const IDENTITY_MANAGEMENT_TYPES = ['SAML', 'CONNECT_MANAGED', 'EXISTING_DIRECTORY'] as const;

/** Custom::ConnectInstance — Connect CreateInstance. */
export const CONNECT_INSTANCE: ResourceSpec = {
  resourceType: 'Custom::ConnectInstance',
  construct: 'ConnectInstance',
  properties: {
    IdentityManagementType: { prop: 'identityManagementType', rule: oneOf(IDENTITY_MANAGEMENT_TYPES), required: true, replaces: true },
    InstanceAlias: {
      prop: 'instanceAlias',
      replaces: true,
      rule: text(1, 45, {
        pattern: /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/,
        describe: '1–45 letters, digits or hyphens, not starting with "d-" and not starting or ending with a hyphen',
      }),
    },
    DirectoryId: {
      prop: 'directoryId',
      replaces: true,
      rule: text(12, 12, { pattern: /^d-[0-9a-f]{10}$/, describe: 'a directory id of the form "d-" followed by 10 hex digits' }),
    },
    InboundCallsEnabled: { prop: 'inboundCallsEnabled', rule: BOOLEAN, required: true },
    OutboundCallsEnabled: { prop: 'outboundCallsEnabled', rule: BOOLEAN, required: true },
    Tags: { prop: 'tags', rule: TAGS },
    ClientToken: { prop: 'clientToken', rule: CONNECT_CLIENT_TOKEN, replaces: true },
  },
  crossCheck: (p) => {
    const problems: string[] = [];
    const type = p.IdentityManagementType;
    if (type === 'EXISTING_DIRECTORY' && p.DirectoryId === undefined) {
      problems.push('directoryId is required when identityManagementType is EXISTING_DIRECTORY');
    }
    if (type !== undefined && type !== 'EXISTING_DIRECTORY' && p.DirectoryId !== undefined) {
      problems.push(`directoryId may only be given when identityManagementType is EXISTING_DIRECTORY (got ${show(type)})`);
    }
    return problems;
  },
};

// ---------------------------------------------------------------------------------------------
// Connect Cases
// ---------------------------------------------------------------------------------------------

/** The system fields CreateCase requires (documented): the customer profile ARN and the title. */
export const REQUIRED_CASE_FIELDS = ['title', 'customer_id'] as const;
/** At most this many fields per CreateCase (documented: 0–220). */
export const MAX_CASE_FIELDS = 220;
const CASE_FIELD_ID_MAX = 500;
/** Documented: the Summary system field takes 3000 characters, every other field 4100. */
const CASE_STRING_VALUE_MAX = 4100;
const CUSTOM_ENTITY_PATTERN = /^[a-zA-Z0-9_\-.@:/ ]*[a-zA-Z0-9_\-.@:/]$/;

/**
 * The id inside a Cases ARN (`arn:<partition>:cases:<region>:<account>:domain/<id>`,
 * `…:domain/<domainId>/template/<id>`, `…:domain/<domainId>/field/<id>`), or the value unchanged
 * when it is not such an ARN. aws-cdk-lib's Cases L1s hand out ARNs (`ref`, `domainRef.domainArn`),
 * the API takes ids.
 */
export function casesResourceId(value: unknown, kind: 'domain' | 'template' | 'field'): unknown {
  if (typeof value !== 'string') return value;
  const pattern = kind === 'domain' ? /^arn:[^:]+:cases:[^:]*:[^:]*:domain\/([^/]+)$/ : new RegExp(`^arn:[^:]+:cases:[^:]*:[^:]*:domain/[^/]+/${kind}/([^/]+)$`);
  return pattern.exec(value)?.[1] ?? value;
}

/**
 * The problems of a list of case field ids; `undefined` stands for an id not known yet (a token at
 * synth), which may be anything: the required fields are then not checked.
 */
export function caseFieldIdProblems(ids: readonly (string | undefined)[]): string[] {
  const problems: string[] = [];
  if (ids.length > MAX_CASE_FIELDS) problems.push(`must hold at most ${MAX_CASE_FIELDS} fields (got ${ids.length})`);
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === undefined) continue;
    if (id.length < 1 || id.length > CASE_FIELD_ID_MAX) problems.push(`must have field ids of 1–${CASE_FIELD_ID_MAX} characters (got ${show(id)})`);
    else if (seen.has(id)) problems.push(`must not give field ${show(id)} twice`);
    seen.add(id);
  }
  if (!ids.includes(undefined)) {
    for (const required of REQUIRED_CASE_FIELDS) {
      if (!seen.has(required)) problems.push(`must include '${required}'`);
    }
  }
  return problems;
}

/** Template member name → API member name of a field value. */
const FIELD_VALUE_MEMBERS: Record<string, string> = {
  StringValue: 'stringValue',
  DoubleValue: 'doubleValue',
  BooleanValue: 'booleanValue',
  EmptyValue: 'emptyValue',
  UserArnValue: 'userArnValue',
};

/**
 * One field value as CreateCase takes it, from the template form `{ DoubleValue: 42 }` or as
 * delivered `{ DoubleValue: "42" }`. Assumed: CloudFormation may drop the empty object of
 * `{ EmptyValue: {} }`, so a value with no member at all is read as the empty value.
 */
function normalizeFieldValue(value: unknown): unknown {
  if (value === undefined || value === null) return { emptyValue: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (entries.length === 0) return { emptyValue: {} };
  return Object.fromEntries(
    entries.map(([member, v]) => {
      const name = FIELD_VALUE_MEMBERS[member] ?? member;
      if (name === 'doubleValue' && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return [name, Number(v)];
      if (name === 'booleanValue' && (v === 'true' || v === 'false')) return [name, v === 'true'];
      if (name === 'emptyValue' && (v === '' || (typeof v === 'object' && v !== null && Object.keys(v).length === 0))) return [name, {}];
      return [name, v];
    }),
  );
}

function fieldValueProblem(id: unknown, value: unknown): string | undefined {
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
  const field = `field ${show(id)}`;
  if (entries.length !== 1) return `must give ${field} exactly one of a text, number, boolean, empty or user ARN value (got ${show(value)})`;
  const [[member, v]] = entries;
  switch (member) {
    case 'stringValue':
      return typeof v === 'string' && v.length <= CASE_STRING_VALUE_MAX ? undefined : `must give ${field} a text of at most ${CASE_STRING_VALUE_MAX} characters (got ${show(v)})`;
    case 'doubleValue':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : `must give ${field} a finite number (got ${typeof v === 'number' ? v : show(v)})`;
    case 'booleanValue':
      return typeof v === 'boolean' ? undefined : `must give ${field} true or false (got ${show(v)})`;
    case 'emptyValue':
      return undefined;
    case 'userArnValue':
      return typeof v === 'string' && v.length >= 1 ? undefined : `must give ${field} a user ARN (got ${show(v)})`;
    default:
      return `must give ${field} a text, number, boolean, empty or user ARN value (got member ${show(member)})`;
  }
}

/**
 * The case fields: `[{ Id, Value: { StringValue | DoubleValue | BooleanValue | EmptyValue | UserArnValue } }]`
 * in the template, `[{ id, value: { stringValue | … } }]` with typed values once normalized.
 * A field id may be given as the field's ARN.
 */
export const CASE_FIELDS: ValueRule = {
  kind: 'json',
  describe: 'a list of case fields',
  normalize: (value) => {
    if (!Array.isArray(value)) return value;
    return value.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
      const { Id, Value, ...rest } = item as Record<string, unknown>;
      return { id: casesResourceId(Id, 'field'), value: normalizeFieldValue(Value), ...rest };
    });
  },
  check: (value) => {
    if (!Array.isArray(value)) return [`must be a list of case fields (got ${show(value)})`];
    const problems: string[] = [];
    const ids: string[] = [];
    for (const item of value) {
      const { id, value: v, ...rest } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      if (typeof id !== 'string') {
        problems.push(`must have a field id in every field (got ${show(item)})`);
        continue;
      }
      ids.push(id);
      const unknown = Object.keys(rest);
      if (unknown.length > 0) problems.push(`must not give field ${show(id)} the members ${unknown.map((k) => show(k)).join(', ')}`);
      const problem = fieldValueProblem(id, v);
      if (problem) problems.push(problem);
    }
    return [...caseFieldIdProblems(ids), ...problems];
  },
};

/** Who performs the action: `{ UserArn }` or `{ CustomEntity }` in the template. */
export const CASE_PERFORMER: ValueRule = {
  kind: 'json',
  describe: 'a user ARN or a custom entity',
  normalize: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [{ UserArn: 'userArn', CustomEntity: 'customEntity' }[k] ?? k, v]));
  },
  check: (value) => {
    const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
    const [member, v] = entries[0] ?? [];
    if (entries.length === 1 && member === 'userArn' && typeof v === 'string' && v.length >= 1 && v.length <= 500) return [];
    if (entries.length === 1 && member === 'customEntity' && typeof v === 'string' && v.length <= 500 && CUSTOM_ENTITY_PATTERN.test(v)) return [];
    return [
      `must be a user ARN of 1–500 characters or a custom entity of 1–500 letters, digits, spaces and _-.@:/ not ending in a space (got ${show(entries.length === 1 ? v : value)})`,
    ];
  },
};

/** A client token as Connect Cases takes it (documented: at most 64 characters). */
export const CASES_CLIENT_TOKEN = text(1, 64);

/** Custom::ConnectCase — Connect Cases CreateCase. */
export const CONNECT_CASE: ResourceSpec = {
  resourceType: 'Custom::ConnectCase',
  construct: 'Case',
  properties: {
    DomainId: { prop: 'domainId', rule: text(1, 500, { describe: 'a Cases domain id or ARN of 1–500 characters' }), required: true, replaces: true },
    TemplateId: { prop: 'templateId', rule: text(1, 500, { describe: 'a case template id or ARN of 1–500 characters' }), required: true, replaces: true },
    Fields: { prop: 'fields', rule: CASE_FIELDS, required: true },
    PerformedBy: { prop: 'performedBy', rule: CASE_PERFORMER },
    Tags: { prop: 'tags', rule: TAGS },
    ClientToken: { prop: 'clientToken', rule: CASES_CLIENT_TOKEN, replaces: true },
  },
};

// ---------------------------------------------------------------------------------------------
// Checking a whole property set
// ---------------------------------------------------------------------------------------------

/** Properties every custom resource carries that are not API request members. */
const FRAMEWORK_PROPERTIES = new Set(['ServiceToken', 'ServiceTimeout']);

/** The outcome of checking a property set: coerced values and problems in plain words. */
export interface CheckedProperties {
  readonly values: Record<string, unknown>;
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
}

/**
 * Coerces the given properties (CloudFormation delivers scalars as strings) and checks them
 * against the spec. Unknown properties are problems too: they would be ignored silently otherwise.
 */
export function checkProperties(spec: ResourceSpec, raw: Readonly<Record<string, unknown>>, options: CheckOptions = {}): CheckedProperties {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  let skipped = false;
  const label = (name: string, p: PropertySpec) => (options.templateNames ? `${name} (${p.prop})` : p.prop);

  for (const name of Object.keys(raw)) {
    if (!(name in spec.properties) && !FRAMEWORK_PROPERTIES.has(name)) {
      problems.push(`${name} is not a property of ${spec.resourceType}`);
    }
  }
  for (const [name, p] of Object.entries(spec.properties)) {
    const given = raw[name];
    if (given === undefined || given === null || given === '') {
      if (p.required) problems.push(`${label(name, p)} is required`);
      continue;
    }
    if (options.skip?.(given)) {
      skipped = true;
      values[name] = given;
      continue;
    }
    const value = coerce(p.rule, given);
    const problem = ruleViolation(p.rule, value);
    if (problem) problems.push(`${label(name, p)} ${problem}`);
    values[name] = value;
  }
  if (!skipped && problems.length === 0 && spec.crossCheck) problems.push(...spec.crossCheck(values));
  return { values, problems };
}

/** The template names of the properties whose change forces a replacement. */
export function replacingProperties(spec: ResourceSpec): string[] {
  return Object.entries(spec.properties)
    .filter(([, p]) => p.replaces)
    .map(([name]) => name);
}
