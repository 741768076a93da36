/**
 * The first step of every invocation, before any AWS call: is this an event we may act on, and
 * where may its answer go?
 *
 * The function can be invoked by anyone allowed to invoke it, with any payload. An event that
 * does not have the shape CloudFormation gives its events is answered FAILED at once (if it can be
 * answered at all) and never reaches a resource module; an event whose ResponseURL is not one we
 * send answers to is not answered and not acted on.
 */
import { HANDLER_TIMEOUT_S } from '../contract';
import { CONTINUATION_KEY, Continuation, HandlerEvent, SAFETY_MARGIN_MS } from './waiter';
import { CfnEvent, ID_CAPS } from './cfn-response';

/** Extra hosts (`host:port`, comma-separated) that may receive answers, for tests against local servers. */
export const EXTRA_RESPONSE_HOSTS_ENV = 'CONNECT_RESOURCES_EXTRA_RESPONSE_HOSTS';

/** The request types of CloudFormation's custom-resource protocol, exactly as it spells them (documented: crpg-ref-requesttypes). */
const REQUEST_TYPES = ['Create', 'Update', 'Delete'];

/**
 * The most invocations a genuine chain can take: CloudFormation's longest ServiceTimeout (3600 s,
 * documented) over the least an invocation works before it hands over (the shortest timeout the
 * construct accepts, less the safety margin), plus Lambda's own first one. A chain ends by time,
 * at its ServiceTimeout (waiter.ts), long before this; only a forged continuation meets it.
 */
export const MAX_INVOCATIONS = Math.ceil(3600_000 / (HANDLER_TIMEOUT_S.min * 1000 - SAFETY_MARGIN_MS)) + 1;

/** What to do with a payload. */
export type Intake =
  /** Act on it. */
  | { readonly kind: 'admitted'; readonly event: HandlerEvent }
  /** Answer FAILED with this reason, touch nothing. */
  | { readonly kind: 'refused'; readonly event: CfnEvent; readonly reason: string }
  /** No acceptable ResponseURL: log and stop. */
  | { readonly kind: 'unanswerable'; readonly reason: string };

/** Checks a payload as delivered; `resourceTypes` are the types this handler serves. */
export function admit(payload: unknown, resourceTypes: readonly string[], extraHosts: string | undefined, now = Date.now()): Intake {
  if (!isRecord(payload)) return { kind: 'unanswerable', reason: `the payload is ${describeKind(payload)}, not an event` };
  const urlProblem = responseUrlProblem(payload.ResponseURL, extraHosts);
  if (urlProblem) return { kind: 'unanswerable', reason: urlProblem };

  const event = payload as unknown as HandlerEvent;
  const refuse = (reason: string): Intake => ({ kind: 'refused', event, reason: `${label(payload)}: ${reason}; nothing was done` });

  for (const key of ['StackId', 'RequestId', 'LogicalResourceId'] as const) {
    const value = payload[key];
    if (typeof value !== 'string' || value.length === 0 || value.length > ID_CAPS[key]) return refuse(`${key} must be a string of 1–${ID_CAPS[key]} characters`);
  }
  if (typeof payload.RequestType !== 'string' || !REQUEST_TYPES.includes(payload.RequestType)) {
    return refuse(`RequestType must be one of ${REQUEST_TYPES.join(', ')} (got ${describeValue(payload.RequestType)})`);
  }
  if (typeof payload.ResourceType !== 'string' || !resourceTypes.includes(payload.ResourceType)) {
    return refuse(`unknown resource type ${describeValue(payload.ResourceType)}; this handler serves ${resourceTypes.join(', ')}`);
  }
  if (!isRecord(payload.ResourceProperties)) return refuse('ResourceProperties must be an object');
  if (payload.RequestType === 'Update' && !isRecord(payload.OldResourceProperties)) return refuse('an Update must carry OldResourceProperties, an object');
  if (payload.RequestType !== 'Create') {
    const id = payload.PhysicalResourceId;
    if (typeof id !== 'string' || id.length === 0 || id.length > ID_CAPS.PhysicalResourceId) {
      return refuse(`an ${payload.RequestType} must carry a PhysicalResourceId of 1–${ID_CAPS.PhysicalResourceId} characters`);
    }
  }
  if (CONTINUATION_KEY in payload) {
    const problem = continuationProblem(payload[CONTINUATION_KEY], now);
    if (problem) return refuse(`the continuation ${problem}`);
  }
  return { kind: 'admitted', event };
}

/**
 * Why a continuation cannot be trusted as to its shape. Its age is the waiter's business: a chain
 * is bounded by the ServiceTimeout counted from when the request was sent, and a continuation past
 * it is answered, naming what the chain made (waiter.ts). What it claims to have created is
 * verified with the service by the lifecycle (see ownership.ts).
 */
function continuationProblem(value: unknown, now: number): string | undefined {
  if (!isRecord(value)) return 'is not an object';
  const { startedAt, invocation, created, createCalled, faultSince } = value as Partial<Record<keyof Continuation, unknown>>;
  if (typeof invocation !== 'number' || !Number.isInteger(invocation) || invocation < 2 || invocation > MAX_INVOCATIONS) {
    return `must be invocation 2–${MAX_INVOCATIONS} of its event (more than a chain bounded by the ServiceTimeout can take)`;
  }
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt) || startedAt > now) return 'must have started at a time past';
  if (createCalled !== undefined && typeof createCalled !== 'boolean') return 'says whether a create call was sent with something other than true or false';
  if (faultSince !== undefined && (typeof faultSince !== 'number' || !Number.isFinite(faultSince) || faultSince > now)) return 'dates a fault at no time past';
  if (created !== undefined) {
    if (!isRecord(created) || typeof created.physicalResourceId !== 'string' || created.physicalResourceId.length === 0) return 'names no created resource';
    if (created.physicalResourceId.length > ID_CAPS.PhysicalResourceId) return 'names an over-long physical id';
    if (!isRecord(created.data) || !Object.values(created.data).every((v) => typeof v === 'string')) return 'carries attributes that are not strings';
  }
  return undefined;
}

/**
 * Why answers may not go to this URL, or undefined when they may. Accepted: https to a host under
 * amazonaws.com or amazonaws.com.cn (CloudFormation's pre-signed S3 URLs; documented: the
 * ResponseURL "is a pre-signed Amazon S3 URL", crpg-ref-requests), and the `host:port` entries of
 * {@link EXTRA_RESPONSE_HOSTS_ENV}, over http only when the host is a loopback address. The
 * reason never holds the URL's query, which carries the signature.
 */
export function responseUrlProblem(value: unknown, extraHosts: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'the event has no ResponseURL';
  if (value.length > 8192) return 'the ResponseURL is longer than 8192 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'the ResponseURL is not a URL';
  }
  const where = `${url.protocol}//${url.host}`.slice(0, 100);
  if (url.username || url.password) return `the ResponseURL ${where} carries credentials`;
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  const extra = (extraHosts ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (extra.includes(`${url.hostname}:${port}`)) {
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return undefined;
    return `the ResponseURL ${where} is plain http to a host that is not a loopback address`;
  }
  if (url.protocol === 'https:' && port === '443' && /\.amazonaws\.com(\.cn)?$/.test(url.hostname)) return undefined;
  return `the ResponseURL ${where} is not https to an amazonaws.com host`;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event's logical id for a reason, when it has a usable one. */
function label(payload: Record<string, unknown>): string {
  const id = payload.LogicalResourceId;
  return typeof id === 'string' && id.length > 0 && id.length <= ID_CAPS.LogicalResourceId ? id : 'the event';
}

function describeKind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/** A short rendering of a value from an event that failed the checks. */
function describeValue(value: unknown): string {
  if (typeof value !== 'string') return describeKind(value);
  const s = JSON.stringify(value);
  return s.length > 64 ? `${s.slice(0, 61)}...` : s;
}
