/**
 * Ownership, not trust: the handler can be invoked by anyone allowed to invoke it, with an event
 * naming any resource. What it creates carries the ownership tag ({@link OWNER_TAG_KEY}); before
 * it adopts a resource named by a continuation, updates one or deletes one, the resource module
 * confirms with the service that the resource carries this stack's value (ResourceModule.owns).
 *
 * Why not sign continuations instead (an HMAC)? The key would have to be known to every
 * invocation and to nobody who can invoke the function: the role's credentials change between
 * invocations, and a key in the function's environment is readable by whoever may read its
 * configuration. The service's own record of the tag needs no secret, and it also covers Delete
 * and Update events, which no signature could: CloudFormation does not sign them.
 */
import { createHash } from 'node:crypto';
import { isTagMap, OWNER_TAG_KEY, ResourceSpec } from '../contract';
import type { CfnEvent } from './cfn-response';

/** Documented: Connect and Cases tag values hold at most 256 characters (TagValue / TagValueString). */
const TAG_VALUE_MAX = 256;

/**
 * The ownership tag value of the event's resource: `<stack UUID>/<logical id>`. The UUID is the
 * last part of the stack ARN (`arn:…:stack/<name>/<uuid>`), unique to this stack even among
 * stacks of the same name; the handler's IAM grants condition deletes on `<stack UUID>/*`.
 * Logical ids too long for the value are replaced by their SHA-256.
 */
export function ownerTagValue(event: Pick<CfnEvent, 'StackId' | 'LogicalResourceId'>): string {
  const stack = event.StackId.split('/').pop() ?? event.StackId;
  const value = `${stack}/${event.LogicalResourceId}`;
  return value.length <= TAG_VALUE_MAX ? value : `${stack}/sha256-${createHash('sha256').update(event.LogicalResourceId).digest('hex')}`;
}

/**
 * The Create properties with the ownership tag added, for resource types that take tags. The
 * lifecycle holds the properties of whichever type the event names, typed by the base
 * ResourceSpec (values `unknown`): the tags are read through {@link isTagMap}, the same shape the
 * spec's tags rule has admitted, rather than asserted. The ownership tag is written last, so no
 * tag of the template can stand in for it.
 */
export function withOwnerTag<P extends Readonly<Record<string, unknown>>>(spec: ResourceSpec, props: P, event: CfnEvent): P {
  if (!('Tags' in spec.properties)) return props;
  const tags = isTagMap(props.Tags) ? props.Tags : {};
  return { ...props, Tags: { ...tags, [OWNER_TAG_KEY]: ownerTagValue(event) } };
}

/** Whether a resource's tags (as the service returns them) mark it as this event's resource. */
export function carriesOwnerTag(tags: Readonly<Record<string, string | null | undefined>> | undefined, event: CfnEvent): boolean {
  return tags?.[OWNER_TAG_KEY] === ownerTagValue(event);
}
