// The presence shape's `field`: which plain field of which item an editor is in. The server closes
// the sender of anything else (4400), so the parser must refuse every other shape.
import { describe, expect, it } from "vitest";
import { parsePresence, presenceFields } from "../../app/domain/presence";

const user = { id: 3, name: "Anouk Smit", color: "#86efac" };

describe("a presence field", () => {
  it("accepts every plain item field, and none", () => {
    for (const name of presenceFields) expect(parsePresence({ user, cursor: null, field: { item: "b8b80b56-d695", name } })).not.toBeNull();
    expect(parsePresence({ user, field: null })).not.toBeNull();
    expect(parsePresence({ user })).not.toBeNull();
  });

  const refused: Record<string, unknown> = {
    "a field name not on the list": { item: "a", name: "password" },
    "the rich-text plan": { item: "a", name: "plan" },
    "an inherited property's name": { item: "a", name: "constructor" },
    "a name that is not a string": { item: "a", name: ["title"] },
    "no item": { name: "title" },
    "an empty item id": { item: "", name: "title" },
    "an item id longer than any item's": { item: "x".repeat(201), name: "title" },
    "an item id that is a number": { item: 7, name: "title" },
    "extra keys": { item: "a", name: "title", style: "outline: red" },
    "a string": "title",
    "a list": ["a", "title"],
  };
  for (const [what, field] of Object.entries(refused)) {
    it(`refuses ${what}`, () => {
      expect(parsePresence({ user, cursor: null, field })).toBeNull();
    });
  }
});
