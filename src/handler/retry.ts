/**
 * Retries: what the handler does when a call is throttled or meets a transient fault.
 *
 * A stack's bursts are paced before they reach the handler: CloudFormation itself sends the
 * requests of a resource type lane by lane (src/private/lanes.ts), so that about as many calls
 * reach the API per second as its rate quota serves, and no execution waits for a turn. What
 * throttling remains — the live contact center's own calls share the quota (per API, account and
 * Region), an account whose quota is lower than the stack was told, CloudFormation answering
 * faster than the lanes assume — is absorbed here by a short backoff with full jitter ("Exponential
 * Backoff And Jitter", AWS Architecture Blog): first within the SDK's attempts, then by the
 * lifecycle, which tries the step again for as long as the invocation has time, and hands over
 * after that. Throttles carry no Retry-After (the Connect model declares none; the Cases model
 * declares one only on InternalServerException), so the pause is ours to choose.
 *
 * Transient faults (5xx, resets, timeouts) are retried the same way once the SDK's attempts are
 * spent: every step is idempotent, so trying it again makes nothing twice.
 *
 * BENCHMARKS.md ("Deploys", "Backoff") measures this against the alternatives in one run.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';

/** Attempts per SDK call, the first included; the lifecycle retries still-failing steps after them. */
export const MAX_ATTEMPTS = 3;
/** The first retry of a throttled call comes within this (ms), the window growing by half per retry... */
export const BACKOFF_BASE_MS = 1_000;
/** ...to at most this. */
export const BACKOFF_CAP_MS = 8_000;
/**
 * Lanes keep the rate near the quota, so a throttle means a small excess, not a flood: a window
 * that grows by half (not doubles) and stops at 8 s keeps a lane retrying often enough to take
 * the bucket's next token, while a few lanes together stay near the rate (BENCHMARKS.md, "Backoff").
 */
const BACKOFF_GROWTH = 1.5;

/** Full jitter: a random pause in [0, min(cap, base × 1.5^(retry − 1))). */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * BACKOFF_GROWTH ** Math.max(0, retry - 1)));
}

/**
 * The SDK's standard strategy, except that a throttled call's retries follow
 * {@link backoffDelay}. Transient errors (5xx, timeouts) keep the SDK's own short backoff within
 * its attempts: a 500 says nothing about the account's load.
 */
export class ThrottlePacedStrategy extends StandardRetryStrategy {
  private readonly last: { throttled: boolean };

  constructor(maxAttempts: number = MAX_ATTEMPTS, delay: (retry: number) => number = backoffDelay) {
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
