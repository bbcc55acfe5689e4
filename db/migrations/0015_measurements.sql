CREATE TABLE `measurement_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`format` text NOT NULL,
	`status` text DEFAULT 'preview' NOT NULL,
	`headers` text NOT NULL,
	`cells` text NOT NULL,
	`mapping` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`confirmed_at` integer,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measurement_imports_item` ON `measurement_imports` (`item_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `measurements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`clients_per_week` real,
	`hours_per_week` real NOT NULL,
	`profession` text DEFAULT '' NOT NULL,
	`team` text DEFAULT '' NOT NULL,
	`period` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`source` text NOT NULL,
	`import_id` integer,
	`source_file` text,
	`source_row` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `measurement_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measurements_item` ON `measurements` (`item_id`,`period`);--> statement-breakpoint
CREATE INDEX `measurements_agenda` ON `measurements` (`agenda_id`,`period`);