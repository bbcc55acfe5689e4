import { describe, expect, it } from "vitest";
import { activeMention, insertMention, matchPeople } from "~/domain/mentions";

const people = [{ name: "Sanne Bakker" }, { name: "Fatima El Amrani" }, { name: "Élise Faber" }, { name: "Jan-Willem de Vries" }];

describe("activeMention", () => {
  it("finds what was typed after an @ at the start or after a space", () => {
    expect(activeMention("@fa", 3)).toEqual({ start: 0, query: "fa" });
    expect(activeMention("Dank je, @Fatima El", 19)).toEqual({ start: 9, query: "Fatima El" });
    expect(activeMention("(@s", 3)).toEqual({ start: 1, query: "s" });
    expect(activeMention("Hallo @", 7)).toEqual({ start: 6, query: "" });
  });
  it("ignores an @ inside a word (an e-mail address), after a line break or before a space", () => {
    expect(activeMention("mail fatima@demo", 16)).toBeNull();
    expect(activeMention("@fa\nverder", 10)).toBeNull();
    expect(activeMention("@ fa", 4)).toBeNull();
    expect(activeMention("geen apenstaartje", 10)).toBeNull();
  });
  it("looks only at the text before the caret", () => {
    expect(activeMention("@sa en meer", 3)).toEqual({ start: 0, query: "sa" });
  });
});

describe("matchPeople", () => {
  it("filters by the start of the name or of a later word, without case or accents", () => {
    expect(matchPeople(people, "fa").map((p) => p.name)).toEqual(["Fatima El Amrani", "Élise Faber"]);
    expect(matchPeople(people, "eli").map((p) => p.name)).toEqual(["Élise Faber"]);
    expect(matchPeople(people, "amr").map((p) => p.name)).toEqual(["Fatima El Amrani"]);
    expect(matchPeople(people, "willem").map((p) => p.name)).toEqual(["Jan-Willem de Vries"]);
    expect(matchPeople(people, "Fatima El").map((p) => p.name)).toEqual(["Fatima El Amrani"]);
    expect(matchPeople(people, "xyz")).toEqual([]);
  });
  it("offers everyone (up to the limit) for a bare @", () => {
    expect(matchPeople(people, "")).toHaveLength(4);
    expect(matchPeople(people, "", 2)).toHaveLength(2);
  });
});

describe("insertMention", () => {
  it("replaces the typed part with the full name and a space, and puts the caret after it", () => {
    expect(insertMention("Dank @fa", { start: 5 }, 8, "Fatima El Amrani")).toEqual({ text: "Dank @Fatima El Amrani ", caret: 23 });
    expect(insertMention("@sa en meer", { start: 0 }, 3, "Sanne Bakker")).toEqual({ text: "@Sanne Bakker en meer", caret: 14 });
  });
});
