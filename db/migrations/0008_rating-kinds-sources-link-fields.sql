ALTER TABLE `innovation_ratings` ADD `kind` text DEFAULT 'labour_saved' NOT NULL;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `expected_stated` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `quote` text;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `reporting` text;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `derivation` text;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `professions` text;--> statement-breakpoint
ALTER TABLE `innovation_ratings` ADD `ref` text;--> statement-breakpoint
ALTER TABLE `item_innovations` ADD `task_hours_per_week` real;--> statement-breakpoint
ALTER TABLE `item_innovations` ADD `events_per_week` real;