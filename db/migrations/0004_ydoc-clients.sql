CREATE TABLE `ydoc_clients` (
	`room` text NOT NULL,
	`client_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`room`, `client_id`)
);
