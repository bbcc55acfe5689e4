-- Realised and net savings (decision 031) make the agenda page read measurements and training needs,
-- and the signals realised-below-projection and scaled-without-measurement read measurements: their
-- writes move the agenda content version (migration 0012) and the region flag version (0009).
CREATE TRIGGER `acv_measurements_ai` AFTER INSERT ON `measurements` BEGIN INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_measurements_au` AFTER UPDATE ON `measurements` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_measurements_ad` AFTER DELETE ON `measurements` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_training_needs_ai` AFTER INSERT ON `training_needs` BEGIN INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_training_needs_au` AFTER UPDATE ON `training_needs` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; INSERT INTO `agenda_content_versions` VALUES (NEW.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `acv_training_needs_ad` AFTER DELETE ON `training_needs` BEGIN INSERT INTO `agenda_content_versions` VALUES (OLD.agenda_id, 1) ON CONFLICT (`agenda_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_measurements_ai` AFTER INSERT ON `measurements` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_measurements_au` AFTER UPDATE ON `measurements` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` IN (OLD.agenda_id, NEW.agenda_id) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_measurements_ad` AFTER DELETE ON `measurements` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
