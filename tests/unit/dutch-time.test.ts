// Dutch time around the clock changes: 2024-03-31 (02:00 CET -> 03:00 CEST, at 01:00 UTC) and
// 2024-10-27 (03:00 CEST -> 02:00 CET, at 01:00 UTC), where a UTC day or a fixed offset goes wrong.
import { describe, expect, it } from "vitest";
import {
  dutchCalendarDay,
  dutchCalendarDayAfter,
  endOfDutchDay,
  formatDutchDate,
  nextDutchMidnight,
  startOfDutchDay,
} from "../../app/domain/dutch-time";

const at = (iso: string) => Date.parse(iso);

describe("dutchCalendarDay", () => {
  it("turns at Dutch midnight, not UTC midnight", () => {
    expect(dutchCalendarDay(at("2024-03-30T22:59:59Z"))).toBe("2024-03-30"); // 23:59:59 CET
    expect(dutchCalendarDay(at("2024-03-30T23:00:00Z"))).toBe("2024-03-31"); // 00:00 CET
    expect(dutchCalendarDay(new Date("2024-03-31T21:59:59Z"))).toBe("2024-03-31"); // 23:59:59 CEST
    expect(dutchCalendarDay(new Date("2024-03-31T22:00:00Z"))).toBe("2024-04-01");
    expect(dutchCalendarDay(at("2024-10-26T21:59:59Z"))).toBe("2024-10-26"); // 23:59:59 CEST
    expect(dutchCalendarDay(at("2024-10-26T22:00:00Z"))).toBe("2024-10-27");
    expect(dutchCalendarDay(at("2024-10-27T22:59:59Z"))).toBe("2024-10-27"); // 23:59:59 CET
    expect(dutchCalendarDay(at("2024-10-27T23:00:00Z"))).toBe("2024-10-28");
  });

  it("counts days after an instant in whole 24 hours", () => {
    expect(dutchCalendarDayAfter(new Date("2024-03-30T12:00:00Z"), 1)).toBe("2024-03-31");
    expect(dutchCalendarDayAfter(at("2024-10-26T12:00:00Z"), 14)).toBe("2024-11-09");
    expect(dutchCalendarDayAfter(at("2024-10-26T12:00:00Z"), 0)).toBe("2024-10-26");
  });
});

describe("startOfDutchDay and endOfDutchDay", () => {
  it("start at the Dutch midnight on both sides of a clock change", () => {
    expect(startOfDutchDay("2024-03-31")).toBe(at("2024-03-30T23:00:00Z")); // still CET at midnight
    expect(startOfDutchDay("2024-04-01")).toBe(at("2024-03-31T22:00:00Z")); // CEST
    expect(startOfDutchDay("2024-10-27")).toBe(at("2024-10-26T22:00:00Z")); // still CEST at midnight
    expect(startOfDutchDay("2024-10-28")).toBe(at("2024-10-27T23:00:00Z")); // CET
  });

  it("end one second before the next day starts, so the short and the long day have 23 and 25 hours", () => {
    expect(endOfDutchDay("2024-03-31").toISOString()).toBe("2024-03-31T21:59:59.000Z");
    expect(endOfDutchDay("2024-10-27").toISOString()).toBe("2024-10-27T22:59:59.000Z");
    for (const day of ["2024-03-30", "2024-03-31", "2024-10-26", "2024-10-27", "2024-07-01"]) {
      const next = dutchCalendarDay(endOfDutchDay(day).getTime() + 1000);
      expect(endOfDutchDay(day).getTime() + 1000).toBe(startOfDutchDay(next));
      expect(dutchCalendarDay(endOfDutchDay(day))).toBe(day);
    }
    expect(endOfDutchDay("2024-03-31").getTime() + 1000 - startOfDutchDay("2024-03-31")).toBe(23 * 3_600_000);
    expect(endOfDutchDay("2024-10-27").getTime() + 1000 - startOfDutchDay("2024-10-27")).toBe(25 * 3_600_000);
  });
});

describe("nextDutchMidnight", () => {
  it("is the start of the next Dutch day, also across a clock change", () => {
    expect(nextDutchMidnight(at("2024-03-30T23:30:00Z"))).toBe(at("2024-03-31T22:00:00Z")); // 00:30 CET -> next CEST midnight
    expect(nextDutchMidnight(at("2024-03-30T22:30:00Z"))).toBe(at("2024-03-30T23:00:00Z"));
    expect(nextDutchMidnight(at("2024-10-27T01:30:00Z"))).toBe(at("2024-10-27T23:00:00Z")); // in the repeated hour
    expect(nextDutchMidnight(at("2024-10-26T22:00:00Z"))).toBe(at("2024-10-27T23:00:00Z")); // exactly at midnight: the next one
  });
});

describe("formatDutchDate", () => {
  it("writes the Dutch date in the reader's language, whatever the host's time zone", () => {
    // 23:30 UTC on 31 March is 1 April in the Netherlands (CEST).
    expect(formatDutchDate(at("2024-03-31T23:30:00Z"), "nl")).toBe("1 april 2024");
    expect(formatDutchDate("2024-03-31T23:30:00Z", "en")).toBe("1 April 2024");
    expect(formatDutchDate(new Date("2024-10-27T22:30:00Z"), "nl", { dateStyle: "long", timeStyle: "short" })).toBe("27 oktober 2024 om 23:30");
    expect(formatDutchDate(at("2024-10-27T00:30:00Z"), "en", { dateStyle: "medium", timeStyle: "short" })).toBe("27 Oct 2024, 02:30"); // CEST
    expect(formatDutchDate(at("2024-10-27T01:30:00Z"), "en", { dateStyle: "medium", timeStyle: "short" })).toBe("27 Oct 2024, 02:30"); // CET, the repeated hour
  });
});
