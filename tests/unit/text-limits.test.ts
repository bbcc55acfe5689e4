// The plain text fields of an agenda item have a length limit in the document schema: a change that
// makes one longer is refused (the room closes its sender with 4422, tests/collab/document-schema),
// whether the text came in one piece or grew over several, and text up to the limit passes.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, getItem, getItemText, textFieldLimits } from "../../app/domain/agenda-doc";
import { transactionViolations } from "../../app/domain/agenda-schema";

/** The violations of one change to a fresh agenda with one item titled "Zorgrobots". */
function violationsOf(change: (title: Y.Text, why: Y.Text) => void) {
  const doc = new Y.Doc();
  const itemId = addItem(doc, { title: "Zorgrobots", plan: [] });
  const item = getItem(doc, itemId)!;
  let found: ReturnType<typeof transactionViolations> = [];
  doc.on("afterTransaction", (tr) => {
    found = transactionViolations(tr);
  });
  doc.transact(() => change(getItemText(item, "title"), getItemText(item, "why")));
  return found;
}

describe("text field limits", () => {
  it("passes a title of exactly the limit", () => {
    expect(violationsOf((title) => title.insert(10, "x".repeat(textFieldLimits.title - 10)))).toEqual([]);
  });

  it("refuses a title one character over the limit, naming the field and the limit", () => {
    const found = violationsOf((title) => title.insert(10, "x".repeat(textFieldLimits.title - 9)));
    expect(found).toHaveLength(1);
    expect(found[0].path).toMatch(/\/title$/);
    expect(found[0].problem).toBe("longer than 200 characters");
  });

  it("refuses a 10,000-character unbroken title, once, however many pieces it came in", () => {
    const found = violationsOf((title) => {
      for (let i = 0; i < 10; i++) title.insert(title.length, "y".repeat(1000));
    });
    expect(found).toHaveLength(1);
  });

  it("gives the longer fields their own limit", () => {
    expect(violationsOf((_, why) => why.insert(0, "z".repeat(textFieldLimits.why)))).toEqual([]);
    expect(violationsOf((_, why) => why.insert(0, "z".repeat(textFieldLimits.why + 1)))).toHaveLength(1);
  });
});
