/**
 * Shared SDK client configuration. Endpoints come from the SDK's standard resolution, so
 * `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` redirect them (the lifecycle tests rely on it).
 *
 * Retries: throttled calls back off as retry.ts describes; quota errors are never retried.
 */
import type { RetryStrategyV2 } from '@smithy/types';
import { isQuotaExceeded, quotaExceededError } from './errors';
import { logContext } from './log';
import { ThrottlePacedStrategy } from './retry';

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
    retryStrategy: quotaAware(new ThrottlePacedStrategy()),
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
