// Hand-made inputs for the bottleneck-flag rules: a fixed clock and an item that fires nothing.
import { DAY_MS } from "../../app/domain/flags/thresholds";
import type { FlagInputs } from "../../app/domain/flags/types";

export const NOW = Date.parse("2026-06-15T10:00:00Z");
export const ago = (days: number) => NOW - days * DAY_MS;

type Item = FlagInputs["items"][number];
export const item = (id: string, over: Partial<Item> = {}): Item => ({
  id,
  agendaId: 1,
  title: `Punt ${id}`,
  status: "in_uitvoering",
  endDate: null,
  leadOrganisation: "Zorggroep",
  hasWhy: true,
  professionalsInvolved: "ja",
  changedAt: ago(1),
  ...over,
});
