/**
 * The ways of pacing a burst that `npm run bench` compares ("Bursts"): the handler's own
 * (src/handler/pacing.ts) and the documented alternatives it was chosen against. Only the
 * handler's ships; the others live here, for the comparison.
 */
import { AdaptiveRetryStrategy, ConfiguredRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryStrategyV2 } from '@smithy/types';
import { MAX_ATTEMPTS, startDelayMs, throttleDelay, ThrottlePacedStrategy } from '../src/handler/pacing';
import type { StackPacing } from '../src/spec';

/** One process's pacing: each create gets a fresh one, as each Lambda process has its own. */
export interface ProcessPacing {
  /** The pause before the event's first call (ms). */
  readonly startDelayMs: number;
  /** Attempts per SDK call; the lifecycle retries still-throttled steps after them. */
  readonly maxAttempts: number;
  /** The lifecycle's pause before its given retry of a throttled step. */
  throttleDelay(retry: number): number;
  /** The SDK retry strategy of the process's client. */
  strategy(): RetryStrategyV2;
}

/** What a pacing may know: the event, and what the stack tells the handler. */
export interface PacingInput {
  readonly requestId: string;
  readonly resourceType: string;
  readonly stack: StackPacing;
}

/** Full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog): random in [0, min(cap, base·2^n)). */
function fullJitter(baseMs: number, capMs: number) {
  return (retry: number) => Math.floor(Math.random() * Math.min(capMs, baseMs * 2 ** retry));
}

/** Decorrelated jitter (same post): random in [base, 3 × the previous pause), capped; restarts with each step. */
function decorrelated(baseMs: number, capMs: number) {
  let previous = baseMs;
  return (retry: number) => {
    if (retry <= 1) previous = baseMs;
    previous = Math.min(capMs, Math.floor(baseMs + Math.random() * (previous * 3 - baseMs)));
    return previous;
  };
}

/** The SDK's own throttle schedule (base 500 ms, cap 20 s: @smithy/core/retry), continued by the lifecycle. */
const SDK_THROTTLE_DELAY = fullJitter(500, 20_000);

/** The pacings compared, by name; the chosen one first. */
export const PACINGS: Record<string, (input: PacingInput) => ProcessPacing> = {
  /** The handler's: the stack's burst spread over uses ÷ rate, then full jitter from 2 s. */
  'spread start + full jitter 2 s': (input) => ({
    startDelayMs: startDelayMs({ RequestId: input.requestId, ResourceType: input.resourceType }, 3_600_000, input.stack),
    maxAttempts: MAX_ATTEMPTS,
    throttleDelay,
    strategy: () => new ThrottlePacedStrategy(),
  }),
  /** The handler's until 0.1: 8 attempts, full jitter from 250 ms doubling to 10 s, for every retryable error. */
  'full jitter 250 ms (0.1)': () => {
    const delay = fullJitter(250, 10_000);
    return { startDelayMs: 0, maxAttempts: 8, throttleDelay: delay, strategy: () => new ConfiguredRetryStrategy(8, delay) };
  },
  /** The SDK's standard mode as it comes (3 attempts). */
  'SDK standard': () => ({ startDelayMs: 0, maxAttempts: 3, throttleDelay: SDK_THROTTLE_DELAY, strategy: () => new StandardRetryStrategy(3) }),
  /** The SDK's adaptive mode (3 attempts): a client-side token bucket fed by the process's own throttles. */
  'SDK adaptive': () => ({ startDelayMs: 0, maxAttempts: 3, throttleDelay: SDK_THROTTLE_DELAY, strategy: () => new AdaptiveRetryStrategy(3) }),
  /** Decorrelated jitter from 1 s, capped at 20 s, for throttles. */
  'decorrelated jitter 1 s': () => {
    const delay = decorrelated(1_000, 20_000);
    return { startDelayMs: 0, maxAttempts: 8, throttleDelay: delay, strategy: () => new ThrottlePacedStrategy(8, delay) };
  },
};

/** The handler's pacing, as named in {@link PACINGS}. */
export const CHOSEN = 'spread start + full jitter 2 s';
