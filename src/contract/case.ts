/** Custom::ConnectCase — the template interface of Connect Cases CreateCase. */
import { CASES_TAGS, defineSpec, hasOwn, isFiniteNumber, plainDouble, PropertiesOf, show, showKey, text, textLength, ValueRule } from './rules';


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
export function casesResourceId<V>(value: V, kind: 'domain' | 'template' | 'field'): V | string {
  if (typeof value !== 'string') return value;
  const pattern = kind === 'domain' ? /^arn:[^:]+:cases:[^:]*:[^:]*:domain\/([^/]+)$/ : new RegExp(`^arn:[^:]+:cases:[^:]*:[^:]*:domain/[^/]+/${kind}/([^/]+)$`);
  return pattern.exec(value)?.[1] ?? value;
}

/** The parts of a case ARN. */
export interface CaseArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly domainId: string;
  readonly caseId: string;
}

const CASE_ARN = /^arn:([^:]+):cases:([^:]*):([^:]*):domain\/([^/]+)\/case\/([^/]+)$/;

/**
 * The parts of a case ARN (`arn:<partition>:cases:<region>:<account>:domain/<domainId>/case/<caseId>`,
 * the form CreateCase answers with: documented), or undefined when the value is not one.
 */
export function parseCaseArn(arn: string): CaseArnParts | undefined {
  const m = CASE_ARN.exec(arn);
  return m ? { partition: m[1], region: m[2], account: m[3], domainId: m[4], caseId: m[5] } : undefined;
}

/** A case ARN from its parts (the inverse of {@link parseCaseArn}). */
export function formatCaseArn(parts: CaseArnParts): string {
  return `arn:${parts.partition}:cases:${parts.region}:${parts.account}:domain/${parts.domainId}/case/${parts.caseId}`;
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
    if (textLength(id) < 1 || textLength(id) > CASE_FIELD_ID_MAX) problems.push(`must have field ids of 1–${CASE_FIELD_ID_MAX} characters (got ${showKey(id)})`);
    else if (seen.has(id)) problems.push(`must not give field ${showKey(id)} twice`);
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
      const name = hasOwn(FIELD_VALUE_MEMBERS, member) ? FIELD_VALUE_MEMBERS[member] : member;
      if (name === 'doubleValue') return [name, plainDouble(v)];
      if (name === 'booleanValue' && (v === 'true' || v === 'false')) return [name, v === 'true'];
      if (name === 'emptyValue' && (v === '' || (typeof v === 'object' && v !== null && Object.keys(v).length === 0))) return [name, {}];
      return [name, v];
    }),
  );
}

function fieldValueProblem(id: unknown, value: unknown): string | undefined {
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
  const field = `field ${typeof id === 'string' ? showKey(id) : show(id)}`;
  if (entries.length !== 1) return `must give ${field} exactly one of a text, number, boolean, empty or user ARN value (got ${show(value)})`;
  const [[member, v]] = entries;
  switch (member) {
    case 'stringValue':
      if (typeof v !== 'string') return `must give ${field} a text (got ${show(v)})`;
      return textLength(v) <= CASE_STRING_VALUE_MAX ? undefined : `must give ${field} a text of at most ${CASE_STRING_VALUE_MAX} characters (got ${show(v)}: ${textLength(v)} characters)`;
    case 'doubleValue':
      return isFiniteNumber(v) ? undefined : `must give ${field} a finite number in plain decimal notation (got ${show(v)})`;
    case 'booleanValue':
      return typeof v === 'boolean' ? undefined : `must give ${field} true or false (got ${show(v)})`;
    case 'emptyValue':
      return undefined;
    case 'userArnValue':
      // The model's FieldValueUnion.userArnValue is a plain String: even "" is the service's to judge.
      return typeof v === 'string' ? undefined : `must give ${field} a user ARN (got ${show(v)})`;
    default:
      return `must give ${field} a text, number, boolean, empty or user ARN value (got member ${showKey(member)})`;
  }
}

/**
 * The case fields: `[{ Id, Value: { StringValue | DoubleValue | BooleanValue | EmptyValue | UserArnValue } }]`
 * in the template, `[{ id, value: { stringValue | … } }]` with typed values once normalized.
 * A field id may be given as the field's ARN.
 */
/** One field value as the Cases API takes it: exactly one member. */
export type CaseFieldData =
  | { readonly stringValue: string }
  | { readonly doubleValue: number }
  | { readonly booleanValue: boolean }
  | { readonly emptyValue: Record<string, never> }
  | { readonly userArnValue: string };

/** One case field as the Cases API takes it (FieldValue). */
export interface CaseFieldValue {
  readonly id: string;
  readonly value: CaseFieldData;
}

/** Who performs a case action, as the Cases API takes it (UserUnion). */
export type CasePerformerData = { readonly userArn: string } | { readonly customEntity: string };

export const CASE_FIELDS: ValueRule<CaseFieldValue[]> = {
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
      if (unknown.length > 0) problems.push(`must not give field ${showKey(id)} the members ${unknown.map((k) => showKey(k)).join(', ')}`);
      const problem = fieldValueProblem(id, v);
      if (problem) problems.push(problem);
    }
    return [...caseFieldIdProblems(ids), ...problems];
  },
};

/** Who performs the action: `{ UserArn }` or `{ CustomEntity }` in the template. */
export const CASE_PERFORMER: ValueRule<CasePerformerData> = {
  kind: 'json',
  describe: 'a user ARN or a custom entity',
  normalize: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const members: Record<string, string> = { UserArn: 'userArn', CustomEntity: 'customEntity' };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [hasOwn(members, k) ? members[k] : k, v]));
  },
  check: (value) => {
    const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
    const [member, v] = entries[0] ?? [];
    const length = typeof v === 'string' ? textLength(v) : 0;
    if (entries.length === 1 && member === 'userArn' && length >= 1 && length <= 500) return [];
    if (entries.length === 1 && member === 'customEntity' && length <= 500 && CUSTOM_ENTITY_PATTERN.test(v as string)) return [];
    return [
      `must be a user ARN of 1–500 characters or a custom entity of 1–500 letters, digits, spaces and _-.@:/ not ending in a space (got ${show(entries.length === 1 ? v : value)})`,
    ];
  },
};

/** A client token as Connect Cases takes it (documented: at most 64 characters). */
export const CASES_CLIENT_TOKEN = text(1, 64);

/** Custom::ConnectCase — Connect Cases CreateCase. */
export const CONNECT_CASE = defineSpec({
  resourceType: 'Custom::ConnectCase',
  construct: 'Case',
  // Documented: 2 per second, burst 10 (Amazon Connect Administrator Guide, "Amazon Connect service
  // quotas", Cases API throttling quotas). Earlier editions of the page gave 10.
  rateQuota: { operation: 'CreateCase', perSecond: 2, burst: 10 },
  properties: {
    DomainId: { prop: 'domain', rule: text(1, 500, { describe: 'a Cases domain id or ARN of 1–500 characters' }), required: true, replaces: true },
    TemplateId: { prop: 'template', rule: text(1, 500, { describe: 'a case template id or ARN of 1–500 characters' }), required: true, replaces: true },
    Fields: { prop: 'fields', rule: CASE_FIELDS, required: true, customerData: true },
    // A custom entity may be a person's name.
    PerformedBy: { prop: 'performedBy', rule: CASE_PERFORMER, customerData: true },
    Tags: { prop: 'tags', rule: CASES_TAGS },
    ClientToken: { prop: 'clientToken', rule: CASES_CLIENT_TOKEN, replaces: true },
  },
});

/** The properties of a Custom::ConnectCase, as the handler reads them. */
export type CaseProperties = PropertiesOf<typeof CONNECT_CASE>;
