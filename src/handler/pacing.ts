/**
 * Pacing: how the handler keeps a burst of events under the account's API rate quotas.
 *
 * A stack with hundreds of resources of one type sends hundreds of events at once, each handled by
 * its own Lambda process. The quotas they meet are per API, per account and Region, shared with
 * the live contact center's own calls; Connect documents them as a steady rate plus a burst — a
 * token bucket (Amazon Connect API Reference, "Best practices for using Amazon Connect APIs",
 * Throttling). Throttles carry no Retry-After (the Connect model declares none; the Cases model
 * declares one only on InternalServerException), and the processes share nothing, so no
 * client-side limiter can coordinate them: the SDK's adaptive mode measures its own process,
 * which sends one call.
 *
 * What every process does know is the stack: the provider writes into the function's environment
 * (PACING_ENV) how many resources of each type the stack holds and the rate their API is paced at,
 * the quota's documented default or the user's `requestRates`. So:
 *
 *  1. **Spread start.** An event's first service call waits a fraction of `uses ÷ rate × SPREAD`,
 *     the fraction drawn from the event's RequestId (uniform, and the same in a continuation,
 *     which only waits for what is left). A burst of every resource of a type then reaches the
 *     API at 1/SPREAD of its rate: 1.1× the floor (N ÷ rate), and few throttles.
 *  2. **Throttled calls** (a burst larger than the stack, someone else's calls, a lower quota than
 *     configured) back off with full jitter from {@link THROTTLE_BASE_MS}, doubling to
 *     {@link THROTTLE_CAP_MS} ("Exponential Backoff And Jitter", AWS Architecture Blog): the
 *     lifecycle goes on after the SDK's attempts until the invocation runs out, then hands over.
 *
 * BENCHMARKS.md ("Bursts") measures this beside the SDK's standard and adaptive modes, the
 * handler's earlier full jitter from 250 ms and decorrelated jitter, in one run.
 */
import { createHash } from 'node:crypto';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { PACING_ENV, StackPacing } from '../spec';

/**
 * How much wider than `uses ÷ rate` a burst's first calls are spread. At 1 the token bucket is fed
 * at exactly its rate and every chance cluster of turns is throttled; at 1.1 a burst of 200
 * creates is throttled about once per 5 creates against a bucket of 5, and almost never against
 * one of 10 (BENCHMARKS.md, "Bursts"), for 10 % more time.
 */
export const SPREAD = 1.1;

/** Attempts per SDK call, the first included; the lifecycle retries still-throttled steps after them. */
export const MAX_ATTEMPTS = 3;
/** The first retry of a throttled call comes within this (ms), the window doubling per retry... */
export const THROTTLE_BASE_MS = 2_000;
/** ...to at most this. */
export const THROTTLE_CAP_MS = 20_000;

/** Full jitter: a random pause in [0, min(cap, base × 2^(retry − 1))). */
export function throttleDelay(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(THROTTLE_CAP_MS, THROTTLE_BASE_MS * 2 ** Math.max(0, retry - 1)));
}

/**
 * How long after an event's first invocation started its first service call may go, in ms: a
 * fraction, fixed by the RequestId, of its type's spread window. The window is kept to half the
 * time CloudFormation waits (`budgetMs`), leaving the other half for retries and the work itself.
 */
export function startDelayMs(event: { readonly RequestId: string; readonly ResourceType: string }, budgetMs: number, pacing: StackPacing = stackPacing()): number {
  const type = Object.hasOwn(pacing, event.ResourceType) ? pacing[event.ResourceType] : undefined;
  if (!type) return 0;
  const windowMs = Math.min(budgetMs / 2, (type.uses / type.rate) * SPREAD * 1000);
  return Math.floor(fraction(event.RequestId) * windowMs);
}

/** A number in [0, 1), uniform over RequestIds, the same for every invocation of one event. */
function fraction(requestId: string): number {
  return createHash('sha256').update(requestId).digest().readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The pacing this function was deployed with; entries that are not a positive count and rate are
 * left out (the provider writes only those; anything else did not come from it).
 */
export function stackPacing(text: string | undefined = process.env[PACING_ENV]): StackPacing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const valid = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  return Object.fromEntries(
    Object.entries(parsed as Record<string, { uses?: unknown; rate?: unknown }>).filter(
      ([, p]) => typeof p === 'object' && p !== null && valid(p.uses) && valid(p.rate),
    ),
  ) as StackPacing;
}

/**
 * The SDK's standard strategy, except that a throttled call's retries follow
 * {@link throttleDelay}. Transient errors (5xx, timeouts) keep the SDK's own short backoff: a 500
 * says nothing about the account's load.
 */
export class ThrottlePacedStrategy extends StandardRetryStrategy {
  private readonly last: { throttled: boolean };

  constructor(maxAttempts: number = MAX_ATTEMPTS, delay: (retry: number) => number = throttleDelay) {
    const last = { throttled: false };
    // The SDK's own for other errors: @smithy/core DefaultRetryBackoffStrategy (base 100 ms, cap 20 s).
    const transient = (retry: number) => Math.floor(Math.random() * Math.min(20_000, 100 * 2 ** retry));
    super({
      maxAttempts,
      backoff: {
        setDelayBase: () => undefined,
        // The SDK passes the retries made so far (0 before the first retry).
        computeNextBackoffDelay: (done: number) => (last.throttled ? delay(done + 1) : transient(done)),
      },
    });
    this.last = last;
  }

  public override refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    this.last.throttled = errorInfo.errorType === 'THROTTLING';
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}
