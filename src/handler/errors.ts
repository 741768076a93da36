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
