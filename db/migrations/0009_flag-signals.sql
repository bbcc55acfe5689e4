CREATE TABLE `barrier_sub_types` (
	`key` text PRIMARY KEY NOT NULL,
	`type_key` text NOT NULL,
	`name_nl` text NOT NULL,
	`name_en` text NOT NULL,
	FOREIGN KEY (`type_key`) REFERENCES `barrier_types`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `progress_at` integer;--> statement-breakpoint
ALTER TABLE `barriers` ADD `sub_type_key` text;--> statement-breakpoint
ALTER TABLE `flag_dismissals` ADD `scope` text DEFAULT 'team' NOT NULL;--> statement-breakpoint
-- Until now every edit moved changed_at and counted as progress; from here only a change of status
-- does (progress_at, set by the projection). Existing items start from their last change.
UPDATE `agenda_items` SET `progress_at` = `changed_at`;
--> statement-breakpoint
-- The one global counter (0003) is replaced by a version per region, so the flags recompute only the
-- regions whose inputs changed (decision 017). Region 0 stands for the inputs every region shares:
-- ratings and barrier types. Triggers rather than app code: the projection, the models and the seed
-- all write these tables, and none of them can forget to bump it.
DROP TRIGGER IF EXISTS `flag_inputs_agendas_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_agendas_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_agendas_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_agenda_items_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_agenda_items_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_agenda_items_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_regions_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_regions_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_regions_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_barriers_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_barriers_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_barriers_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_innovation_ratings_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_innovation_ratings_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_innovation_ratings_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_item_innovations_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_item_innovations_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_item_innovations_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_priority_proposals_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_priority_proposals_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_priority_proposals_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_adopted_versions_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_adopted_versions_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_adopted_versions_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_flag_dismissals_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_flag_dismissals_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `flag_inputs_flag_dismissals_delete`;--> statement-breakpoint
DROP TABLE IF EXISTS `flag_inputs_version`;--> statement-breakpoint
CREATE TABLE `flag_region_versions` (`region_id` integer PRIMARY KEY NOT NULL, `n` integer NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `flag_rv_agendas_ai` AFTER INSERT ON `agendas` BEGIN INSERT INTO `flag_region_versions` VALUES (NEW.region_id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_agendas_au` AFTER UPDATE ON `agendas` BEGIN INSERT INTO `flag_region_versions` VALUES (OLD.region_id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; INSERT INTO `flag_region_versions` VALUES (NEW.region_id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_agendas_ad` AFTER DELETE ON `agendas` BEGIN INSERT INTO `flag_region_versions` VALUES (OLD.region_id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_regions_ai` AFTER INSERT ON `regions` BEGIN INSERT INTO `flag_region_versions` VALUES (NEW.id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_regions_au` AFTER UPDATE ON `regions` BEGIN INSERT INTO `flag_region_versions` VALUES (NEW.id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_regions_ad` AFTER DELETE ON `regions` BEGIN INSERT INTO `flag_region_versions` VALUES (OLD.id, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_agenda_items_ai` AFTER INSERT ON `agenda_items` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_agenda_items_au` AFTER UPDATE ON `agenda_items` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` IN (OLD.agenda_id, NEW.agenda_id) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_agenda_items_ad` AFTER DELETE ON `agenda_items` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barriers_ai` AFTER INSERT ON `barriers` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barriers_au` AFTER UPDATE ON `barriers` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` IN (OLD.agenda_id, NEW.agenda_id) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barriers_ad` AFTER DELETE ON `barriers` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barrier_comments_ai` AFTER INSERT ON `barrier_comments` BEGIN INSERT INTO `flag_region_versions` SELECT a.`region_id`, 1 FROM `barriers` b JOIN `agendas` a ON a.`id` = b.`agenda_id` WHERE b.`id` = NEW.barrier_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barrier_comments_ad` AFTER DELETE ON `barrier_comments` BEGIN INSERT INTO `flag_region_versions` SELECT a.`region_id`, 1 FROM `barriers` b JOIN `agendas` a ON a.`id` = b.`agenda_id` WHERE b.`id` = OLD.barrier_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_item_innovations_ai` AFTER INSERT ON `item_innovations` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_item_innovations_au` AFTER UPDATE ON `item_innovations` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` IN (OLD.agenda_id, NEW.agenda_id) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_item_innovations_ad` AFTER DELETE ON `item_innovations` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_priority_proposals_ai` AFTER INSERT ON `priority_proposals` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_priority_proposals_au` AFTER UPDATE ON `priority_proposals` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` IN (OLD.agenda_id, NEW.agenda_id) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_priority_proposals_ad` AFTER DELETE ON `priority_proposals` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_adopted_versions_ai` AFTER INSERT ON `adopted_versions` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_adopted_versions_ad` AFTER DELETE ON `adopted_versions` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_innovation_ratings_ai` AFTER INSERT ON `innovation_ratings` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_innovation_ratings_au` AFTER UPDATE ON `innovation_ratings` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_innovation_ratings_ad` AFTER DELETE ON `innovation_ratings` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barrier_types_ai` AFTER INSERT ON `barrier_types` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barrier_types_au` AFTER UPDATE ON `barrier_types` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barrier_sub_types_ai` AFTER INSERT ON `barrier_sub_types` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_barrier_sub_types_au` AFTER UPDATE ON `barrier_sub_types` BEGIN INSERT INTO `flag_region_versions` VALUES (0, 1) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
