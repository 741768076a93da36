/**
 * Errors the lifecycle knows how to answer.
 */

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

/** True when the service says the resource does not exist (a Delete then has nothing left to do). */
export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'ResourceNotFoundException' || e?.$metadata?.httpStatusCode === 404;
}

/** True when the service asked us to slow down. */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean }; $metadata?: { httpStatusCode?: number } } | undefined;
  return (
    e?.$retryable?.throttling === true ||
    e?.name === 'ThrottlingException' ||
    e?.name === 'TooManyRequestsException' ||
    e?.$metadata?.httpStatusCode === 429
  );
}

/** A one-line account of an error for a Reason: the service's error name and message, no stack. */
export function describeError(error: unknown): string {
  if (error instanceof ResourceFailedError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
