CREATE TABLE `national_summary` (
	`kind` text NOT NULL,
	`region_id` integer NOT NULL,
	`mechanism` text NOT NULL,
	`innovation_id` integer NOT NULL,
	`level` integer NOT NULL,
	`period` text NOT NULL,
	`low` real DEFAULT 0 NOT NULL,
	`expected` real DEFAULT 0 NOT NULL,
	`high` real DEFAULT 0 NOT NULL,
	`links` integer DEFAULT 0 NOT NULL,
	`realised` real DEFAULT 0 NOT NULL,
	`projected_of_measured` real DEFAULT 0 NOT NULL,
	`measured_items` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kind`, `region_id`, `mechanism`, `innovation_id`, `level`, `period`)
);
--> statement-breakpoint
CREATE TABLE `national_summary_items` (
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`region_id` integer NOT NULL,
	`mechanism` text NOT NULL,
	`innovation_id` integer NOT NULL,
	`level` integer NOT NULL,
	`period` text NOT NULL,
	`low` real DEFAULT 0 NOT NULL,
	`expected` real DEFAULT 0 NOT NULL,
	`high` real DEFAULT 0 NOT NULL,
	`links` integer DEFAULT 0 NOT NULL,
	`realised` real DEFAULT 0 NOT NULL,
	`projected_of_measured` real DEFAULT 0 NOT NULL,
	`measured_items` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`item_id`, `kind`, `region_id`, `mechanism`, `innovation_id`, `level`, `period`)
);
--> statement-breakpoint
CREATE INDEX `national_summary_items_group` ON `national_summary_items` (`kind`,`region_id`,`mechanism`,`innovation_id`,`level`,`period`);--> statement-breakpoint
CREATE TABLE `national_summary_stale` (
	`item_id` text PRIMARY KEY NOT NULL
);--> statement-breakpoint
-- Every write to a source of the national results lists the items it touches, in the same transaction
-- (decision 033): the summary can lag its sources only by those items, and the read recomputes them.
CREATE TRIGGER `nss_measurements_ai` AFTER INSERT ON `measurements` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (NEW.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_measurements_au` AFTER UPDATE ON `measurements` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.item_id), (NEW.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_measurements_ad` AFTER DELETE ON `measurements` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_item_innovations_ai` AFTER INSERT ON `item_innovations` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (NEW.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_item_innovations_au` AFTER UPDATE ON `item_innovations` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.item_id), (NEW.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_item_innovations_ad` AFTER DELETE ON `item_innovations` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_item_status_changes_ai` AFTER INSERT ON `item_status_changes` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (NEW.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_item_status_changes_au` AFTER UPDATE ON `item_status_changes` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.item_id), (NEW.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_item_status_changes_ad` AFTER DELETE ON `item_status_changes` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.item_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_agenda_items_ai` AFTER INSERT ON `agenda_items` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_agenda_items_au` AFTER UPDATE OF `id`, `agenda_id`, `status`, `mechanism` ON `agenda_items` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.id), (NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_agenda_items_ad` AFTER DELETE ON `agenda_items` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_agendas_au` AFTER UPDATE OF `region_id` ON `agendas` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `id` FROM `agenda_items` WHERE `agenda_id` = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER `nss_innovations_au` AFTER UPDATE OF `mechanism` ON `innovations` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `item_id` FROM `item_innovations` WHERE `innovation_id` = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER `nss_innovation_ratings_ai` AFTER INSERT ON `innovation_ratings` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `item_id` FROM `item_innovations` WHERE `innovation_id` = NEW.innovation_id; END;
--> statement-breakpoint
CREATE TRIGGER `nss_innovation_ratings_au` AFTER UPDATE ON `innovation_ratings` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `item_id` FROM `item_innovations` WHERE `innovation_id` IN (OLD.innovation_id, NEW.innovation_id); END;
--> statement-breakpoint
CREATE TRIGGER `nss_innovation_ratings_ad` AFTER DELETE ON `innovation_ratings` BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `item_id` FROM `item_innovations` WHERE `innovation_id` = OLD.innovation_id; END;
--> statement-breakpoint
-- Backfill: every existing item starts stale; syncNationalSummary builds them (at server start).
INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `id` FROM `agenda_items`;
