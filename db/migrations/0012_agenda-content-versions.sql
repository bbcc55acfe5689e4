CREATE TABLE `agenda_content_versions` (
	`agenda_id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
-- Existing agendas and the catalogue start at 0: the caches live in memory and begin empty, so any
-- starting number is right; from here every write to what the agenda page derives moves it. Triggers
-- rather than app code: the projection, the models, the release import and the seed all write these
-- tables, and none of them can forget to bump it. An agenda's number is kept when it is deleted, so
-- a later agenda given the same id never meets the old one's cached data.
INSERT INTO `agenda_content_versions` SELECT `id`, 0 FROM `agendas` WHERE true ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO `agenda_content_versions` VALUES (0, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `acv_agenda_items_ai` AFTER INSERT ON `agenda_items` BEGIN INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_agenda_items_au` AFTER UPDATE ON `agenda_items` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_agenda_items_ad` AFTER DELETE ON `agenda_items` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_item_innovations_ai` AFTER INSERT ON `item_innovations` BEGIN INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_item_innovations_au` AFTER UPDATE ON `item_innovations` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_item_innovations_ad` AFTER DELETE ON `item_innovations` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_agendas_ai` AFTER INSERT ON `agendas` BEGIN INSERT INTO `agenda_content_versions` VALUES (NEW.id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_agendas_au` AFTER UPDATE OF `region_id` ON `agendas` BEGIN INSERT INTO `agenda_content_versions` VALUES (NEW.id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_agendas_ad` AFTER DELETE ON `agendas` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_regions_au` AFTER UPDATE ON `regions` BEGIN INSERT INTO `agenda_content_versions` SELECT `id`, 1 FROM `agendas` WHERE `region_id` = NEW.id ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_region_shortages_ai` AFTER INSERT ON `region_shortages` BEGIN INSERT INTO `agenda_content_versions` SELECT `id`, 1 FROM `agendas` WHERE `region_id` = NEW.region_id ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_region_shortages_au` AFTER UPDATE ON `region_shortages` BEGIN INSERT INTO `agenda_content_versions` SELECT `id`, 1 FROM `agendas` WHERE `region_id` IN (OLD.region_id, NEW.region_id) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_region_shortages_ad` AFTER DELETE ON `region_shortages` BEGIN INSERT INTO `agenda_content_versions` SELECT `id`, 1 FROM `agendas` WHERE `region_id` = OLD.region_id ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_users_au` AFTER UPDATE OF `name` ON `users` BEGIN INSERT INTO `agenda_content_versions` SELECT a.`id`, 1 FROM `agendas` a JOIN `regions` r ON r.`id` = a.`region_id` WHERE r.`saving_target_set_by` = NEW.id ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_innovations_ai` AFTER INSERT ON `innovations` BEGIN INSERT INTO `agenda_content_versions` VALUES (0, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_innovations_au` AFTER UPDATE ON `innovations` BEGIN INSERT INTO `agenda_content_versions` VALUES (0, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_innovations_ad` AFTER DELETE ON `innovations` BEGIN INSERT INTO `agenda_content_versions` VALUES (0, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_innovation_ratings_ai` AFTER INSERT ON `innovation_ratings` BEGIN INSERT INTO `agenda_content_versions` VALUES (0, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_innovation_ratings_au` AFTER UPDATE ON `innovation_ratings` BEGIN INSERT INTO `agenda_content_versions` VALUES (0, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_innovation_ratings_ad` AFTER DELETE ON `innovation_ratings` BEGIN INSERT INTO `agenda_content_versions` VALUES (0, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
