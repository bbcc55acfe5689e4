-- The signal "opleidingsvraag zonder opleider" (decision 030) reads training_needs: its writes move the
-- region flag version (migration 0009), as measurements do since 0018.
CREATE TRIGGER `flag_rv_training_needs_ai` AFTER INSERT ON `training_needs` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = NEW.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_training_needs_au` AFTER UPDATE ON `training_needs` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` IN (OLD.agenda_id, NEW.agenda_id) ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_rv_training_needs_ad` AFTER DELETE ON `training_needs` BEGIN INSERT INTO `flag_region_versions` SELECT `region_id`, 1 FROM `agendas` WHERE `id` = OLD.agenda_id ON CONFLICT (`region_id`) DO UPDATE SET `n` = `n` + 1; END;
