/**
 * Shared SDK client configuration. Endpoints come from the SDK's standard resolution, so
 * `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` redirect them (the lifecycle tests rely on it).
 *
 * Retry pacing. A stack that creates hundreds of resources at once sends one handler invocation
 * per resource, each its own process: nothing is shared between them, so no client-side rate
 * limiter can coordinate them (the SDK's adaptive mode measures only its own process's sending
 * rate, which for one create is a single call). What a process can learn is what each answer
 * tells it: a ThrottlingException (HTTP 429) means the account's per-API token bucket is empty —
 * Connect documents its API quotas as a steady-state rate plus a burst (the bucket's size),
 * shared by every caller of that API in the account and Region, the live contact center's own
 * calls included (Amazon Connect API Reference, "Best practices for using Amazon Connect APIs",
 * Throttling). A Retry-After header, when a service sends one, is honoured by the SDK's standard
 * strategy (@smithy/core StandardRetryStrategy: the delay is at least the hint, at most 5 s
 * beyond the computed one); the Cases model declares Retry-After only on InternalServerException
 * and Connect declares none, so throttles carry no hint and the pacing below must do.
 *
 * The pacings the benchmarks compare (`npm run bench`, BENCHMARKS.md "Bursts") are all listed
 * here; the handler uses {@link CHOSEN_PACING}. `CDK_CONNECT_RESOURCES_RETRY_PACING` selects
 * another one — the benchmarks set it; a deployed handler has no reason to.
 */
import { AdaptiveRetryStrategy, ConfiguredRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';
import { isQuotaExceeded, quotaExceededError } from './errors';
import { logContext } from './log';

/** How a handler process paces its retries. */
export interface RetryPacing {
  /** Attempts per SDK call, the first included; the lifecycle goes on retrying throttles after them. */
  readonly maxAttempts: number;
  /** The pause before the given retry of a throttled call (1 = the first retry). */
  throttleDelay(retry: number, random?: () => number): number;
  /** The SDK retry strategy of one client. */
  strategy(): RetryStrategyV2;
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): random in [0, min(cap, base·factor^n)). */
function fullJitter(baseMs: number, factor: number, capMs: number) {
  return (retry: number, random: () => number = Math.random) => Math.floor(random() * Math.min(capMs, baseMs * factor ** retry));
}

/**
 * A standard SDK strategy whose throttled retries follow `throttleDelay`, while transient errors
 * (5xx, timeouts) keep the SDK's own short backoff: a 500 says nothing about the account's load.
 */
class ThrottlePacedStrategy extends StandardRetryStrategy {
  private readonly last: { throttled: boolean };

  constructor(maxAttempts: number, throttleDelay: (retry: number) => number) {
    const last = { throttled: false };
    const transient = fullJitter(50, 2, 20_000); // the SDK's own: @smithy/core DefaultRetryBackoffStrategy, base Retry.delay()
    super({
      maxAttempts,
      backoff: {
        setDelayBase: () => undefined,
        // The SDK passes the retries made so far (0 before the first retry).
        computeNextBackoffDelay: (done: number) => (last.throttled ? throttleDelay(done + 1) : transient(done)),
      },
    });
    this.last = last;
  }

  public override refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    this.last.throttled = errorInfo.errorType === 'THROTTLING';
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

/** Decorrelated jitter (same blog post): random in [base, 3 × the previous pause), capped; restarts with each call. */
function decorrelated(baseMs: number, capMs: number) {
  let previous = baseMs;
  return (retry: number, random: () => number = Math.random) => {
    if (retry <= 1) previous = baseMs;
    previous = Math.min(capMs, Math.floor(baseMs + random() * (previous * 3 - baseMs)));
    return previous;
  };
}

/** The SDK's own schedule for throttles (base 1 s, cap 20 s), continued by the lifecycle after its attempts. */
const SDK_THROTTLE_DELAY = fullJitter(1_000, 2, 20_000);

/** Every pacing the benchmarks compare, by name: each call makes a fresh one (a process's own state). */
export const RETRY_PACINGS: Record<string, () => RetryPacing> = {
  /** Until 0.1: 8 attempts, full jitter from 250 ms doubling to 10 s, for every retryable error. */
  'full-jitter-250ms': () => {
    const delay = fullJitter(250, 2, 10_000);
    return { maxAttempts: 8, throttleDelay: delay, strategy: () => new ConfiguredRetryStrategy(8, (n: number) => delay(n)) };
  },
  /** The SDK's standard mode as it comes (3 attempts). */
  'sdk-standard': () => ({ maxAttempts: 3, throttleDelay: SDK_THROTTLE_DELAY, strategy: () => new StandardRetryStrategy(3) }),
  /** The SDK's adaptive mode (3 attempts): a client-side token bucket fed by this process's own throttles. */
  'sdk-adaptive': () => ({ maxAttempts: 3, throttleDelay: SDK_THROTTLE_DELAY, strategy: () => new AdaptiveRetryStrategy(3) }),
  /** Decorrelated jitter from 1 s, capped at 20 s, for throttles. */
  'decorrelated-1s': () => {
    const delay = decorrelated(1_000, 20_000);
    return { maxAttempts: 8, throttleDelay: delay, strategy: () => new ThrottlePacedStrategy(8, delay) };
  },
  /**
   * Polite: a throttle means the account's bucket is empty for everyone, so the first retry is
   * spread over a wide window (8 s), growing by half each time to at most 60 s.
   */
  'polite-8s': () => politePacing(8_000),
  /** The same from a 20 s window: fewer throttles in large bursts, slower small ones. */
  'polite-20s': () => politePacing(20_000),
};

function politePacing(windowMs: number): RetryPacing {
  const delay = (retry: number, random: () => number = Math.random) => fullJitter(windowMs, 1.5, 60_000)(retry - 1, random);
  return { maxAttempts: 8, throttleDelay: delay, strategy: () => new ThrottlePacedStrategy(8, delay) };
}

/**
 * The pacing the handler uses. Still the one of 0.1: no burst measurement on the shared machine
 * has yet separated the pacings (BENCHMARKS.md, "Bursts"); change it only on a measurement.
 */
export const CHOSEN_PACING = 'full-jitter-250ms';

/** The pacing of this process. */
export const PACING: RetryPacing = (RETRY_PACINGS[process.env.CDK_CONNECT_RESOURCES_RETRY_PACING ?? CHOSEN_PACING] ?? RETRY_PACINGS[CHOSEN_PACING])();

/** Attempts per SDK call, the first included. */
export const MAX_ATTEMPTS = PACING.maxAttempts;

/** The pause before the given retry of a still-throttled step (the lifecycle's retries go on after the SDK's). */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return PACING.throttleDelay(retry, random);
}

/**
 * The SDK's standard retry strategy, except for quota errors. The SDK classifies every HTTP 429 as
 * throttling (`isThrottlingError` in @smithy/core/retry), and Connect answers
 * LimitExceededException with 429 (botocore connect model): retrying it only wastes the attempts.
 */
export class QuotaAwareRetryStrategy extends ConfiguredRetryStrategy {
  public override async refreshRetryTokenForRetry(
    token: Parameters<ConfiguredRetryStrategy['refreshRetryTokenForRetry']>[0],
    errorInfo: Parameters<ConfiguredRetryStrategy['refreshRetryTokenForRetry']>[1],
  ) {
    // Throwing is how a retry strategy refuses a retry: the SDK then throws the service's error.
    if (isQuotaExceeded(errorInfo.error)) throw new Error('a quota error is not retried');
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

/**
 * A retry strategy that refuses to retry quota errors. The SDK classifies every HTTP 429 as
 * throttling (`isThrottlingError` in @smithy/core/retry), and Connect answers
 * LimitExceededException with 429 (botocore connect model): retrying it only wastes the attempts.
 */
export function quotaAware(strategy: RetryStrategyV2): RetryStrategyV2 & { mode?: string } {
  return {
    // The SDK reports the mode in its user agent.
    mode: (strategy as { mode?: string }).mode,
    acquireInitialRetryToken: (scope) => strategy.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: async (token, errorInfo) => {
      // Throwing is how a retry strategy refuses a retry: the SDK then throws the service's error.
      if (isQuotaExceeded(errorInfo.error)) throw new Error('a quota error is not retried');
      return strategy.refreshRetryTokenForRetry(token, errorInfo);
    },
    recordSuccess: (token) => strategy.recordSuccess(token),
  };
}

/** The configuration every client of the handler is built with. */
export function sdkConfig(region?: string) {
  return {
    region,
    retryStrategy: quotaAware(PACING.strategy()),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  };
}

/** The part of an SDK client the logging middleware needs. */
interface SdkClient {
  middlewareStack: { add(middleware: any, options: { step: 'initialize'; name: string }): void };
}

const clients = new Map<string, unknown>();

/**
 * One client per service and process (SDK clients keep connections and are meant to be reused),
 * each logging every operation with its attempts and duration, and turning a quota error into a
 * failure whose reason names the operation and where to raise the quota. `key` names the service
 * (the SDK's service id in lower case: connect, connectcases, partnercentral-selling).
 */
export function cachedClient<T extends SdkClient>(key: string, create: () => T): T {
  let client = clients.get(key) as T | undefined;
  if (!client) {
    client = create();
    client.middlewareStack.add(logOperation(key), { step: 'initialize', name: 'cdkConnectResourcesLog' });
    clients.set(key, client);
  }
  return client;
}

const logOperation = (service: string) => (next: (args: unknown) => Promise<any>, context: { commandName?: string }) => async (args: unknown) => {
  const started = Date.now();
  const log = logContext.getStore();
  try {
    const result = await next(args);
    log?.info('called', { operation: context.commandName, attempt: result.output?.$metadata?.attempts, durationMs: Date.now() - started });
    return result;
  } catch (error) {
    const e = error as { name?: string; $metadata?: { attempts?: number } };
    log?.info('call failed', { operation: context.commandName, attempt: e.$metadata?.attempts, durationMs: Date.now() - started, error: e.name });
    throw isQuotaExceeded(error) ? quotaExceededError(service, context.commandName, error) : error;
  }
};
