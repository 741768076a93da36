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
