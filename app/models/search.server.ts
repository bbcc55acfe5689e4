// Full-text search (SQLite FTS5, tables search_index and search_docs from migration 0010): agendas,
// items, innovations, barriers and their thread comments, read the Dutch way (stems, compounds:
// docs/decisions/019-dutch-search.md). Readability is decided here, on the server, with the same
// permission rules as the pages: a hit the user may not read never leaves the database query.
import { eq, sql, type Column } from "drizzle-orm";
import type { Db } from "../../db";
import { agendaItems, agendas, barrierComments, barrierSubTypes, barrierTypes, barriers, innovations, regions } from "../../db/schema";
import { canReadAgenda, canReadBarriers, type Principal } from "../domain/permissions";
import { MIN_SUFFIX, highlight, queryWords, reverse, type QueryWord, type TextPart } from "../domain/search-terms";
import { innovationName, localName } from "../i18n/names";
import type { Locale } from "../i18n/messages";
import { preparedFor } from "../utils/prepared.server";

/** Words shown around the first matches in a snippet. */
const SNIPPET_WORDS = 24;
/**
 * Characters of a document read for its snippet: marking costs about 1 ms per 10,000 characters,
 * so a page of 50 long plans stays fast; a match only further on shows the text's beginning.
 */
const SNIPPET_SOURCE_CHARS = 10_000;

const phrase = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** An exact word (as a prefix) or its stem (as a prefix of a stem): "financiën" finds "financiering". */
const exactOrStem = (w: QueryWord) => `{title body extra} : ${phrase(w.word)}* OR stems : ${phrase(w.stem)}*`;

/** Also a compound ending in the word ("technologie": "zorgtechnologie"), or the query compound's last part. */
function related(w: QueryWord) {
  const parts = [exactOrStem(w)];
  if (w.stem.length >= MIN_SUFFIX) parts.push(`rstems : ${phrase(reverse(w.stem))}*`);
  if (w.head) parts.push(`stems : ${phrase(w.head)}*`);
  return parts.join(" OR ");
}

/**
 * The FTS5 queries for what a person typed: every word required; no operator of theirs reaches
 * FTS5 (words are letters and digits only, each quoted). `exact` matches words and stems only;
 * `all` also compounds, and ranks below it.
 */
export function toFtsQuery(words: readonly QueryWord[]): { exact: string; all: string } | null {
  if (words.length === 0) return null;
  return {
    exact: words.map((w) => `(${exactOrStem(w)})`).join(" AND "),
    all: words.map((w) => `(${related(w)})`).join(" AND "),
  };
}

export function readableAgendaIds({ db, actor }: { db: Db; actor: Principal }) {
  return readableScopes({ db, actor }).agendas;
}

/** `column` is one of a list of ids, given as JSON when the prepared statement runs. */
const inIds = (column: Column, name: string) => sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`;

// Prepared once per database: building and preparing these five queries on every search was
// about half of its time (issue 19); the lists of ids arrive as JSON, so one statement serves all.
const lookups = preparedFor((db) => ({
  scopes: db
    .select({ id: agendas.id, regionId: agendas.regionId, partnersMayRead: regions.partnersMayRead })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .prepare(),
  agendas: db
    .select({ id: agendas.id, title: agendas.title, region: regions.name })
    .from(agendas)
    .innerJoin(regions, eq(regions.id, agendas.regionId))
    .where(inIds(agendas.id, "ids"))
    .prepare(),
  innovations: db
    .select({ id: innovations.id, slug: innovations.slug, nameNl: innovations.nameNl, nameEn: innovations.nameEn })
    .from(innovations)
    .where(inIds(innovations.id, "ids"))
    .prepare(),
  comments: db
    .select({ id: barrierComments.id, barrierId: barrierComments.barrierId })
    .from(barrierComments)
    .where(inIds(barrierComments.id, "ids"))
    .prepare(),
  barriers: db
    .select({
      id: barriers.id,
      itemTitle: agendaItems.title,
      typeNl: barrierTypes.nameNl,
      typeEn: barrierTypes.nameEn,
      subNl: barrierSubTypes.nameNl,
      subEn: barrierSubTypes.nameEn,
    })
    .from(barriers)
    .innerJoin(barrierTypes, eq(barrierTypes.key, barriers.typeKey))
    .leftJoin(barrierSubTypes, eq(barrierSubTypes.key, barriers.subTypeKey))
    .leftJoin(agendaItems, eq(agendaItems.id, barriers.itemId))
    .where(inIds(barriers.id, "ids"))
    .prepare(),
}));

/** The agendas whose content, and those whose barriers, the actor may read. */
function readableScopes({ db, actor }: { db: Db; actor: Principal }) {
  const rows = lookups(db).scopes.all();
  return {
    agendas: rows.filter((a) => canReadAgenda(actor, a)).map((a) => a.id),
    barriers: rows.filter((a) => canReadBarriers(actor, a)).map((a) => a.id),
  };
}

export type SearchHit = {
  kind: "agenda" | "item" | "innovation" | "barrier" | "comment";
  ref: string;
  title: string;
  /** The title as shown, matched words flagged. */
  titleParts: TextPart[];
  snippet: TextPart[];
  href: string;
  context: string;
  /** Matched by word or stem (ranked first), or only through a compound. */
  match: "exact" | "compound";
};

type Row = { kind: SearchHit["kind"]; ref: string; agendaId: number | null; title: string; body: string; exact: number };

const queries = new WeakMap<Db, { known: (stem: string) => boolean; run: (p: Record<string, unknown>) => Row[] }>();

function statementsFor(db: Db) {
  let q = queries.get(db);
  if (!q) {
    const vocab = db.$client.prepare("SELECT 1 FROM search_vocab WHERE col = 'stems' AND term = ?").pluck();
    const hits = db.$client.prepare(
      `SELECT d.kind, d.ref, d.agenda_id AS agendaId, f.title, f.body,
              f.rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH @exact) AS exact
         FROM search_index f JOIN search_docs d ON d.id = f.rowid
        WHERE search_index MATCH @all
          AND (d.kind = 'innovation'
               OR (d.kind IN ('agenda', 'item') AND d.agenda_id IN (SELECT value FROM json_each(@agendas)))
               OR (d.kind IN ('barrier', 'comment') AND d.agenda_id IN (SELECT value FROM json_each(@barrierAgendas))))
        ORDER BY exact DESC, bm25(search_index, 10.0, 1.0, 5.0, 2.0, 0.5)
        LIMIT @limit`,
    );
    q = { known: (stem) => vocab.get(stem) !== undefined, run: (p) => hits.all(p) as Row[] };
    queries.set(db, q);
  }
  return q;
}

const ids = (rows: Row[], kind: Row["kind"]) => rows.filter((r) => r.kind === kind).map((r) => Number(r.ref));
const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));

export function search({
  db,
  actor,
  q,
  locale = "nl",
  limit = 50,
}: {
  db: Db;
  actor: Principal;
  q: string;
  locale?: Locale;
  limit?: number;
}): SearchHit[] {
  const st = statementsFor(db);
  const words = queryWords(q, st.known);
  const match = toFtsQuery(words);
  if (!match) return [];
  const scopes = readableScopes({ db, actor });
  const rows = st.run({ ...match, agendas: JSON.stringify(scopes.agendas), barrierAgendas: JSON.stringify(scopes.barriers), limit });
  if (rows.length === 0) return [];

  const lookup = lookups(db);
  const byIds = <T extends { id: number }>(query: { all: (p: { ids: string }) => T[] }, list: number[]) => byId(list.length ? query.all({ ids: JSON.stringify(list) }) : []);
  const agendaInfo = byIds(lookup.agendas, [...new Set(rows.map((r) => r.agendaId).filter((id): id is number => id != null))]);
  const innovationInfo = byIds(lookup.innovations, ids(rows, "innovation"));
  const commentInfo = byIds(lookup.comments, ids(rows, "comment"));
  const barrierInfo = byIds(lookup.barriers, [...new Set([...ids(rows, "barrier"), ...[...commentInfo.values()].map((c) => c.barrierId)])]);
  const barrierTitle = (b: NonNullable<ReturnType<typeof barrierInfo.get>>) =>
    [localName({ nameNl: b.typeNl, nameEn: b.typeEn }, locale), b.subNl ? localName({ nameNl: b.subNl, nameEn: b.subEn }, locale) : null]
      .filter(Boolean)
      .join(" · ");

  return rows.flatMap((r): SearchHit[] => {
    const hit = (title: string, href: string, context: string): SearchHit => ({
      kind: r.kind,
      ref: r.ref,
      title,
      titleParts: highlight(title, words),
      snippet: highlight(r.body.length > SNIPPET_SOURCE_CHARS ? `${r.body.slice(0, SNIPPET_SOURCE_CHARS)}…` : r.body, words, SNIPPET_WORDS),
      href,
      context,
      match: r.exact ? "exact" : "compound",
    });
    if (r.kind === "innovation") {
      const i = innovationInfo.get(Number(r.ref));
      return i ? [hit(innovationName(i, locale), `/innovaties/${i.slug}`, "")] : [];
    }
    const agenda = r.agendaId != null ? agendaInfo.get(r.agendaId) : undefined;
    if (!agenda) return [];
    if (r.kind === "agenda") return [hit(r.title, `/agendas/${agenda.id}`, agenda.region)];
    if (r.kind === "item") return [hit(r.title, `/agendas/${agenda.id}#item-${r.ref}`, `${agenda.region} · ${agenda.title}`)];
    const barrierId = r.kind === "barrier" ? Number(r.ref) : commentInfo.get(Number(r.ref))?.barrierId;
    const b = barrierId !== undefined ? barrierInfo.get(barrierId) : undefined;
    if (!b) return [];
    const context = [agenda.region, b.itemTitle].filter(Boolean).join(" · ");
    const href = r.kind === "barrier" ? `/belemmeringen/${b.id}` : `/belemmeringen/${b.id}#reactie-${r.ref}`;
    return [hit(barrierTitle(b), href, context)];
  });
}
