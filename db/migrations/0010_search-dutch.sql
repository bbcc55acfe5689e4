-- Dutch search (docs/decisions/019-dutch-search.md): the index is rebuilt with a stems column and a
-- column of reversed stems (so "technologie" finds "zorgtechnologie" as a prefix query), barriers and
-- their thread comments are indexed too, and every document has a row in search_docs whose id is
-- the FTS rowid: the triggers find a document's index row by rowid instead of scanning the FTS table
-- on an UNINDEXED column (what 0002's DELETE did for every projected row).
-- search_stems() and search_suffixes() are app/domain/search-terms.ts, registered by openDatabase
-- on every connection before migrations run; a connection without them can read but not write
-- the indexed tables.
DROP TRIGGER IF EXISTS search_agenda_items_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_agenda_items_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_agenda_items_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_innovations_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_innovations_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_innovations_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_agendas_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_agendas_au;
--> statement-breakpoint
DROP TRIGGER IF EXISTS search_agendas_ad;
--> statement-breakpoint
DROP TABLE IF EXISTS search_index;
--> statement-breakpoint
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  agenda_id INTEGER
);
--> statement-breakpoint
CREATE UNIQUE INDEX search_docs_ref ON search_docs (kind, ref);
--> statement-breakpoint
-- title and body are what the results page shows (plain text: rich text is projected to text before
-- it gets here); extra is searched but not shown (the other language's name); stems and rstems are
-- derived from all three.
CREATE VIRTUAL TABLE search_index USING fts5(
  title,
  body,
  extra,
  stems,
  rstems,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- The index's own vocabulary: a query's compound is split only into parts that occur as stems.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, col);
--> statement-breakpoint
-- What each kind of document says, in one place for the triggers and the rebuild below.
CREATE VIEW search_source_agenda AS
  SELECT a.id AS key, a.id AS agenda_id, a.title AS title, a.period AS body, '' AS extra FROM agendas a;
--> statement-breakpoint
CREATE VIEW search_source_item AS
  SELECT i.id AS key, i.agenda_id AS agenda_id, i.title AS title,
    concat_ws(' · ', nullif(i.action_line, ''), nullif(i.lead_organisation, ''), nullif(i.why, ''), nullif(i.professionals_how, ''),
      nullif(i.plan_text, ''), CASE WHEN json_valid(i.sectors) THEN (SELECT nullif(group_concat(value, ', '), '') FROM json_each(i.sectors)) END) AS body,
    '' AS extra
  FROM agenda_items i;
--> statement-breakpoint
CREATE VIEW search_source_innovation AS
  SELECT n.id AS key, NULL AS agenda_id, n.name_nl AS title,
    concat_ws(' · ', nullif(n.description_nl, ''), CASE WHEN json_valid(n.sectors) THEN (SELECT nullif(group_concat(value, ', '), '') FROM json_each(n.sectors)) END) AS body,
    n.name_en AS extra
  FROM innovations n;
--> statement-breakpoint
CREATE VIEW search_source_barrier AS
  SELECT b.id AS key, b.agenda_id AS agenda_id, concat_ws(' · ', t.name_nl, st.name_nl) AS title,
    concat_ws(' · ', nullif(b.description, ''), nullif(b.quote, '')) AS body,
    concat_ws(' · ', t.name_en, st.name_en) AS extra
  FROM barriers b JOIN barrier_types t ON t.key = b.type_key LEFT JOIN barrier_sub_types st ON st.key = b.sub_type_key;
--> statement-breakpoint
CREATE VIEW search_source_comment AS
  SELECT c.id AS key, b.agenda_id AS agenda_id, '' AS title, c.body AS body, '' AS extra
  FROM barrier_comments c JOIN barriers b ON b.id = c.barrier_id;
--> statement-breakpoint
CREATE TRIGGER search_agendas_ai AFTER INSERT ON agendas BEGIN
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'agenda', CAST(key AS TEXT), agenda_id FROM search_source_agenda WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_agenda s JOIN search_docs d ON d.kind = 'agenda' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_agendas_au AFTER UPDATE OF title, period ON agendas BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'agenda' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'agenda' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'agenda', CAST(key AS TEXT), agenda_id FROM search_source_agenda WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_agenda s JOIN search_docs d ON d.kind = 'agenda' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_agendas_ad AFTER DELETE ON agendas BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'agenda' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'agenda' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER search_agenda_items_ai AFTER INSERT ON agenda_items BEGIN
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'item', CAST(key AS TEXT), agenda_id FROM search_source_item WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_item s JOIN search_docs d ON d.kind = 'item' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_agenda_items_au AFTER UPDATE OF agenda_id, title, action_line, lead_organisation, why, professionals_how, plan_text, sectors ON agenda_items BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'item' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'item' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'item', CAST(key AS TEXT), agenda_id FROM search_source_item WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_item s JOIN search_docs d ON d.kind = 'item' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_agenda_items_ad AFTER DELETE ON agenda_items BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'item' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'item' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER search_innovations_ai AFTER INSERT ON innovations BEGIN
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'innovation', CAST(key AS TEXT), agenda_id FROM search_source_innovation WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_innovation s JOIN search_docs d ON d.kind = 'innovation' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_innovations_au AFTER UPDATE OF name_nl, name_en, description_nl, sectors ON innovations BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'innovation' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'innovation' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'innovation', CAST(key AS TEXT), agenda_id FROM search_source_innovation WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_innovation s JOIN search_docs d ON d.kind = 'innovation' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_innovations_ad AFTER DELETE ON innovations BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'innovation' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'innovation' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER search_barriers_ai AFTER INSERT ON barriers BEGIN
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'barrier', CAST(key AS TEXT), agenda_id FROM search_source_barrier WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_barrier s JOIN search_docs d ON d.kind = 'barrier' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_barriers_au AFTER UPDATE OF type_key, sub_type_key, description, quote ON barriers BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'barrier' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'barrier' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'barrier', CAST(key AS TEXT), agenda_id FROM search_source_barrier WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_barrier s JOIN search_docs d ON d.kind = 'barrier' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_barriers_ad AFTER DELETE ON barriers BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'barrier' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'barrier' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER search_barrier_comments_ai AFTER INSERT ON barrier_comments BEGIN
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'comment', CAST(key AS TEXT), agenda_id FROM search_source_comment WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_comment s JOIN search_docs d ON d.kind = 'comment' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_barrier_comments_au AFTER UPDATE OF body ON barrier_comments BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'comment' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'comment' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'comment', CAST(key AS TEXT), agenda_id FROM search_source_comment WHERE key = new.id;
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_comment s JOIN search_docs d ON d.kind = 'comment' AND d.ref = CAST(s.key AS TEXT) WHERE s.key = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_barrier_comments_ad AFTER DELETE ON barrier_comments BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'comment' AND ref = CAST(old.id AS TEXT));
  DELETE FROM search_docs WHERE kind = 'comment' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
-- A barrier type's name is its barriers' title.
CREATE TRIGGER search_barrier_types_au AFTER UPDATE OF name_nl, name_en ON barrier_types BEGIN
  DELETE FROM search_index WHERE rowid IN (
    SELECT d.id FROM search_docs d JOIN barriers b ON d.kind = 'barrier' AND d.ref = CAST(b.id AS TEXT) WHERE b.type_key = new.key);
  INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
    SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
    FROM search_source_barrier s JOIN barriers b ON b.id = s.key JOIN search_docs d ON d.kind = 'barrier' AND d.ref = CAST(s.key AS TEXT)
    WHERE b.type_key = new.key;
END;
--> statement-breakpoint
-- Rebuild from what is stored: nothing that was searchable before is lost.
INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'agenda', CAST(key AS TEXT), agenda_id FROM search_source_agenda;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'item', CAST(key AS TEXT), agenda_id FROM search_source_item;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'innovation', CAST(key AS TEXT), agenda_id FROM search_source_innovation;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'barrier', CAST(key AS TEXT), agenda_id FROM search_source_barrier;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref, agenda_id) SELECT 'comment', CAST(key AS TEXT), agenda_id FROM search_source_comment;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body, extra, stems, rstems)
  SELECT d.id, s.title, s.body, s.extra, search_stems(s.title, s.body, s.extra), search_suffixes(s.title, s.body, s.extra)
  FROM search_docs d
  JOIN (SELECT 'agenda' AS kind, CAST(key AS TEXT) AS ref, title, body, extra FROM search_source_agenda
    UNION ALL SELECT 'item' AS kind, CAST(key AS TEXT) AS ref, title, body, extra FROM search_source_item
    UNION ALL SELECT 'innovation' AS kind, CAST(key AS TEXT) AS ref, title, body, extra FROM search_source_innovation
    UNION ALL SELECT 'barrier' AS kind, CAST(key AS TEXT) AS ref, title, body, extra FROM search_source_barrier
    UNION ALL SELECT 'comment' AS kind, CAST(key AS TEXT) AS ref, title, body, extra FROM search_source_comment) s
    ON s.kind = d.kind AND s.ref = d.ref;
