/** Custom::ConnectContactEvaluation — the template interface of Connect StartContactEvaluation. */
import { BOOLEAN, CONNECT_CLIENT_TOKEN, CONNECT_TAGS, defineSpec, hasOwn, isFiniteNumber, ISO_DATE_TIME, plainDouble, PropertiesOf, ruleViolation, show, showKey, text, textLength, ValueRule } from './rules';


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

/** `…:instance/<instance id>/contact-evaluation/<evaluation id>` (the EvaluationArn StartContactEvaluation answers with). */
const EVALUATION_ARN = /:instance\/([^/]+)\/contact-evaluation\/([^/]+)$/;

/** The instance id and evaluation id in a contact evaluation ARN, or undefined when the value is not one. */
export function parseEvaluationArn(arn: string): { instanceId: string; evaluationId: string } | undefined {
  const m = EVALUATION_ARN.exec(arn);
  return m ? { instanceId: m[1], evaluationId: m[2] } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
    if (textLength(refId) < 1 || textLength(refId) > EVALUATION_LIMITS.refIdMax) {
      problems.push(`must have reference ids of 1–${EVALUATION_LIMITS.refIdMax} characters (got ${showKey(refId)})`);
      continue;
    }
    const problem = entryProblem(entry);
    if (problem) problems.push(`${problem[0]} for ${showKey(refId)} (got ${show(problem[1])})`);
  }
  return problems;
}

function answerProblem(entry: unknown): EntryProblem {
  const shape = `must give each answer as {"Value": {<one of ${EVALUATION_ANSWER_MEMBERS.join(', ')}>}}`;
  if (!isRecord(entry) || Object.keys(entry).some((key) => key !== 'Value')) return [shape, entry];
  // The model's EvaluationAnswerInput.Value is optional: an answer without a value is the service's to judge.
  if (!hasOwn(entry, 'Value')) return undefined;
  const value = entry.Value;
  const members = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
  if (members.length !== 1 || !(EVALUATION_ANSWER_MEMBERS as readonly string[]).includes(members[0][0])) {
    return [shape, entry];
  }
  const [member, v] = members[0];
  const short = (s: unknown) => typeof s === 'string' && textLength(s) <= EVALUATION_LIMITS.stringValueMax;
  switch (member) {
    case 'StringValue':
      return short(v) ? undefined : [`must have a StringValue of at most ${EVALUATION_LIMITS.stringValueMax} characters`, v];
    case 'StringValues':
      return Array.isArray(v) && v.every(short) ? undefined : [`must have StringValues as a list of strings of at most ${EVALUATION_LIMITS.stringValueMax} characters`, v];
    case 'NumericValue':
      return isFiniteNumber(v) ? undefined : ['must have a finite number in plain decimal notation as NumericValue', v];
    case 'DateTimeValue':
      // The model's ISO8601Datetime is a plain String (no pattern, no length), but its name and
      // the construct's documentation say what it holds: a date and time, which must exist.
      // "2027-02-31T10:00:00Z" would otherwise reach the service, whose verdict is undocumented.
      return ruleViolation(ISO_DATE_TIME, v) === undefined ? undefined : ['must have an ISO 8601 date and time that exists in the calendar as DateTimeValue, such as "2026-11-02T09:30:00Z",', v];
    default:
      return typeof v === 'boolean' ? undefined : ['must have true or false as NotApplicable', v];
  }
}

/**
 * The answers of an evaluation, as the API takes them: question reference id → {Value: <union>}.
 * CloudFormation delivers NumericValue and NotApplicable as strings; the member name says which
 * type each value has, so a StringValue of "42" stays a string.
 */
/** One answer as the API takes it (EvaluationAnswerData): exactly one member. */
export type EvaluationAnswerData =
  | { readonly StringValue: string }
  | { readonly StringValues: string[] }
  | { readonly NumericValue: number }
  | { readonly DateTimeValue: string }
  | { readonly NotApplicable: boolean };

/** Answers by question reference id, as the API takes them. */
export type EvaluationAnswers = Record<string, { readonly Value: EvaluationAnswerData }>;

/** Notes by item reference id, as the API takes them. */
export type EvaluationNotes = Record<string, { readonly Value: string }>;

export const EVALUATION_ANSWERS: ValueRule<EvaluationAnswers> = {
  kind: 'json',
  describe: `at most ${EVALUATION_LIMITS.maxEntries} answers by question reference id`,
  normalize: (value) =>
    mapEntries(value, (entry) => {
      const data = (entry as { Value?: Record<string, unknown> } | null)?.Value;
      if (typeof data !== 'object' || data === null) return entry;
      const typed: Record<string, unknown> = { ...data };
      if (hasOwn(typed, 'NumericValue')) typed.NumericValue = plainDouble(typed.NumericValue);
      if (typed.NotApplicable === 'true') typed.NotApplicable = true;
      if (typed.NotApplicable === 'false') typed.NotApplicable = false;
      return { ...(entry as object), Value: typed };
    }),
  check: (value) => refIdMapProblems(value, 'answer', answerProblem),
};

/** The notes of an evaluation, as the API takes them: item (section or question) reference id → {Value: text}. */
export const EVALUATION_NOTES: ValueRule<EvaluationNotes> = {
  kind: 'json',
  describe: `at most ${EVALUATION_LIMITS.maxEntries} notes by item reference id`,
  check: (value) =>
    refIdMapProblems(value, 'note', (entry) => {
      const keys = isRecord(entry) ? Object.keys(entry) : ['(not an object)'];
      // The model's EvaluationNote.Value is optional: {} is a note without text.
      const note = isRecord(entry) && hasOwn(entry, 'Value') ? entry.Value : '';
      return keys.every((key) => key === 'Value') && typeof note === 'string' && textLength(note) <= EVALUATION_LIMITS.noteMax
        ? undefined
        : [`must give each note as {"Value": <text of at most ${EVALUATION_LIMITS.noteMax} characters>}`, entry];
    }),
};

/** AutoEvaluationConfiguration of StartContactEvaluation: {Enabled: boolean}. */
export const AUTO_EVALUATION_CONFIGURATION: ValueRule<{ readonly Enabled: boolean }> = {
  kind: 'json',
  describe: '{"Enabled": true or false}',
  normalize: (value) => {
    const enabled = isRecord(value) && hasOwn(value, 'Enabled') ? value.Enabled : undefined;
    return enabled === 'true' || enabled === 'false' ? { ...(value as object), Enabled: enabled === 'true' } : value;
  },
  check: (value) => {
    const keys = isRecord(value) ? Object.keys(value) : [];
    return keys.length === 1 && keys[0] === 'Enabled' && typeof (value as { Enabled?: unknown }).Enabled === 'boolean' ? [] : [`must be {"Enabled": true or false} (got ${show(value)})`];
  },
};

/** Custom::ConnectContactEvaluation — Connect StartContactEvaluation (+ Update/SubmitContactEvaluation). */
export const CONNECT_CONTACT_EVALUATION = defineSpec({
  resourceType: 'Custom::ConnectContactEvaluation',
  construct: 'ContactEvaluation',
  // Documented for all evaluations actions: 3 per second, burst 5 (Amazon Connect Administrator
  // Guide, "Amazon Connect service quotas", API throttling quotas).
  rateQuota: { operation: 'StartContactEvaluation', perSecond: 3, burst: 5 },
  properties: {
    InstanceId: { prop: 'instance', rule: text(1, 100, { describe: 'an instance id of 1–100 characters' }), required: true, replaces: true },
    ContactId: { prop: 'contactId', rule: text(1, 256), required: true, replaces: true },
    EvaluationFormId: {
      prop: 'evaluationForm',
      required: true,
      replaces: true,
      rule: text(1, 500, {
        pattern: /^(?!arn:).+$|^arn:[\w-]+:connect:[\w-]+:\d{12}:instance\/[^/]+\/evaluation-form\/[^/]+$/,
        describe: 'an evaluation form id of 1–500 characters, or an evaluation form ARN (arn:…:instance/<instance id>/evaluation-form/<form id>)',
      }),
    },
    AutoEvaluationConfiguration: { prop: 'autoEvaluationEnabled', rule: AUTO_EVALUATION_CONFIGURATION, replaces: true },
    Answers: { prop: 'answers', rule: EVALUATION_ANSWERS, customerData: true },
    Notes: { prop: 'notes', rule: EVALUATION_NOTES, customerData: true },
    Submit: { prop: 'submit', rule: BOOLEAN },
    Tags: { prop: 'tags', rule: CONNECT_TAGS },
    ClientToken: { prop: 'clientToken', rule: CONNECT_CLIENT_TOKEN, replaces: true },
  },
  crossCheck: (p) => {
    const formInstance = typeof p.EvaluationFormId === 'string' ? EVALUATION_FORM_ARN.exec(p.EvaluationFormId)?.[1] : undefined;
    return formInstance !== undefined && formInstance !== p.InstanceId
      ? [`evaluationForm must be a form of the evaluation's instance (the ARN names instance ${show(formInstance)}, the instance id is ${show(p.InstanceId)})`]
      : [];
  },
});

/** The properties of a Custom::ConnectContactEvaluation, as the handler reads them. */
export type ContactEvaluationProperties = PropertiesOf<typeof CONNECT_CONTACT_EVALUATION>;
