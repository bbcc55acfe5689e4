-- A counter that moves whenever data the bottleneck flags read changes, so computed flags can be
-- cached until it moves. Triggers rather than app code: the projection, the models and the seed all
-- write these tables, and none of them can forget to bump it.
CREATE TABLE `flag_inputs_version` (`id` integer PRIMARY KEY NOT NULL, `n` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `flag_inputs_version` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_agendas_insert` AFTER INSERT ON `agendas` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_agendas_update` AFTER UPDATE ON `agendas` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_agendas_delete` AFTER DELETE ON `agendas` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_agenda_items_insert` AFTER INSERT ON `agenda_items` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_agenda_items_update` AFTER UPDATE ON `agenda_items` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_agenda_items_delete` AFTER DELETE ON `agenda_items` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_regions_insert` AFTER INSERT ON `regions` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_regions_update` AFTER UPDATE ON `regions` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_regions_delete` AFTER DELETE ON `regions` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_barriers_insert` AFTER INSERT ON `barriers` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_barriers_update` AFTER UPDATE ON `barriers` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_barriers_delete` AFTER DELETE ON `barriers` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_innovation_ratings_insert` AFTER INSERT ON `innovation_ratings` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_innovation_ratings_update` AFTER UPDATE ON `innovation_ratings` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_innovation_ratings_delete` AFTER DELETE ON `innovation_ratings` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_item_innovations_insert` AFTER INSERT ON `item_innovations` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_item_innovations_update` AFTER UPDATE ON `item_innovations` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_item_innovations_delete` AFTER DELETE ON `item_innovations` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_priority_proposals_insert` AFTER INSERT ON `priority_proposals` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_priority_proposals_update` AFTER UPDATE ON `priority_proposals` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_priority_proposals_delete` AFTER DELETE ON `priority_proposals` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_adopted_versions_insert` AFTER INSERT ON `adopted_versions` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_adopted_versions_update` AFTER UPDATE ON `adopted_versions` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_adopted_versions_delete` AFTER DELETE ON `adopted_versions` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_flag_dismissals_insert` AFTER INSERT ON `flag_dismissals` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_flag_dismissals_update` AFTER UPDATE ON `flag_dismissals` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_inputs_flag_dismissals_delete` AFTER DELETE ON `flag_dismissals` BEGIN UPDATE `flag_inputs_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
