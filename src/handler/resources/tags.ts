/**
 * Tag updates, the same for every service here: TagResource sets keys (adding or overwriting,
 * documented for Connect and Cases), UntagResource removes keys. Only the command shapes differ,
 * so each module passes its two calls.
 */
import { OWNER_TAG_KEY, TagMap } from '../../contract';

/**
 * The difference between two tag maps: what to (re)set and which keys to remove.
 *
 * The ownership tag is left out on both sides: it is the handler's, set once at creation
 * (ownership.ts), and what a template's tags say about it is never acted on. Removing it would
 * leave the stack unable to update or delete its own resource (every such step, and the delete
 * grants, require it); setting it would let a template claim a resource for another stack. The
 * tags rule refuses the key in new properties, but OldResourceProperties are not held to the
 * rule: they are the template as it was, whatever it held.
 */
export function tagChanges(before: TagMap | undefined, after: TagMap | undefined): { set: TagMap; removed: string[] } {
  const old = userTags(before);
  const now = userTags(after);
  return {
    set: Object.fromEntries(Object.entries(now).filter(([key, value]) => old[key] !== value)),
    removed: Object.keys(old).filter((key) => !(key in now)),
  };
}

/** The tags of a map that a template may manage: all but the ownership tag. */
function userTags(tags: TagMap | undefined): TagMap {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([key]) => key !== OWNER_TAG_KEY));
}

/** A service's two tagging calls on one resource. */
export interface TagCalls {
  untag(keys: string[]): Promise<unknown>;
  tag(tags: TagMap): Promise<unknown>;
}

/**
 * Brings a resource's tags from `before` to `after`: removed keys first, then new and changed
 * ones; a call with nothing to do is not made. The ownership tag is never touched (see
 * {@link tagChanges}).
 */
export async function updateTags(before: TagMap | undefined, after: TagMap | undefined, calls: TagCalls): Promise<void> {
  const changes = tagChanges(before, after);
  if (changes.removed.length > 0) await calls.untag(changes.removed);
  if (Object.keys(changes.set).length > 0) await calls.tag(changes.set);
}
