CREATE TABLE `progress_request_reminders` (
	`region_period_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`region_period_id`, `due_date`),
	FOREIGN KEY (`region_period_id`) REFERENCES `region_period_advice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `notifications` ADD `region_period_id` integer REFERENCES region_period_advice(id);