import { createHash } from 'node:crypto';
import type { CfnEvent } from './cfn-response';

/**
 * The idempotency token of a Create (or of the Create a replacement makes): 64 hex characters, a
 * pure function of
 *
 * - the stack id (an ARN holding a UUID, so two stacks of the same name never share tokens),
 * - the logical id, and
 * - the RequestId of the CloudFormation request that asks for the resource.
 *
 * Every delivery of one request carries the same event, hence the same RequestId: Lambda's
 * asynchronous retries resend the event as it was, a continuation carries it on, and the answer
 * must echo the RequestId for CloudFormation to take it. A new incarnation — the resource removed
 * and added back, a replacement, a property changed away and back — comes with a new request and
 * a new RequestId ("A unique ID for the request": CloudFormation custom resource request
 * reference), so it never meets a token the services remember from a resource since deleted.
 * docs/client-tokens.md explains the choice.
 */
export function deriveClientToken(event: CfnEvent): string {
  const material = JSON.stringify([event.StackId, event.LogicalResourceId, event.RequestId]);
  return createHash('sha256').update(material).digest('hex');
}
