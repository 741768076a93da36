/**
 * Errors the lifecycle knows how to answer.
 */
import { isServerError, isTransientError } from '@smithy/core/retry';

/**
 * A failure whose message is the whole story for the user (it becomes the Reason as is). When the
 * resource exists, `physicalResourceId` names it, so that the rollback's Delete removes it.
 */
export class ResourceFailedError extends Error {
  constructor(message: string, public readonly physicalResourceId?: string) {
    super(message);
    this.name = 'ResourceFailedError';
  }
}

/**
 * True when the service says the resource does not exist (a Delete then has nothing left to do).
 * Only ResourceNotFoundException says so: Connect answers other errors with HTTP 404 too
 * (ContactFlowNotPublishedException, UserNotFoundException, OutputTypeNotFoundException: botocore
 * connect 2017-08-08 model), and they are about something else than the resource being gone.
 */
export function isNotFound(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'ResourceNotFoundException';
}

/**
 * Errors that say a quota is used up. Connect answers LimitExceededException with HTTP 429 ("The
 * allowed limit for the resource has been exceeded") and ServiceQuotaExceededException with 402;
 * Cases and Partner Central have ServiceQuotaExceededException (botocore models). Waiting does not
 * free a quota, so they are answered at once, not retried.
 */
const QUOTA_ERRORS = new Set(['LimitExceededException', 'ServiceQuotaExceededException']);

/** True when a quota is used up (not a rate limit: retrying does not help). */
export function isQuotaExceeded(error: unknown): boolean {
  return QUOTA_ERRORS.has((error as { name?: string } | undefined)?.name ?? '');
}

/**
 * True when the service asked us to slow down: ThrottlingException, TooManyRequestsException (the
 * rate limit of Connect's View APIs), or what the SDK classifies as throttling — but never a quota
 * error, although Connect answers LimitExceededException with the same HTTP 429.
 */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean }; $metadata?: { httpStatusCode?: number } } | undefined;
  if (isQuotaExceeded(e)) return false;
  return (
    e?.$retryable?.throttling === true ||
    e?.name === 'ThrottlingException' ||
    e?.name === 'TooManyRequestsException' ||
    e?.$metadata?.httpStatusCode === 429
  );
}

/**
 * True when a step may succeed if simply tried again: a 5xx answer, a timeout, a connection reset
 * or refused — what the SDK itself classifies as transient or a server error and retries within
 * its own attempts (@smithy/core/retry's service-error classification, which every client here
 * uses: it also counts errors the model marks retryable, and a corrected clock skew). Connect
 * answers InternalServiceException with HTTP 500, Cases and Partner Central
 * InternalServerException with 500 (botocore models). Steps are idempotent (client tokens,
 * ownership checks, flow versions adopted by their reference), so repeating one that acted before
 * its answer was lost makes nothing twice. Quota errors are never taken for transient; validation
 * errors (400) are not transient by the SDK's classification.
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isQuotaExceeded(error)) return false;
  const e = error as Parameters<typeof isTransientError>[0];
  return isTransientError(e) || isServerError(e);
}

/** True when a step is worth trying again after the SDK's attempts: throttled, or a transient fault. */
export function isRetryable(error: unknown): boolean {
  return isThrottling(error) || isTransient(error);
}

/** Where each service's quotas are listed and raised, by client key. */
const QUOTA_PAGES: Record<string, string> = {
  connect: 'https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html',
  connectcases: 'https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html',
  'partnercentral-selling': 'https://docs.aws.amazon.com/partner-central/latest/developer-guide/quotas.html',
};

/**
 * The Reason for a quota error: which call hit which quota, that retrying will not help, and
 * where to raise it.
 */
export function quotaExceededError(service: string, operation: string | undefined, error: unknown): ResourceFailedError {
  const e = error as { name?: string; message?: string };
  const page = QUOTA_PAGES[service];
  return new ResourceFailedError(
    `${operation?.replace(/Command$/, '') ?? 'a call'} hit a service quota (${e.name}: ${e.message}). This is not throttling: retrying does not help. ` +
      `Free capacity or raise the quota in the Service Quotas console (https://console.aws.amazon.com/servicequotas/)` +
      (page ? `; the quotas are listed at ${page}` : ''),
  );
}

/**
 * A one-line account of an error for a Reason: the service's error name and message, no stack.
 *
 * With `withholdServiceMessage`, a service's error is named by its type and HTTP status only:
 * services repeat the offending value in their messages (a case field value in a Cases
 * ValidationException, a lead's email in Partner Central's), and for resource types that hold
 * customer data no such value may reach a reason or a log line.
 */
export function describeError(error: unknown, withholdServiceMessage = false): string {
  if (error instanceof ResourceFailedError) return error.message;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  if (withholdServiceMessage && metadata !== undefined && error instanceof Error) {
    return `${error.name} (HTTP ${metadata.httpStatusCode ?? 'status unknown'}; the service's message is not shown: it may repeat customer data)`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
