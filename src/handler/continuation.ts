import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { cachedClient } from './aws-clients';
import type { HandOver } from './waiter';

/**
 * The longest a hand-over may take. It runs inside the lifecycle's safety margin (10 s) and must
 * leave the rest of it for answering FAILED when Lambda refuses the hand-over: attempts of at most
 * {@link ATTEMPT_MS} fit, and each attempt's abort signal ends the call whatever the endpoint does
 * (accepts and never answers, answers slowly).
 */
export const HANDOVER_BUDGET_MS = 4_000;
/** The longest one Invoke attempt may take. */
const ATTEMPT_MS = 1_500;

/**
 * Starts an asynchronous ('Event') invocation of the given function with the given payload.
 *
 * Lambda answers an Event invocation it has queued with 202 (documented: Invoke, "For asynchronous
 * invocation, Lambda adds events to a queue before sending them to your function"), and one it
 * refuses with an error status (4xx: too many requests, access denied, a payload too large). Any
 * other outcome — a reset, a timeout, a 5xx — leaves open whether Lambda queued the event, so the
 * call is tried again until one attempt is answered. A second event queued that way starts a
 * second chain for the same request; that is harmless (docs/deploy-runtime.md, "Hand-overs"), as
 * a duplicate delivery by Lambda is. What is not harmless is answering FAILED while a chain goes
 * on: so only when every attempt was refused does this throw; when some attempt's fate stayed
 * unknown it answers 'unconfirmed', and the caller treats the hand-over as done.
 */
export async function invokeAsync(functionArn: string, payload: unknown): Promise<HandOver> {
  // Not the shared configuration: its paced retries and 30 s timeouts suit throttled service calls,
  // not a step that has seconds to run. Attempts are counted here, where their outcomes are seen.
  const lambda = cachedClient('lambda', () => new LambdaClient({ maxAttempts: 1, requestHandler: { connectionTimeout: 1_000 } }));
  const end = Date.now() + HANDOVER_BUDGET_MS;
  let unconfirmed = false;
  for (;;) {
    try {
      await lambda.send(
        new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }),
        { abortSignal: AbortSignal.timeout(Math.min(ATTEMPT_MS, end - Date.now())) },
      );
      return 'queued';
    } catch (error) {
      if (!refused(error)) unconfirmed = true;
      if (end - Date.now() < ATTEMPT_MS / 3) {
        if (unconfirmed) return 'unconfirmed';
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Whether the Invoke surely queued nothing: Lambda answered it with a refusal (4xx), or it never
 * left this process — no connection could be made (refused, no such host, the connection timeout:
 * a VPC without a route to Lambda) or there were no credentials to sign it with.
 */
function refused(error: unknown): boolean {
  const e = error as { $metadata?: { httpStatusCode?: number }; code?: string; name?: string; message?: string };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 400 && status < 500;
  return NEVER_SENT.has(e.code ?? '') || e.name === 'CredentialsProviderError' || /without establishing a connection/.test(e.message ?? '');
}

/** Node.js error codes of a request that never reached a server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
