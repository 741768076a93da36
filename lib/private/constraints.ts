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

// ---------------------------------------------------------------------------------------------
// Partner Central
// ---------------------------------------------------------------------------------------------

/** Partner Central Selling is served from this region only, whatever the caller's region (documented). */
export const PARTNER_CENTRAL_REGION = 'us-east-1';

/** The Catalog values of the Partner Central Selling API (documented: "AWS or Sandbox"). */
export const PARTNER_CENTRAL_CATALOGS = ['AWS', 'Sandbox'] as const;

/**
 * The engagement context types this library creates. The API also knows ProspectingResult, which
 * the service generates itself (autonomous prospecting); it is not offered here.
 */
export const ENGAGEMENT_CONTEXT_TYPES = ['CustomerProject', 'Lead'] as const;

/** The Industry values of the Partner Central Selling API (client-partnercentral-selling 3.1124). */
export const PARTNER_CENTRAL_INDUSTRIES = [
  'Aerospace', 'Agriculture', 'Automotive', 'Computers and Electronics', 'Consumer Goods', 'Education',
  'Energy - Oil and Gas', 'Energy - Power and Utilities', 'Financial Services', 'Gaming', 'Government',
  'Healthcare', 'Hospitality', 'Life Sciences', 'Manufacturing', 'Marketing and Advertising',
  'Media and Entertainment', 'Mining', 'Non-Profit Organization', 'Other', 'Professional Services',
  'Real Estate and Construction', 'Retail', 'Software and Internet', 'Telecommunications',
  'Transportation and Logistics', 'Travel', 'Wholesale and Distribution',
] as const;

/**
 * The CountryCode values of the Partner Central Selling API (client-partnercentral-selling
 * 3.1124): 249 ISO 3166-1 alpha-2 codes. Too many for an enum users would want to scroll; the
 * construct takes a string and checks it against this list.
 */
export const PARTNER_CENTRAL_COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS ' +
  'MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS ' +
  'RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW ' +
  'TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** EngagementArnOrIdentifier (documented pattern `(arn:.*|eng-[0-9a-z]{14})`). */
export const ENGAGEMENT_IDENTIFIER: ValueRule = {
  kind: 'string',
  pattern: /^(arn:.*|eng-[0-9a-z]{14})$/,
  describe: 'an engagement id ("eng-" and 14 lower-case letters or digits) or an engagement ARN',
};

/**
 * A client token as CreateEngagementContext takes it. The API reference says "must not exceed
 * sixty-four alphanumeric characters" and recommends a UUID, while the model's pattern is the
 * looser `.{1,255}`: we hold to the documented 64 and admit the hyphens of a UUID.
 */
export const PARTNER_CENTRAL_CLIENT_TOKEN = text(1, 64, {
  pattern: /^[A-Za-z0-9-]+$/,
  describe: '1–64 letters, digits or hyphens',
});

/** A rule for a string with no documented length: present and not empty. */
function nonEmpty(): ValueRule {
  return { kind: 'string', minLength: 1, describe: 'a non-empty string' };
}

const INDUSTRY: ValueRule = {
  kind: 'string',
  values: PARTNER_CENTRAL_INDUSTRIES,
  describe: 'one of the industries Partner Central knows (the Industry enum, e.g. "Software and Internet")',
};
const COUNTRY_CODE: ValueRule = {
  kind: 'string',
  values: PARTNER_CENTRAL_COUNTRY_CODES,
  describe: 'a two-letter country code Partner Central knows (ISO 3166-1 alpha-2 in capitals, e.g. "US")',
};
// CompanyWebsiteUrl: the model's pattern and length, as the service applies them.
const WEBSITE_URL = text(4, 255, {
  pattern: /^((http|https):\/\/)??(www[.])??([a-zA-Z0-9]|-)+?([.][a-zA-Z0-9(-|/|=|?)??]+?)+?$/,
  describe: 'a website address of 4–255 characters such as "https://www.example.com"',
});
const DATE = text(10, 10, {
  pattern: /^[1-9][0-9]{3}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/,
  describe: 'a date of the form YYYY-MM-DD',
});
const DATE_TIME: ValueRule = {
  kind: 'string',
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
  describe: 'an ISO 8601 date and time such as "2026-05-01T09:30:00Z"',
};
// Email: the model's pattern (at most 80 characters, lower case).
const EMAIL: ValueRule = {
  kind: 'string',
  pattern: /^(?=.{0,80}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  describe: 'an email address of at most 80 characters, in lower case',
};
const BUSINESS_PROBLEM = text(20, 2000);

/** One member of a structure inside the Payload. */
interface PayloadMember {
  /** The construct prop the member comes from (its path segment in messages). */
  readonly prop: string;
  readonly required?: boolean;
  /** For a leaf: its rule. */
  readonly rule?: ValueRule;
  /** For a structure: its members, by API name. */
  readonly members?: { readonly [apiName: string]: PayloadMember };
  /**
   * The member is a list that holds exactly one structure. UpdateEngagementContext takes a single
   * lead Interaction, so a lead context kept in step with the template has exactly one.
   */
  readonly single?: boolean;
}

const CUSTOMER_PROJECT: PayloadMember = {
  prop: '',
  members: {
    Customer: {
      prop: 'customer',
      required: true,
      members: {
        CompanyName: { prop: 'companyName', required: true, rule: text(1, 120) },
        CountryCode: { prop: 'countryCode', required: true, rule: COUNTRY_CODE },
        Industry: { prop: 'industry', required: true, rule: INDUSTRY },
        WebsiteUrl: { prop: 'websiteUrl', required: true, rule: WEBSITE_URL },
      },
    },
    Project: {
      prop: 'project',
      members: {
        Title: { prop: 'title', required: true, rule: text(1, 255) },
        BusinessProblem: { prop: 'businessProblem', required: true, rule: BUSINESS_PROBLEM },
        TargetCompletionDate: { prop: 'targetCompletionDate', required: true, rule: DATE },
      },
    },
  },
};

const LEAD: PayloadMember = {
  prop: '',
  members: {
    QualificationStatus: { prop: 'qualificationStatus', rule: text(1, 255) },
    Customer: {
      prop: 'customer',
      required: true,
      members: {
        CompanyName: { prop: 'companyName', required: true, rule: text(1, 120) },
        Industry: { prop: 'industry', rule: INDUSTRY },
        WebsiteUrl: { prop: 'websiteUrl', rule: WEBSITE_URL },
        Address: {
          prop: 'address',
          members: {
            City: { prop: 'city', rule: nonEmpty() },
            PostalCode: { prop: 'postalCode', rule: nonEmpty() },
            StateOrRegion: { prop: 'stateOrRegion', rule: nonEmpty() },
            CountryCode: { prop: 'countryCode', rule: COUNTRY_CODE },
          },
        },
        AwsMaturity: { prop: 'awsMaturity', rule: nonEmpty() },
        MarketSegment: { prop: 'marketSegment', rule: nonEmpty() },
      },
    },
    Interactions: {
      prop: 'interaction',
      required: true,
      single: true,
      members: {
        SourceType: { prop: 'sourceType', rule: text(1, 255) },
        SourceId: { prop: 'sourceId', rule: text(1, 255) },
        SourceName: { prop: 'sourceName', rule: text(1, 255) },
        Usecase: { prop: 'usecase', rule: nonEmpty() },
        InteractionDate: { prop: 'interactionDate', rule: DATE_TIME },
        CustomerAction: { prop: 'customerAction', rule: text(1, 255) },
        BusinessProblem: { prop: 'businessProblem', rule: BUSINESS_PROBLEM },
        Contact: {
          prop: 'contact',
          required: true,
          members: {
            BusinessTitle: { prop: 'businessTitle', required: true, rule: text(1, 80) },
            Email: { prop: 'email', required: true, rule: EMAIL },
            FirstName: { prop: 'firstName', required: true, rule: text(1, 80) },
            LastName: { prop: 'lastName', required: true, rule: text(1, 80) },
            Phone: { prop: 'phone', rule: text(1, 40) },
          },
        },
      },
    },
  },
};

/** The Payload union members, by context type. */
const PAYLOAD_MEMBERS: Record<string, PayloadMember> = { CustomerProject: CUSTOMER_PROJECT, Lead: LEAD };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every leaf of an engagement context payload is a string in the API. A hand-written template may
 * hold numbers or booleans (`PostalCode: 98101` in YAML), and CloudFormation delivers those as
 * strings anyway: both become strings here, so synth and handler see the same value.
 */
function stringifyLeaves(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyLeaves);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyLeaves(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

function checkStructure(spec: PayloadMember, value: unknown, propPath: string, apiPath: string, problems: string[]): void {
  const name = (prop: string, api: string) => (prop ? `member ${prop} (${api})` : `member ${api}`);
  if (!isRecord(value)) {
    problems.push(`${name(propPath, apiPath)} must be an object (got ${show(value)})`);
    return;
  }
  const members = spec.members ?? {};
  for (const key of Object.keys(value)) {
    if (!(key in members) && value[key] !== undefined) problems.push(`member ${apiPath}.${key} is not a member of ${apiPath}`);
  }
  for (const [apiName, member] of Object.entries(members)) {
    const prop = propPath ? `${propPath}.${member.prop}` : member.prop;
    const api = `${apiPath}.${apiName}`;
    const given = value[apiName];
    if (given === undefined || given === null) {
      if (member.required) problems.push(`${name(prop, api)} is required`);
      continue;
    }
    if (member.single) {
      if (!Array.isArray(given) || given.length !== 1) {
        problems.push(`${name(prop, api)} must be a list of exactly one interaction (got ${show(given)})`);
        continue;
      }
      checkStructure(member, given[0], prop, `${api}[0]`, problems);
    } else if (member.members) {
      checkStructure(member, given, prop, api, problems);
    } else if (member.rule) {
      const problem = ruleViolation(member.rule, given);
      if (problem) problems.push(`${name(prop, api)} ${problem}`);
    }
  }
}

/** The one context type a payload holds, or undefined when it holds none or several. */
export function engagementContextPayloadType(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const present = Object.keys(payload).filter((key) => payload[key] !== undefined);
  return present.length === 1 && present[0] in PAYLOAD_MEMBERS ? present[0] : undefined;
}

/** EngagementContextPayload: a union of CustomerProject and Lead, checked member by member. */
export const ENGAGEMENT_CONTEXT_PAYLOAD: ValueRule = {
  kind: 'json',
  describe: 'an engagement context payload',
  normalize: stringifyLeaves,
  check: (value) => {
    const type = engagementContextPayloadType(value);
    if (!type) return [`must hold exactly one of ${Object.keys(PAYLOAD_MEMBERS).join(', ')} (got ${show(value)})`];
    const problems: string[] = [];
    checkStructure(PAYLOAD_MEMBERS[type], (value as Record<string, unknown>)[type], '', type, problems);
    return problems;
  },
};

/** Custom::PartnerCentralEngagementContext — Partner Central Selling CreateEngagementContext. */
export const ENGAGEMENT_CONTEXT: ResourceSpec = {
  resourceType: 'Custom::PartnerCentralEngagementContext',
  construct: 'EngagementContext',
  properties: {
    Catalog: { prop: 'catalog', rule: oneOf(PARTNER_CENTRAL_CATALOGS), required: true, replaces: true },
    EngagementIdentifier: { prop: 'engagementIdentifier', rule: ENGAGEMENT_IDENTIFIER, required: true, replaces: true },
    // Follows from the payload (EngagementContextPayload.customerProject / .lead).
    Type: { prop: 'payload', rule: oneOf(ENGAGEMENT_CONTEXT_TYPES), required: true, replaces: true },
    Payload: { prop: 'payload', rule: ENGAGEMENT_CONTEXT_PAYLOAD, required: true },
    ClientToken: { prop: 'clientToken', rule: PARTNER_CENTRAL_CLIENT_TOKEN, replaces: true },
  },
  crossCheck: (p) => {
    const held = engagementContextPayloadType(p.Payload);
    return held === p.Type ? [] : [`Type must name the payload's member: the payload holds ${held} but Type is ${show(p.Type)}`];
  },
};

// ---------------------------------------------------------------------------------------------
// Connect contact evaluations
// ---------------------------------------------------------------------------------------------

/** The members of the EvaluationAnswerData union (documented: exactly one may be given). */
export const EVALUATION_ANSWER_MEMBERS = ['StringValue', 'StringValues', 'NumericValue', 'DateTimeValue', 'NotApplicable'] as const;

/** Documented limits of contact evaluations (StartContactEvaluation, Update/SubmitContactEvaluation). */
const EVALUATION_LIMITS = { maxEntries: 100, refIdMax: 500, stringValueMax: 300, noteMax: 3072 };

/** An evaluation form ARN: `arn:<partition>:connect:<region>:<account>:instance/<instance id>/evaluation-form/<form id>`. */
const EVALUATION_FORM_ARN = /^arn:[\w-]+:connect:[\w-]+:\d{12}:instance\/([^/]+)\/evaluation-form\/([^/]+)$/;

/**
 * The form id inside an evaluation form ARN (what `CfnEvaluationForm.attrEvaluationFormArn`
 * gives), or the value itself when it is an id already.
 */
export function evaluationFormIdOf(value: string): string {
  return EVALUATION_FORM_ARN.exec(value)?.[2] ?? value;
}

/** Applies `f` to each entry of a map, leaving anything that is not a map unchanged. */
function mapEntries(value: unknown, f: (entry: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, f(entry)]));
}

/** What is wrong with one entry: the rule it breaks and the value that breaks it. */
type EntryProblem = readonly [rule: string, got: unknown] | undefined;

/** The problems of a map keyed by question or item reference ids, entry by entry. */
function refIdMapProblems(value: unknown, what: string, entryProblem: (entry: unknown) => EntryProblem): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`must be a map of ${what}s by reference id (got ${show(value)})`];
  }
  const entries = Object.entries(value);
  if (entries.length > EVALUATION_LIMITS.maxEntries) return [`must hold at most ${EVALUATION_LIMITS.maxEntries} ${what}s (got ${entries.length})`];
  const problems: string[] = [];
  for (const [refId, entry] of entries) {
    if (refId.length < 1 || refId.length > EVALUATION_LIMITS.refIdMax) {
      problems.push(`must have reference ids of 1–${EVALUATION_LIMITS.refIdMax} characters (got ${show(refId)})`);
      continue;
    }
    const problem = entryProblem(entry);
    if (problem) problems.push(`${problem[0]} for ${show(refId)} (got ${show(problem[1])})`);
  }
  return problems;
}

function answerProblem(entry: unknown): EntryProblem {
  const value = (entry as { Value?: unknown } | null)?.Value;
  const members = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
  if (members.length !== 1 || !(EVALUATION_ANSWER_MEMBERS as readonly string[]).includes(members[0][0])) {
    return [`must give each answer as {"Value": {<one of ${EVALUATION_ANSWER_MEMBERS.join(', ')}>}}`, entry];
  }
  const [member, v] = members[0];
  const short = (s: unknown) => typeof s === 'string' && s.length <= EVALUATION_LIMITS.stringValueMax;
  switch (member) {
    case 'StringValue':
      return short(v) ? undefined : [`must have a StringValue of at most ${EVALUATION_LIMITS.stringValueMax} characters`, v];
    case 'StringValues':
      return Array.isArray(v) && v.every(short) ? undefined : [`must have StringValues as a list of strings of at most ${EVALUATION_LIMITS.stringValueMax} characters`, v];
    case 'NumericValue':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : ['must have a finite number as NumericValue', v];
    case 'DateTimeValue':
      return typeof v === 'string' && v.length > 0 ? undefined : ['must have a date and time string as DateTimeValue', v];
    default:
      return typeof v === 'boolean' ? undefined : ['must have true or false as NotApplicable', v];
  }
}

/**
 * The answers of an evaluation, as the API takes them: question reference id → {Value: <union>}.
 * CloudFormation delivers NumericValue and NotApplicable as strings; the member name says which
 * type each value has, so a StringValue of "42" stays a string.
 */
export const EVALUATION_ANSWERS: ValueRule = {
  kind: 'json',
  describe: `at most ${EVALUATION_LIMITS.maxEntries} answers by question reference id`,
  normalize: (value) =>
    mapEntries(value, (entry) => {
      const data = (entry as { Value?: Record<string, unknown> } | null)?.Value;
      if (typeof data !== 'object' || data === null) return entry;
      const typed: Record<string, unknown> = { ...data };
      if (typeof typed.NumericValue === 'string' && typed.NumericValue.trim() !== '' && Number.isFinite(Number(typed.NumericValue))) {
        typed.NumericValue = Number(typed.NumericValue);
      }
      if (typed.NotApplicable === 'true') typed.NotApplicable = true;
      if (typed.NotApplicable === 'false') typed.NotApplicable = false;
      return { ...(entry as object), Value: typed };
    }),
  check: (value) => refIdMapProblems(value, 'answer', answerProblem),
};

/** The notes of an evaluation, as the API takes them: item (section or question) reference id → {Value: text}. */
export const EVALUATION_NOTES: ValueRule = {
  kind: 'json',
  describe: `at most ${EVALUATION_LIMITS.maxEntries} notes by item reference id`,
  check: (value) =>
    refIdMapProblems(value, 'note', (entry) => {
      const keys = typeof entry === 'object' && entry !== null ? Object.keys(entry) : [];
      const note = (entry as { Value?: unknown } | null)?.Value;
      return keys.length === 1 && typeof note === 'string' && note.length <= EVALUATION_LIMITS.noteMax
        ? undefined
        : [`must give each note as {"Value": <text of at most ${EVALUATION_LIMITS.noteMax} characters>}`, entry];
    }),
};

/** AutoEvaluationConfiguration of StartContactEvaluation: {Enabled: boolean}. */
export const AUTO_EVALUATION_CONFIGURATION: ValueRule = {
  kind: 'json',
  describe: '{"Enabled": true or false}',
  normalize: (value) => {
    const enabled = (value as { Enabled?: unknown } | null)?.Enabled;
    return enabled === 'true' || enabled === 'false' ? { ...(value as object), Enabled: enabled === 'true' } : value;
  },
  check: (value) => {
    const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
    return keys.length === 1 && typeof (value as { Enabled?: unknown }).Enabled === 'boolean' ? [] : [`must be {"Enabled": true or false} (got ${show(value)})`];
  },
};

/** Custom::ConnectContactEvaluation — Connect StartContactEvaluation (+ Update/SubmitContactEvaluation). */
export const CONNECT_CONTACT_EVALUATION: ResourceSpec = {
  resourceType: 'Custom::ConnectContactEvaluation',
  construct: 'ContactEvaluation',
  properties: {
    InstanceId: { prop: 'instance', rule: text(1, 100, { describe: 'an instance id of 1–100 characters' }), required: true, replaces: true },
    ContactId: { prop: 'contactId', rule: text(1, 256), required: true, replaces: true },
    EvaluationFormId: {
      prop: 'evaluationFormId',
      required: true,
      replaces: true,
      rule: text(1, 500, {
        pattern: /^(?!arn:).+$|^arn:[\w-]+:connect:[\w-]+:\d{12}:instance\/[^/]+\/evaluation-form\/[^/]+$/,
        describe: 'an evaluation form id of 1–500 characters, or an evaluation form ARN (arn:…:instance/<instance id>/evaluation-form/<form id>)',
      }),
    },
    AutoEvaluationConfiguration: { prop: 'autoEvaluationEnabled', rule: AUTO_EVALUATION_CONFIGURATION, replaces: true },
    Answers: { prop: 'answers', rule: EVALUATION_ANSWERS },
    Notes: { prop: 'notes', rule: EVALUATION_NOTES },
    Submit: { prop: 'submit', rule: BOOLEAN },
    Tags: { prop: 'tags', rule: TAGS },
    ClientToken: { prop: 'clientToken', rule: CONNECT_CLIENT_TOKEN, replaces: true },
  },
  crossCheck: (p) => {
    const formInstance = typeof p.EvaluationFormId === 'string' ? EVALUATION_FORM_ARN.exec(p.EvaluationFormId)?.[1] : undefined;
    return formInstance !== undefined && formInstance !== p.InstanceId
      ? [`evaluationFormId must be a form of the evaluation's instance (the ARN names instance ${show(formInstance)}, the instance id is ${show(p.InstanceId)})`]
      : [];
  },
};

// ---------------------------------------------------------------------------------------------
// Connect flow versions
// ---------------------------------------------------------------------------------------------

/**
 * The longest description a FlowVersion takes. CloudFormation documents at most 500 characters
 * for a flow version's description (AWS::Connect::ContactFlowVersion); the handler appends a
 * reference of at most {@link FLOW_VERSION_REFERENCE_ROOM} characters that marks the version as
 * the resource's own (see lambda/resources/flow-version.ts).
 */
export const FLOW_VERSION_REFERENCE_ROOM = 50;
export const FLOW_VERSION_DESCRIPTION_MAX = 500 - FLOW_VERSION_REFERENCE_ROOM;

/** The API's range of ContactFlowVersion (2^60, the limit SDKs enforce). */
export const FLOW_VERSION_MAX = 1152921504606846976n;

/** A flow id (a UUID in practice) or a flow ARN without a version qualifier. */
const FLOW_ARN = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]+:[0-9]{12}:instance\/([-a-zA-Z0-9]+)\/contact-flow\/([-a-zA-Z0-9]+)$/;
const FLOW_ID_OR_ARN = new RegExp(`^[-a-zA-Z0-9]+$|${FLOW_ARN.source}`);

/** The instance id and flow id in a flow ARN, or undefined for a bare flow id. */
export function parseFlowArn(value: string): { instanceId: string; flowId: string } | undefined {
  const m = FLOW_ARN.exec(value);
  return m ? { instanceId: m[1], flowId: m[2] } : undefined;
}

/** Custom::ConnectFlowVersion — Connect CreateContactFlowVersion. Versions are immutable: every change replaces. */
export const CONNECT_FLOW_VERSION: ResourceSpec = {
  resourceType: 'Custom::ConnectFlowVersion',
  construct: 'FlowVersion',
  properties: {
    InstanceId: { prop: 'instance', rule: text(1, 100), required: true, replaces: true },
    ContactFlowId: {
      prop: 'contactFlowId',
      required: true,
      replaces: true,
      rule: text(1, 500, {
        pattern: FLOW_ID_OR_ARN,
        describe: 'a flow id or a flow ARN without a version qualifier (arn:<partition>:connect:<region>:<account>:instance/<id>/contact-flow/<id>)',
      }),
    },
    Description: {
      prop: 'description',
      replaces: true,
      rule: text(1, FLOW_VERSION_DESCRIPTION_MAX, {
        describe: `a string of 1–${FLOW_VERSION_DESCRIPTION_MAX} characters (the API's 500 less room for the reference the handler appends)`,
      }),
    },
    FlowContentSha256: {
      prop: 'flowContentSha256',
      replaces: true,
      rule: text(64, 64, { pattern: /^[a-zA-Z0-9]{64}$/, describe: 'a SHA-256 checksum of 64 letters or digits' }),
    },
    ContactFlowVersion: { prop: 'contactFlowVersion', replaces: true, rule: integer(1n, FLOW_VERSION_MAX) },
    LastModifiedRegion: {
      prop: 'lastModifiedRegion',
      replaces: true,
      rule: text(1, 50, { pattern: /^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$/, describe: 'an AWS Region name such as "us-west-2"' }),
    },
    // Epoch seconds: the API's timestamp as the template carries it.
    LastModifiedTime: {
      prop: 'lastModifiedTime',
      replaces: true,
      rule: { ...integer(0n, 253402300799n), describe: 'a time from 1970-01-01 to 9999-12-31, in whole seconds since 1970-01-01T00:00:00Z' },
    },
  },
  crossCheck: (p) => {
    const problems: string[] = [];
    // The API allows up to 2^60, but the JavaScript SDK carries ContactFlowVersion as a double:
    // above 2^53 - 1 it would send a neighbouring number instead.
    const version = p.ContactFlowVersion;
    if (typeof version === 'bigint' && version > BigInt(Number.MAX_SAFE_INTEGER)) {
      problems.push(
        `contactFlowVersion must be at most ${Number.MAX_SAFE_INTEGER}: the API allows up to ${FLOW_VERSION_MAX}, but the AWS SDK for JavaScript sends numbers above that imprecisely (got ${version})`,
      );
    }
    const flow = typeof p.ContactFlowId === 'string' ? parseFlowArn(p.ContactFlowId) : undefined;
    if (flow && typeof p.InstanceId === 'string' && flow.instanceId !== p.InstanceId) {
      problems.push(`contactFlowId must be a flow of the given instance ${show(p.InstanceId)} (got a flow of instance ${show(flow.instanceId)})`);
    }
    return problems;
  },
};
