-- `AFTER UPDATE OF col` fires whenever the statement sets col, changed or not, and the projection
-- writes every column of an item whose text changed: each typed word marked the item stale and
-- made the next projection recompute its national figures. Now only a real change of what the
-- national results group by marks it.
DROP TRIGGER `nss_agenda_items_au`;
--> statement-breakpoint
CREATE TRIGGER `nss_agenda_items_au` AFTER UPDATE OF `id`, `agenda_id`, `status`, `mechanism` ON `agenda_items`
WHEN OLD.id IS NOT NEW.id OR OLD.agenda_id IS NOT NEW.agenda_id OR OLD.status IS NOT NEW.status OR OLD.mechanism IS NOT NEW.mechanism
BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) VALUES (OLD.id), (NEW.id); END;
--> statement-breakpoint
DROP TRIGGER `nss_agendas_au`;
--> statement-breakpoint
CREATE TRIGGER `nss_agendas_au` AFTER UPDATE OF `region_id` ON `agendas`
WHEN OLD.region_id IS NOT NEW.region_id
BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `id` FROM `agenda_items` WHERE `agenda_id` = NEW.id; END;
--> statement-breakpoint
DROP TRIGGER `nss_innovations_au`;
--> statement-breakpoint
CREATE TRIGGER `nss_innovations_au` AFTER UPDATE OF `mechanism` ON `innovations`
WHEN OLD.mechanism IS NOT NEW.mechanism
BEGIN INSERT OR IGNORE INTO `national_summary_stale` (`item_id`) SELECT `item_id` FROM `item_innovations` WHERE `innovation_id` = NEW.id; END;
