CREATE TABLE `item_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asked_by` integer NOT NULL,
	`agenda_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_questions_asker` ON `item_questions` (`asked_by`,`created_at`);--> statement-breakpoint
ALTER TABLE `barriers` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `question_id` integer REFERENCES item_questions(id);