CREATE TABLE `password_reset_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `password_reset_requests_email_at` ON `password_reset_requests` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `password_reset_requests_ip_at` ON `password_reset_requests` (`ip`,`at`);