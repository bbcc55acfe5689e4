import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { replaceText } from "../../app/domain/agenda-doc";

// Each case changes text next to a character made of a surrogate pair (or of several code
// points), where a UTF-16 diff would cut the pair in two and Yjs would store U+FFFD.
const cases: Array<[string, string, string]> = [
  ["emoji changed at the start", "👩‍⚕️ arts", "👨‍⚕️ arts"],
  ["emoji changed at the end", "arts 👩‍⚕️", "arts 👨‍⚕️"],
  ["emoji alone, different last unit", "👩‍⚕️", "👨‍⚕️"],
  ["pair with the same low surrogate", "x😀y", "x\u{10600}y"],
  ["pair replaced at the very end", "zorg😀", "zorg😁"],
  ["pair removed before another", "😀😁", "😁"],
  ["combining accent changed", "e\u0301tude", "e\u0300tude"],
  ["combining accent added", "cafe", "cafe\u0301"],
  ["zero-width joiner removed", "👩‍⚕️", "👩⚕️"],
  ["typing in the middle", "Huisarts", "Huisartsen"],
  ["cleared", "👩‍⚕️", ""],
  ["from empty", "", "👩‍⚕️"],
];

function textWith(initial: string) {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  text.insert(0, initial);
  return { doc, text };
}

describe("replaceText", () => {
  it.each(cases)("%s: the text and a peer read exactly the new value", (_name, before, after) => {
    const { doc, text } = textWith(before);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(peer);

    replaceText(text, after);

    expect(text.toString()).toBe(after);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, sv));
    expect(peer.getText("t").toString()).toBe(after);
    expect(text.toString()).not.toContain("\uFFFD");
  });

  it("keeps the common start and end, so a concurrent edit there survives", () => {
    const { doc, text } = textWith("👩‍⚕️ huisarts 😀");
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    peer.getText("t").insert(0, ">");

    replaceText(text, "👩‍⚕️ wijkverpleging 😀");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));

    expect(text.toString()).toBe(">👩‍⚕️ wijkverpleging 😀");
    expect(peer.getText("t").toString()).toBe(text.toString());
  });

  it("writes nothing when the value is unchanged", () => {
    const { doc, text } = textWith("😀");
    let updates = 0;
    doc.on("update", () => updates++);
    replaceText(text, "😀");
    expect(updates).toBe(0);
  });
});
