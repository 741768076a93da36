/**
 * Tag updates, the same for every service here: TagResource sets keys (adding or overwriting,
 * documented for Connect and Cases), UntagResource removes keys. Only the command shapes differ,
 * so each module passes its two calls.
 */
import type { TagMap } from '../../spec';

/** The difference between two tag maps: what to (re)set and which keys to remove. */
export function tagChanges(before: TagMap | undefined, after: TagMap | undefined): { set: TagMap; removed: string[] } {
  const old = before ?? {};
  const now = after ?? {};
  return {
    set: Object.fromEntries(Object.entries(now).filter(([key, value]) => old[key] !== value)),
    removed: Object.keys(old).filter((key) => !(key in now)),
  };
}

/** A service's two tagging calls on one resource. */
export interface TagCalls {
  untag(keys: string[]): Promise<unknown>;
  tag(tags: TagMap): Promise<unknown>;
}

/**
 * Brings a resource's tags from `before` to `after`: removed keys first, then new and changed
 * ones; a call with nothing to do is not made.
 */
export async function updateTags(before: TagMap | undefined, after: TagMap | undefined, calls: TagCalls): Promise<void> {
  const changes = tagChanges(before, after);
  if (changes.removed.length > 0) await calls.untag(changes.removed);
  if (Object.keys(changes.set).length > 0) await calls.tag(changes.set);
}
