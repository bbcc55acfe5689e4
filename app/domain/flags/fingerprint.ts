/**
 * FNV-1a (32 bit) of the text, as hex. Not a security hash: it only has to change when the data a
 * flag rests on changes, and it must be cheap enough to run for every flag on every page view.
 */
export function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
