import { createHash } from 'node:crypto';
import type { CfnEvent } from './cfn-response';

/**
 * The idempotency token of a Create: 64 hex characters, a pure function of
 *
 * - the stack id (an ARN holding a UUID, so two stacks of the same name never share tokens),
 * - the logical id,
 * - the values of the properties whose change forces a replacement, as delivered, and
 * - for a replacement, the physical id being replaced, so that changing a property away and
 *   back again does not hand the service a token it already used for a resource since deleted.
 *
 * A retry of the same event therefore sends the same token; a replacement sends a new one.
 */
export function deriveClientToken(event: CfnEvent, replacing: readonly string[], replacedPhysicalId?: string): string {
  const material = JSON.stringify([
    event.StackId,
    event.LogicalResourceId,
    replacing.map((name) => [name, event.ResourceProperties[name] ?? null]),
    replacedPhysicalId ?? null,
  ]);
  return createHash('sha256').update(material).digest('hex');
}
