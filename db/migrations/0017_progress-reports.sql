CREATE TABLE `progress_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`period` text NOT NULL,
	`foreword` text DEFAULT '' NOT NULL,
	`foreword_by` integer,
	`foreword_at` integer,
	`sent_at` integer,
	`sent_by` integer,
	`snapshot` text,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`foreword_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_reports_region_period` ON `progress_reports` (`region_id`,`period`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `report_id` integer REFERENCES progress_reports(id);