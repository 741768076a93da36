/**
 * CloudFormation's custom-resource protocol: the event we receive and the one answer we send.
 *
 * The ResponseURL is a pre-signed URL, a secret: it is used here and nowhere else, and never logged.
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

/** CloudFormation rejects response bodies above 4 KiB; the Reason is what gives way. */
const MAX_BODY_BYTES = 4096;
const SEND_ATTEMPTS = 4;

/** Builds the response body, shortening the Reason until the body fits. */
export function responseBody(event: CfnEvent, answer: CfnAnswer): string {
  const body = (reason?: string) =>
    JSON.stringify({
      Status: answer.Status,
      Reason: reason,
      PhysicalResourceId: answer.PhysicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      NoEcho: false,
      Data: answer.Data,
    });
  let reason = answer.Reason;
  let json = body(reason);
  while (reason && Buffer.byteLength(json) > MAX_BODY_BYTES) {
    reason = `${reason.slice(0, Math.max(0, reason.length - (Buffer.byteLength(json) - MAX_BODY_BYTES) - 20))} [truncated]`;
    json = body(reason);
  }
  return json;
}

/** PUTs the answer to the ResponseURL, retrying network failures and 5xx a few times. */
export async function sendAnswer(event: CfnEvent, answer: CfnAnswer): Promise<void> {
  const body = responseBody(event, answer);
  let lastError: unknown;
  for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
    try {
      const status = await put(event.ResponseURL, body);
      if (status < 500) {
        if (status >= 300) throw new Error(`the ResponseURL answered HTTP ${status}`);
        return;
      }
      lastError = new Error(`the ResponseURL answered HTTP ${status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
  throw lastError;
}

function put(url: string, body: string): Promise<number> {
  const target = new URL(url);
  const transport = target.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      // An empty content type: the pre-signed URL was signed without one.
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) }, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out sending the response')));
    request.on('error', reject);
    request.end(body);
  });
}
