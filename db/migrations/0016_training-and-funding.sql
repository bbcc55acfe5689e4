CREATE TABLE `item_funding` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`route` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text DEFAULT 'aangevraagd' NOT NULL,
	`date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_funding_item` ON `item_funding` (`item_id`);--> statement-breakpoint
CREATE INDEX `item_funding_agenda` ON `item_funding` (`agenda_id`);--> statement-breakpoint
CREATE TABLE `training_needs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`kind` text DEFAULT 'opleiding' NOT NULL,
	`role` text NOT NULL,
	`people` integer NOT NULL,
	`hours_per_person` real NOT NULL,
	`provider` text DEFAULT '' NOT NULL,
	`school_type` text,
	`skills_lab` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'gepland' NOT NULL,
	`period` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_needs_item` ON `training_needs` (`item_id`);--> statement-breakpoint
CREATE INDEX `training_needs_agenda` ON `training_needs` (`agenda_id`);