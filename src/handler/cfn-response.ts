/**
 * CloudFormation's custom-resource protocol: the event we receive and the one answer we send.
 *
 * The ResponseURL is a pre-signed URL, a secret: it is used here and nowhere else, and never logged.
 * Which ResponseURLs are accepted at all is decided before anything else (see intake.ts).
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** A CloudFormation custom-resource request, as delivered to the function. */
export interface CfnEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ServiceToken: string;
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
  readonly PhysicalResourceId?: string;
}

/** The answer to one event. */
export interface CfnAnswer {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly PhysicalResourceId: string;
  readonly Reason?: string;
  readonly Data?: Record<string, string>;
}

/**
 * Documented: "The total size of the response body can't exceed 4096 bytes"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref.html).
 */
export const MAX_BODY_BYTES = 4096;

/**
 * Longest echoed identifiers. CloudFormation's own are far shorter (a stack ARN is under 300
 * characters, a request id 36, a logical id at most 255: documented template limits); the caps
 * only matter for events that did not come from CloudFormation, whose answer must still fit.
 * A physical id above 1 KiB is assumed never to be one of ours (ours are ids and ARNs).
 */
export const ID_CAPS = { PhysicalResourceId: 1024, StackId: 512, RequestId: 128, LogicalResourceId: 255 } as const;

const TRUNCATED = ' [truncated]';

/**
 * Builds the response body, at most {@link MAX_BODY_BYTES} whatever the sizes involved:
 *
 * - identifiers are capped (see {@link ID_CAPS});
 * - attributes (Data) that do not fit turn the answer into FAILED, still with the physical id, so
 *   that the rollback's Delete removes what was created;
 * - the Reason gets what room is left, cut in one step (a binary search on its length: no loop
 *   that depends on the sizes converging).
 */
export function responseBody(event: Pick<CfnEvent, 'StackId' | 'RequestId' | 'LogicalResourceId'>, answer: CfnAnswer): string {
  const ids = {
    PhysicalResourceId: cap(answer.PhysicalResourceId, ID_CAPS.PhysicalResourceId),
    StackId: cap(event.StackId, ID_CAPS.StackId),
    RequestId: cap(event.RequestId, ID_CAPS.RequestId),
    LogicalResourceId: cap(event.LogicalResourceId, ID_CAPS.LogicalResourceId),
  };
  const body = (status: string, reason: string | undefined, data: Record<string, string> | undefined) =>
    JSON.stringify({ Status: status, Reason: reason, ...ids, NoEcho: false, Data: data });

  let { Status: status, Reason: reason, Data: data } = answer;
  if (data !== undefined && Buffer.byteLength(body(status, reason === undefined ? undefined : '', data)) > MAX_BODY_BYTES) {
    const size = Buffer.byteLength(JSON.stringify(data));
    status = 'FAILED';
    reason = `${ids.LogicalResourceId}: the resource's attributes (${size} bytes) do not fit CloudFormation's ${MAX_BODY_BYTES}-byte response; ${ids.PhysicalResourceId} exists and is left for the rollback to delete`;
    data = undefined;
  }
  if (reason === undefined) return body(status, undefined, data);
  const room = MAX_BODY_BYTES - Buffer.byteLength(body(status, '', data));
  return body(status, fitReason(reason, room), data);
}

/** The longest prefix of `reason` (marked as cut when cut) whose JSON string takes at most `room` more bytes. */
function fitReason(reason: string, room: number): string {
  const cost = (s: string) => Buffer.byteLength(JSON.stringify(s)) - 2;
  if (cost(reason) <= room) return reason;
  let low = 0;
  let high = reason.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cost(reason.slice(0, mid) + TRUNCATED) <= room) low = mid;
    else high = mid - 1;
  }
  return low === 0 && cost(TRUNCATED) > room ? '' : reason.slice(0, low) + TRUNCATED;
}

function cap(value: unknown, max: number): string {
  const s = typeof value === 'string' ? value : '';
  return s.length <= max ? s : `${s.slice(0, max - TRUNCATED.length)}${TRUNCATED}`;
}

/**
 * Longest wait for one PUT. A response from S3 takes well under a second; a host that accepts
 * and never answers must not hold the answer past the invocation's end.
 */
export const PUT_TIMEOUT_MS = 3_000;

/** The ResponseURL refused the answer (4xx): repeating the same PUT cannot succeed. */
export class AnswerRefusedError extends Error {
  constructor(public readonly status: number) {
    super(`the ResponseURL answered HTTP ${status}`);
    this.name = 'AnswerRefusedError';
  }
}

/**
 * PUTs the answer to the ResponseURL by `deadline` (epoch ms). 5xx answers, resets and timeouts
 * are retried with a growing pause for as long as the deadline allows; a 4xx is not retried (the
 * pre-signed URL has expired or was never valid: S3 answers 403 to both, and a retry of the same
 * request gets the same answer).
 */
export async function sendAnswer(event: CfnEvent, answer: CfnAnswer, deadline: number): Promise<void> {
  const body = responseBody(event, answer);
  let lastError: unknown = new Error('no time was left to answer');
  for (let attempt = 0; ; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) throw lastError;
    try {
      const status = await put(event.ResponseURL, body, Math.min(left, PUT_TIMEOUT_MS));
      if (status >= 200 && status < 300) return;
      if (status >= 400 && status < 500) throw new AnswerRefusedError(status);
      lastError = new Error(`the ResponseURL answered HTTP ${status}`);
    } catch (error) {
      if (error instanceof AnswerRefusedError) throw error;
      lastError = error;
    }
    const pause = Math.min(250 * 2 ** attempt, 2_000);
    if (Date.now() + pause >= deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** One PUT, given up after `timeoutMs` whatever the other side does. */
function put(url: string, body: string, timeoutMs: number): Promise<number> {
  const target = new URL(url);
  const transport = target.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      // An empty content type: the pre-signed URL was signed without one.
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`the ResponseURL did not answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('error', reject);
    request.end(body);
  });
}
