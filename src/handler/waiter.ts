/**
 * Waiting, and running out of time while doing it.
 *
 * Some resources are usable only a while after their Create call has answered (an instance takes
 * minutes to become ACTIVE), and one Lambda invocation lasts at most 15 minutes, while
 * CloudFormation waits as long as the resource's ServiceTimeout. So:
 *
 *  - the work of an event runs beside a deadline timer, set a safety margin before the earlier of
 *    the invocation's end and the ServiceTimeout (counted from the first invocation);
 *  - readiness is polled with short pauses ({@link pollDelay});
 *  - when the invocation's time is nearly up, the work is abandoned and handed to a fresh
 *    asynchronous invocation of this same function (continuation.ts), whose event carries what is
 *    known so far (the created resource, when it exists, whether a create call was sent, and
 *    when the request was sent); the fresh invocation only waits. A chain is bounded by time
 *    alone — the ServiceTimeout, counted from when CloudFormation sent the request — never by a
 *    count of invocations, so a short function timeout still waits as long as CloudFormation does;
 *  - a hand-over whose Invoke may have reached Lambda is done: only an Invoke that Lambda refused
 *    leads to a FAILED answer here;
 *  - when the ServiceTimeout is nearly up too, the event is answered FAILED with the resource's id
 *    (or a marker saying a create call may have made one), so that CloudFormation's rollback
 *    Delete deletes it.
 *
 * Creates are idempotent (client tokens), so a continuation may safely repeat the last step, and
 * two chains for one request (an Invoke delivered twice) end in the same resource and answer.
 * Which event to answer and how is the lifecycle's business (lifecycle.ts); this module owns only
 * the clock.
 */
import type { CfnAnswer, CfnEvent } from './cfn-response';
import { describeError } from './errors';
import type { Logger } from './log';
import type { Outcome } from './resource-module';

/** The key under which a continuation carries its state in the event. */
export const CONTINUATION_KEY = 'CdkConnectResourcesContinuation';

/** What a continuation invocation knows from the invocations before it. */
export interface Continuation {
  /** When the first invocation for this event started (epoch ms). */
  readonly startedAt: number;
  /** Which invocation this is (1 = the one CloudFormation made). */
  readonly invocation: number;
  /** The resource, once created: the continuation only waits for it. */
  readonly created?: Outcome;
  /** True once a create call was sent before the resource was known: it may exist. */
  readonly createCalled?: boolean;
  /** When the step still failing transiently was first tried (epoch ms), if one is. */
  readonly faultSince?: number;
}

/** An event as CloudFormation sends it, or as a hand-over passes it on. */
export type HandlerEvent = CfnEvent & { readonly [CONTINUATION_KEY]?: Continuation };

/** The parts of the Lambda context the waiter uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  readonly invokedFunctionArn: string;
}

/**
 * What came of a hand-over: Lambda queued the event ('queued'), or its reply was lost after the
 * request may have reached it ('unconfirmed'). Either way the hand-over is done: this invocation
 * does not answer. A hand-over that Lambda refused throws.
 */
export type HandOver = 'queued' | 'unconfirmed';

/**
 * Time kept in hand for answering (or handing off) before the invocation or ServiceTimeout ends.
 * Its worst case: a hand-over that fails after its full budget (continuation.ts, 4 s), then the
 * FAILED answer's PUT retried until 1 s before the invocation ends (index.ts): 4 + 5 + 1 s.
 */
export const SAFETY_MARGIN_MS = 10_000;
/**
 * CloudFormation's ServiceTimeout when the resource does not set one, and its largest value
 * (seconds; documented: "an integer from 1 to 3600. The default value is 3600", crpg-ref-requests).
 */
const DEFAULT_SERVICE_TIMEOUT_S = 3600;

/**
 * The pause before each readiness check: 2 s, growing by 0.5 s to at most 3 s. The answer then
 * follows readiness by at most 3 s, at fewer than one call per 2 s (see BENCHMARKS.md, Waiter).
 */
export function pollDelay(attempt: number): number {
  return Math.min(3_000, 2_000 + 500 * attempt);
}

/** What the work of one event shares with the waiter. */
export interface WaitState {
  /** When CloudFormation sent the request, or else when the event's first invocation started (epoch ms). */
  readonly startedAt: number;
  /** How long CloudFormation waits for the answer, counted from `startedAt` (ms). */
  readonly serviceTimeoutMs: number;
  /** When this invocation stops working (epoch ms): the event is then handed over or answered FAILED. */
  readonly deadline: number;
  /**
   * The resource, once created (by this invocation or an earlier one). A continuation's claim
   * stands here before the lifecycle has confirmed it: the deadline answers only FAILED, naming it.
   */
  created?: Outcome;
  /** True once a create call was sent (by this invocation or an earlier one) before the resource was known. */
  createCalled: boolean;
  /**
   * When the step that keeps failing transiently was first tried, by this invocation or an earlier
   * one (epoch ms); undefined while steps succeed. The lifecycle answers once it is too long ago.
   */
  faultSince?: number;
  /** True once the deadline has passed: the work's results are ignored from then on. */
  readonly abandoned: boolean;
  /** Aborted when the deadline passes: pauses given it ({@link sleep}) end then. */
  readonly signal: AbortSignal;
}

/** How the waiter runs one event's work. */
export interface DeadlineRun {
  readonly event: HandlerEvent;
  readonly context: InvocationContext;
  readonly log: Logger;
  /** The work: decides and does what the event asks, and says how to answer. Must not throw. */
  work(state: WaitState): Promise<CfnAnswer>;
  /** The physical id to answer a failure with while no resource of ours is known. */
  fallbackPhysicalId(state: WaitState): string;
  /** Starts a fresh asynchronous invocation of this function with the given event; throws when Lambda refused it. */
  continueIn(functionArn: string, event: HandlerEvent): Promise<HandOver>;
  /** Sends the one answer. */
  answer(answer: CfnAnswer): Promise<void>;
}

/**
 * Runs the work of one event before its deadline: answers with the work's answer, or, out of
 * time, hands the event over to a fresh invocation or answers FAILED.
 */
export async function runBeforeDeadline(run: DeadlineRun): Promise<void> {
  const { event, context, log } = run;
  const previous = event[CONTINUATION_KEY];
  const continuation: Continuation = previous ?? { startedAt: sentAt(event.ResponseURL) ?? Date.now(), invocation: 1 };
  log.info(previous ? 'continuing' : 'received', { attempt: continuation.invocation, ageMs: Date.now() - continuation.startedAt });
  const serviceTimeoutMs = serviceTimeoutSeconds(event) * 1000;
  const invocationEnd = Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS;
  const budgetEnd = continuation.startedAt + serviceTimeoutMs - SAFETY_MARGIN_MS;

  let reachDeadline!: (value: 'deadline') => void;
  const deadline = new Promise<'deadline'>((resolve) => (reachDeadline = resolve));
  const abandon = new AbortController();
  const state: WaitState & { deadline: number } = {
    startedAt: continuation.startedAt,
    serviceTimeoutMs,
    deadline: Math.min(invocationEnd, budgetEnd),
    created: continuation.created,
    createCalled: continuation.createCalled === true,
    faultSince: continuation.faultSince,
    get abandoned() {
      return abandon.signal.aborted;
    },
    signal: abandon.signal,
  };
  const failed = (reason: string): CfnAnswer => ({ Status: 'FAILED', PhysicalResourceId: state.created?.physicalResourceId ?? run.fallbackPhysicalId(state), Reason: reason });
  if (Date.now() >= budgetEnd) {
    // CloudFormation has given up on this request (or is about to): whatever is made now belongs
    // to no stack. Lambda delivers such an event when it waited long in the queue, or retries it.
    // The answer names what the chain has made or may have made, for the rollback's Delete.
    const waited = Math.round((Date.now() - continuation.startedAt) / 1000);
    log.warn('too old to act on', { ageMs: Date.now() - continuation.startedAt });
    return run.answer(failed(`${event.LogicalResourceId}: CloudFormation sent this request ${waited} s ago, past its ServiceTimeout of ${serviceTimeoutMs / 1000} s; nothing more was done`));
  }

  const timer = setTimeout(() => reachDeadline('deadline'), Math.max(0, state.deadline - Date.now()));
  const first = await Promise.race([run.work(state), deadline]);
  clearTimeout(timer);
  if (first !== 'deadline') return run.answer(first);

  // Out of time: whatever the abandoned work does from here on is ignored.
  abandon.abort();
  const physicalId = state.created?.physicalResourceId ?? run.fallbackPhysicalId(state);
  if (budgetEnd - Date.now() > SAFETY_MARGIN_MS) {
    const next: Continuation = {
      startedAt: continuation.startedAt,
      invocation: continuation.invocation + 1,
      created: state.created,
      ...(state.createCalled ? { createCalled: true } : {}),
      ...(state.faultSince !== undefined ? { faultSince: state.faultSince } : {}),
    };
    try {
      const handedOver = await run.continueIn(context.invokedFunctionArn, { ...event, [CONTINUATION_KEY]: next });
      // An unconfirmed hand-over may have reached Lambda: answering FAILED now could contradict
      // the answer of the invocation it started. Duplicate chains are harmless (docs/deploy-runtime.md).
      log.info(handedOver === 'queued' ? 'handed over to a fresh invocation' : "handed over; Lambda's reply was lost, so the fresh invocation is not confirmed", { attempt: next.invocation, physicalId });
      return;
    } catch (error) {
      log.error('could not hand over to a fresh invocation', { error: describeError(error) });
      return run.answer(failed(`${event.LogicalResourceId}: ran out of time and could not continue in a fresh invocation: ${describeError(error)}`));
    }
  }
  const waited = Math.round((Date.now() - continuation.startedAt) / 1000);
  const what = state.created ? `waiting for ${physicalId} to become ready` : `the ${event.RequestType}`;
  return run.answer(failed(`${event.LogicalResourceId}: gave up on ${what} after ${waited} s, before CloudFormation's ServiceTimeout`));
}

/**
 * Polls until `check` gives the ready outcome. Waiting starts with a pause: a resource that needs
 * waiting for is never ready at once. Returns undefined once the deadline has abandoned the work.
 */
export async function waitUntilReady(state: WaitState, check: () => Promise<Outcome | undefined>): Promise<Outcome | undefined> {
  for (let n = 0; ; n++) {
    await sleep(pollDelay(n), state.signal);
    if (state.abandoned) return undefined;
    const ready = await check();
    if (ready) return ready;
  }
}

/**
 * When CloudFormation sent the request, read from its ResponseURL, a pre-signed S3 URL
 * (documented: crpg-ref-requests). That CloudFormation signs the URL as it sends the request, for
 * two hours, is assumed from URLs seen in the wild:
 *
 * - Signature Version 4 puts the signing time in X-Amz-Date (`20260105T120000Z`; documented:
 *   Amazon S3 API Reference, "Authenticating Requests: Using Query Parameters"); CloudFormation's
 *   URLs carry it with `X-Amz-Expires=7200`.
 * - Signature Version 2 carries only the end of the URL's life, `Expires=<epoch seconds>`
 *   (documented: Amazon S3 Developer Guide, "Signing and authenticating REST requests", query
 *   string request authentication): the request went out {@link SIGV2_URL_LIFETIME_S} before it.
 *   A real CloudFormation event in a public test fixture shows that lifetime: its stack id is a
 *   time-based UUID (`b8d29ba0-c499-11e7-…`) that dates the stack's creation 2 h 51 s before the
 *   URL's `Expires=1510162268`.
 *
 * Undefined for a URL that says neither, or claims a time to come (a clock ahead of ours, or not
 * CloudFormation's): the invocation's start then stands in.
 */
export function sentAt(responseUrl: string, now = Date.now()): number | undefined {
  let query: URLSearchParams;
  try {
    query = new URL(responseUrl).searchParams;
  } catch {
    return undefined;
  }
  const time = signedAt(query.get('X-Amz-Date')) ?? expiresAt(query.get('Expires'));
  return time !== undefined && time <= now ? time : undefined;
}

/** How long CloudFormation's Signature Version 2 ResponseURLs live (s; see {@link sentAt}). */
const SIGV2_URL_LIFETIME_S = 7200;

/** A Signature Version 4 signing time (`YYYYMMDDTHHMMSSZ`) as epoch ms, when it is a real time. */
function signedAt(date: string | null): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date ?? '');
  if (!m) return undefined;
  const time = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Date.UTC carries a 13th month or a 61st minute over: only a real time reads back the same.
  return Number.isFinite(time) && new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '') === date ? time : undefined;
}

/** When a Signature Version 2 URL expiring at `expires` (epoch seconds) was signed, as epoch ms. */
function expiresAt(expires: string | null): number | undefined {
  if (!/^\d{1,11}$/.test(expires ?? '')) return undefined;
  return (Number(expires) - SIGV2_URL_LIFETIME_S) * 1000;
}

function serviceTimeoutSeconds(event: CfnEvent): number {
  // CloudFormation refuses other values, so anything else did not come from it.
  const value = Number(event.ResourceProperties?.ServiceTimeout);
  return Number.isInteger(value) && value >= 1 && value <= DEFAULT_SERVICE_TIMEOUT_S ? value : DEFAULT_SERVICE_TIMEOUT_S;
}

/**
 * Resolves after the given time, or as soon as `signal` aborts: an abandoned invocation's pauses
 * must not keep its process alive.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    signal?.addEventListener('abort', end);
  });
}
