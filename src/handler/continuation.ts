import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { cachedClient } from './aws-clients';

/**
 * The longest a hand-over may take. It runs inside the lifecycle's safety margin (10 s) and must
 * leave the rest of it for answering FAILED when the hand-over fails: 2 attempts of at most 1.5 s
 * each plus a 0.25 s pause fit, and the abort signal ends the call at this bound whatever the
 * endpoint does (accepts and never answers, answers slowly).
 */
export const HANDOVER_BUDGET_MS = 4_000;

/** Starts an asynchronous ('Event') invocation of the given function with the given payload. */
export async function invokeAsync(functionArn: string, payload: unknown): Promise<void> {
  // Not the shared configuration: its paced retries and 30 s timeouts suit throttled service calls,
  // not a step that has seconds to run.
  const lambda = cachedClient(
    'lambda',
    () => new LambdaClient({ maxAttempts: 2, retryMode: 'standard', requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_500 } }),
  );
  await lambda.send(
    new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }),
    { abortSignal: AbortSignal.timeout(HANDOVER_BUDGET_MS) },
  );
}
