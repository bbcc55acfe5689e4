/**
 * The last value computed per key, reused while its version string is unchanged. Bounded: the
 * oldest key goes when more than `max` are held (one entry per agenda and locale, say).
 */
export function versionedMemo<V>(max = 128) {
  const entries = new Map<string, { version: string; value: V }>();
  return (key: string, version: string, compute: () => V): V => {
    const hit = entries.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = compute();
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > max) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
