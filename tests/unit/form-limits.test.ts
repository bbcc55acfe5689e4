import { describe, expect, it } from "vitest";
import { replySchema } from "~/forms/barriers";
import { innovationSchema } from "~/forms/catalogue";
import { maxEntries, maxLength, type TextLimit } from "~/forms/fields";
import { parseForm } from "~/forms/validation";
import { translate } from "~/i18n/messages";
import { formData as form } from "../support/form-data";


describe("a text that is too long", () => {
  it("is refused with a message that names the limit, in both languages", () => {
    const limits: TextLimit[] = [80, 120, 160, 200, 254, 500, 1000, 1024, 2000, 4000, 5000];
    for (const limit of limits) {
      const [max, key] = maxLength(limit);
      expect(max).toBe(limit);
      expect(translate("nl", key)).toContain(String(limit));
      expect(translate("en", key)).toContain(String(limit));
    }
    for (const limit of [10, 20] as const) expect(translate("nl", maxEntries(limit)[1])).toContain(String(limit));
  });

  it("says how long a reply to a barrier may be, and takes one at the limit", () => {
    const tooLong = parseForm(replySchema, form({ intent: "reply", body: "a".repeat(4001) }));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(translate("nl", tooLong.errors.body!)).toBe("Gebruik hoogstens 4000 tekens.");
    expect(parseForm(replySchema, form({ intent: "reply", body: "a".repeat(4000) })).ok).toBe(true);
  });

  it("counts the entries of a list field apart from their length", () => {
    const innovation = { intent: "create-innovation", nameNl: "Slimme sensor", kind: "technological", mechanism: "substitution" };
    const tooMany = parseForm(innovationSchema, form({ ...innovation, sectors: Array.from({ length: 21 }, (_, i) => `s${i}`).join(",") }));
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(translate("nl", tooMany.errors.sectors!)).toBe("Geef hoogstens 20 waarden op.");
    const longName = parseForm(innovationSchema, form({ ...innovation, nameNl: "x".repeat(201) }));
    expect(longName.ok).toBe(false);
    if (!longName.ok) expect(translate("en", longName.errors.nameNl!)).toBe("Use at most 200 characters.");
  });
});
