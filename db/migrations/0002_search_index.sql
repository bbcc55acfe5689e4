-- Full-text search over agendas, agenda items and innovations (/zoeken). One FTS5 table for all three,
-- kept in sync by triggers so no writer (the collaboration server's projection included) has to know
-- about it. remove_diacritics 2 lets "coordinatie" find "coördinatie"; permissions are applied by the
-- query (app/models/search.server.ts), never by this table.
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED,
  ref UNINDEXED,
  agenda_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER search_agenda_items_ai AFTER INSERT ON agenda_items BEGIN
  INSERT INTO search_index (kind, ref, agenda_id, title, body) VALUES (
    'item', new.id, new.agenda_id, new.title,
    new.action_line || ' ' || new.lead_organisation || ' ' || new.why || ' ' || new.professionals_how || ' ' || new.plan_text || ' ' || new.sectors
  );
END;
--> statement-breakpoint
CREATE TRIGGER search_agenda_items_au AFTER UPDATE ON agenda_items BEGIN
  DELETE FROM search_index WHERE kind = 'item' AND ref = old.id;
  INSERT INTO search_index (kind, ref, agenda_id, title, body) VALUES (
    'item', new.id, new.agenda_id, new.title,
    new.action_line || ' ' || new.lead_organisation || ' ' || new.why || ' ' || new.professionals_how || ' ' || new.plan_text || ' ' || new.sectors
  );
END;
--> statement-breakpoint
CREATE TRIGGER search_agenda_items_ad AFTER DELETE ON agenda_items BEGIN
  DELETE FROM search_index WHERE kind = 'item' AND ref = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_innovations_ai AFTER INSERT ON innovations BEGIN
  INSERT INTO search_index (kind, ref, agenda_id, title, body) VALUES (
    'innovation', CAST(new.id AS TEXT), NULL, new.name_nl,
    new.name_en || ' ' || new.description_nl || ' ' || new.sectors
  );
END;
--> statement-breakpoint
CREATE TRIGGER search_innovations_au AFTER UPDATE ON innovations BEGIN
  DELETE FROM search_index WHERE kind = 'innovation' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_index (kind, ref, agenda_id, title, body) VALUES (
    'innovation', CAST(new.id AS TEXT), NULL, new.name_nl,
    new.name_en || ' ' || new.description_nl || ' ' || new.sectors
  );
END;
--> statement-breakpoint
CREATE TRIGGER search_innovations_ad AFTER DELETE ON innovations BEGIN
  DELETE FROM search_index WHERE kind = 'innovation' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER search_agendas_ai AFTER INSERT ON agendas BEGIN
  INSERT INTO search_index (kind, ref, agenda_id, title, body) VALUES ('agenda', CAST(new.id AS TEXT), new.id, new.title, new.period);
END;
--> statement-breakpoint
CREATE TRIGGER search_agendas_au AFTER UPDATE OF title, period ON agendas BEGIN
  DELETE FROM search_index WHERE kind = 'agenda' AND ref = CAST(old.id AS TEXT);
  INSERT INTO search_index (kind, ref, agenda_id, title, body) VALUES ('agenda', CAST(new.id AS TEXT), new.id, new.title, new.period);
END;
--> statement-breakpoint
CREATE TRIGGER search_agendas_ad AFTER DELETE ON agendas BEGIN
  DELETE FROM search_index WHERE kind = 'agenda' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
INSERT INTO search_index (kind, ref, agenda_id, title, body)
  SELECT 'item', id, agenda_id, title,
    action_line || ' ' || lead_organisation || ' ' || why || ' ' || professionals_how || ' ' || plan_text || ' ' || sectors
  FROM agenda_items;
--> statement-breakpoint
INSERT INTO search_index (kind, ref, agenda_id, title, body)
  SELECT 'innovation', CAST(id AS TEXT), NULL, name_nl, name_en || ' ' || description_nl || ' ' || sectors FROM innovations;
--> statement-breakpoint
INSERT INTO search_index (kind, ref, agenda_id, title, body)
  SELECT 'agenda', CAST(id AS TEXT), id, title, period FROM agendas;
