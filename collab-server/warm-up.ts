// Runs Yjs's encoder and decoder on a synthetic document at server start, so the first room
// loaded after a restart is not decoded by unoptimised code: a big agenda (312 KB) took 190 ms
// to load in a fresh process and 40 ms once the JIT had seen the decoder. Costs about 300 ms,
// once per process (see warmUpOnce).
import * as Y from "yjs";

/** Types `edits` characters (with some deletions) into a text in a map, then encodes and decodes it. */
function warmUpYjs(edits = 10_000) {
  const doc = new Y.Doc();
  const item = new Y.Map<unknown>();
  doc.getMap("items").set("warm-up", item);
  const text = new Y.Text();
  item.set("why", text);
  item.set("title", "warm-up");
  // Typing with a cursor that jumps now and then, with some deletions, in transactions of a few
  // hundred edits: many small structs, like a real editing history, at little cost.
  let seed = 1;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let cursor = 0;
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.length < 16 && updates.push(u));
  for (let done = 0; done < edits; done += 250) {
    doc.transact(() => {
      for (let i = 0; i < 250; i++) {
        if (next() < 0.1) cursor = Math.floor(next() * (text.length + 1));
        if (next() < 0.15 && cursor > 0) text.delete(--cursor, 1);
        else text.insert(cursor++, "abcdefghij"[i % 10]);
      }
    });
  }
  const state = Y.encodeStateAsUpdate(doc);
  for (let round = 0; round < 3; round++) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc));
    Y.encodeStateAsUpdate(copy);
    copy.destroy();
  }
  Y.mergeUpdates(updates);
  doc.destroy();
}

let warmedUp = false;

/** The warm-up, at most once per process (a test run starts many servers). */
export function warmUpOnce() {
  if (warmedUp) return;
  warmedUp = true;
  warmUpYjs();
}
