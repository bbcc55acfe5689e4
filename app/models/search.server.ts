// Full-text search (SQLite FTS5, table search_index from migration 0002). Readability is decided here,
// on the server, with the same permission check as the agenda page: a hit from an agenda the user may
// not read never leaves the database query.
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db";
import { agendas, innovations, regions } from "../../db/schema";
import { canReadAgenda, type Principal } from "../domain/permissions";

const HIT_START = "\u0002";
const HIT_END = "\u0003";

/** The snippet as plain text parts, the matched words flagged; the page renders them without HTML. */
function snippetParts(snippet: string) {
  return snippet
    .split(new RegExp(`(${HIT_START}[^${HIT_END}]*${HIT_END})`, "u"))
    .filter(Boolean)
    .map((p) => (p.startsWith(HIT_START) ? { text: p.slice(1, -1), hit: true } : { text: p, hit: false }));
}

/**
 * Turns what a person types into a safe FTS5 query: every word quoted (no operators from the user)
 * and matched as a prefix, all words required.
 */
export function toFtsQuery(q: string): string | null {
  const words = q
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(" ") : null;
}

export function readableAgendaIds({ db, principal }: { db: Db; principal: Principal }) {
  return db
    .select({ id: agendas.id, regionId: agendas.regionId, partnersMayRead: regions.partnersMayRead })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .all()
    .filter((a) => canReadAgenda(principal, { regionId: a.regionId, partnersMayRead: a.partnersMayRead }))
    .map((a) => a.id);
}

export type SearchHit = {
  kind: "agenda" | "item" | "innovation";
  ref: string;
  title: string;
  snippet: Array<{ text: string; hit: boolean }>;
  href: string;
  context: string;
};

export function search({ db, principal, q, limit = 50 }: { db: Db; principal: Principal; q: string; limit?: number }): SearchHit[] {
  const match = toFtsQuery(q);
  if (!match) return [];
  const readable = readableAgendaIds({ db, principal });
  const rows = db.$client
    .prepare(
      `SELECT kind, ref, CAST(agenda_id AS INTEGER) AS agendaId, title,
              snippet(search_index, 4, ?, ?, '…', 16) AS snippet
         FROM search_index
        WHERE search_index MATCH ?
          AND (kind = 'innovation' OR CAST(agenda_id AS INTEGER) IN (SELECT value FROM json_each(?)))
        ORDER BY bm25(search_index, 0, 0, 0, 10.0, 1.0)
        LIMIT ?`,
    )
    .all(HIT_START, HIT_END, match, JSON.stringify(readable), limit) as Array<{
    kind: SearchHit["kind"];
    ref: string;
    agendaId: number | null;
    title: string;
    snippet: string;
  }>;
  const agendaIds = [...new Set(rows.map((r) => r.agendaId).filter((id): id is number => id != null))];
  const agendaInfo = new Map(
    agendaIds.length
      ? db
          .select({ id: agendas.id, title: agendas.title, region: regions.name })
          .from(agendas)
          .innerJoin(regions, eq(regions.id, agendas.regionId))
          .where(inArray(agendas.id, agendaIds))
          .all()
          .map((a) => [a.id, a])
      : [],
  );
  const innovationIds = rows.filter((r) => r.kind === "innovation").map((r) => Number(r.ref));
  const slugs = new Map(
    innovationIds.length
      ? db
          .select({ id: innovations.id, slug: innovations.slug })
          .from(innovations)
          .where(inArray(innovations.id, innovationIds))
          .orderBy(asc(innovations.id))
          .all()
          .map((i) => [i.id, i.slug])
      : [],
  );
  return rows.flatMap((r): SearchHit[] => {
    if (r.kind === "innovation") {
      const slug = slugs.get(Number(r.ref));
      return slug ? [{ kind: r.kind, ref: r.ref, title: r.title, snippet: snippetParts(r.snippet), href: `/innovaties/${slug}`, context: "" }] : [];
    }
    const agenda = r.agendaId != null ? agendaInfo.get(r.agendaId) : undefined;
    if (!agenda) return [];
    const href = r.kind === "item" ? `/agendas/${agenda.id}#item-${r.ref}` : `/agendas/${agenda.id}`;
    return [{ kind: r.kind, ref: r.ref, title: r.title, snippet: snippetParts(r.snippet), href, context: r.kind === "item" ? `${agenda.region} · ${agenda.title}` : agenda.region }];
  });
}
