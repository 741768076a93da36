/** The difference between two tag maps: what to (re)set and which keys to remove. */
export function tagChanges(before: unknown, after: unknown): { set: Record<string, string>; removed: string[] } {
  const old = (before ?? {}) as Record<string, string>;
  const now = (after ?? {}) as Record<string, string>;
  return {
    set: Object.fromEntries(Object.entries(now).filter(([key, value]) => old[key] !== value)),
    removed: Object.keys(old).filter((key) => !(key in now)),
  };
}
