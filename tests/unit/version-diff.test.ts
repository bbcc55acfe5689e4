import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, getIntro, getItem, getItemText, moveItem, paragraphsToXml, projectAgenda, removeItem, replaceText, setChoice } from "../../app/domain/agenda-doc";
import { asRestored, compareAgendas, countChanges, wordDiff } from "../../app/domain/version-diff";

/** An agenda document as the editors make it, and a copy to change: an old version and today's. */
function agendaPair() {
  const before = new Y.Doc();
  paragraphsToXml(getIntro(before), ["Samen werken aan minder administratie."]);
  const kept = addItem(before, { title: "Spraakgestuurd rapporteren", plan: ["We starten met twee teams in de wijk."], startDate: "2026-03-01" });
  const gone = addItem(before, { title: "Slimme medicijndispenser" });
  const same = addItem(before, { title: "Leefstijlcoach" });
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
  return { before, after, kept, gone, same };
}

describe("wordDiff", () => {
  it("marks the words that changed and keeps the rest as one text", () => {
    const parts = wordDiff("We starten met twee teams.", "We starten met drie teams.");
    expect(parts.map((p) => p.text).join("")).not.toBe("");
    expect(parts.filter((p) => p.change === "removed").map((p) => p.text)).toEqual(["twee"]);
    expect(parts.filter((p) => p.change === "added").map((p) => p.text)).toEqual(["drie"]);
    // Reading the unchanged and added parts gives the new text, the unchanged and removed the old.
    expect(parts.filter((p) => p.change !== "removed").map((p) => p.text).join("")).toBe("We starten met drie teams.");
    expect(parts.filter((p) => p.change !== "added").map((p) => p.text).join("")).toBe("We starten met twee teams.");
  });

  it("keeps line breaks, and handles empty sides", () => {
    expect(wordDiff("", "Nieuw plan")).toEqual([{ text: "Nieuw plan", change: "added" }]);
    expect(wordDiff("Oud plan", "")).toEqual([{ text: "Oud plan", change: "removed" }]);
    expect(wordDiff("", "")).toEqual([]);
    const parts = wordDiff("eerste\ntweede", "eerste\nderde");
    expect(parts.filter((p) => p.change !== "removed").map((p) => p.text).join("")).toBe("eerste\nderde");
  });

  it("shows a rewritten long text as old and new whole instead of diffing every word", () => {
    const words = (prefix: string) => Array.from({ length: 1_000 }, (_, i) => `${prefix}${i}`).join(" ");
    const parts = wordDiff(words("a"), words("b"));
    expect(parts).toEqual([
      { text: words("a"), change: "removed" },
      { text: words("b"), change: "added" },
    ]);
  });
});

describe("compareAgendas", () => {
  it("matches items by id: added, removed and changed with old and new value, the rest counted as unchanged", () => {
    const { before, after, kept, gone } = agendaPair();
    const item = getItem(after, kept)!;
    replaceText(getItemText(item, "title"), "Spraakgestuurd rapporteren in de wijk");
    setChoice(after, kept, "status", "prioriteit");
    setChoice(after, kept, "startDate", null);
    const plan = item.get("plan") as Y.XmlFragment;
    plan.delete(0, plan.length);
    paragraphsToXml(plan, ["We starten met drie teams in de wijk."]);
    removeItem(after, gone);
    const added = addItem(after, { title: "Digitale nachtzorg" });

    const comparison = compareAgendas(projectAgenda(before), projectAgenda(after));
    expect(comparison.items.map((i) => [i.kind, i.id])).toEqual([
      ["changed", kept],
      ["added", added],
      ["removed", gone],
    ]);
    const changed = comparison.items[0];
    if (changed.kind !== "changed") throw new Error("expected a change");
    expect(changed.fields.map((f) => [f.field, f.before, f.after])).toEqual([
      ["title", "Spraakgestuurd rapporteren", "Spraakgestuurd rapporteren in de wijk"],
      ["status", "idee", "prioriteit"],
      ["startDate", "2026-03-01", ""],
      ["planText", "We starten met twee teams in de wijk.", "We starten met drie teams in de wijk."],
    ]);
    // Prose gets a word diff, short values do not.
    expect(changed.fields.find((f) => f.field === "title")!.words).toBeUndefined();
    const planWords = changed.fields.find((f) => f.field === "planText")!.words!;
    expect(planWords.filter((p) => p.change).map((p) => [p.change, p.text])).toEqual([
      ["removed", "twee"],
      ["added", "drie"],
    ]);
    expect(comparison.unchanged).toBe(1);
    expect(comparison.intro).toBeNull();
    expect(comparison.reordered).toBe(false);
    expect(countChanges(comparison)).toEqual({ added: 1, removed: 1, changed: 1, intro: false, reordered: false, any: true });
  });

  it("diffs the intro by word, and notices a new order of the same items", () => {
    const { before, after, same } = agendaPair();
    const intro = getIntro(after);
    intro.delete(0, intro.length);
    paragraphsToXml(intro, ["Samen werken aan veel minder administratie."]);
    moveItem(after, same, 0);
    const comparison = compareAgendas(projectAgenda(before), projectAgenda(after));
    expect(comparison.items).toEqual([]);
    expect(comparison.intro!.filter((p) => p.change)).toEqual([{ text: "veel ", change: "added" }]);
    expect(comparison.reordered).toBe(true);
    expect(countChanges(comparison).any).toBe(true);
  });

  it("finds nothing between equal states", () => {
    const { before, after } = agendaPair();
    const counts = countChanges(compareAgendas(projectAgenda(before), projectAgenda(after)));
    expect(counts.any).toBe(false);
  });
});

describe("asRestored", () => {
  it("counts what a restore changes without statuses: today's stays, a returning item gets its recorded one, else the version's", () => {
    const { before, after, kept, gone, same } = agendaPair();
    setChoice(before, same, "status", "prioriteit");
    setChoice(after, kept, "status", "in_uitvoering");
    removeItem(after, gone);
    removeItem(after, same);
    const version = projectAgenda(before);
    const today = projectAgenda(after);
    const restored = asRestored(version, today, new Map([[gone, "gestopt" as const]]));
    const status = (id: string) => restored.items.find((i) => i.id === id)?.status;
    expect([status(kept), status(gone), status(same)]).toEqual(["in_uitvoering", "gestopt", "prioriteit"]);
    // The kept item differs from the version only in its status: restoring changes nothing of it.
    expect(countChanges(compareAgendas(today, restored))).toMatchObject({ added: 2, changed: 0, removed: 0 });
    expect(countChanges(compareAgendas(today, version))).toMatchObject({ added: 2, changed: 1, removed: 0 });
  });
});
