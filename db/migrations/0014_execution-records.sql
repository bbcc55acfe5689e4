CREATE TABLE `item_milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`done_date` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_milestones_item` ON `item_milestones` (`item_id`,`due_date`);--> statement-breakpoint
CREATE TABLE `item_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`from_status` text,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`lesson_learned` text,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_status_changes_item` ON `item_status_changes` (`item_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `progress_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`period` text NOT NULL,
	`happened` text NOT NULL,
	`progress_pct` integer NOT NULL,
	`next_step` text DEFAULT '' NOT NULL,
	`risk` text DEFAULT 'laag' NOT NULL,
	`risk_note` text DEFAULT '' NOT NULL,
	`author_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_notes_item_period` ON `progress_notes` (`item_id`,`period`);--> statement-breakpoint
CREATE INDEX `progress_notes_agenda` ON `progress_notes` (`agenda_id`,`period`);--> statement-breakpoint
CREATE TABLE `region_period_advice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`period` text NOT NULL,
	`request_message` text,
	`request_due_date` text,
	`requested_by` integer,
	`requested_at` integer,
	`advice` text,
	`advice_by` integer,
	`advice_at` integer,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`advice_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `region_period_advice_region_period` ON `region_period_advice` (`region_id`,`period`);