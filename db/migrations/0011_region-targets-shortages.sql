CREATE TABLE `region_shortages` (
	`region_id` integer PRIMARY KEY NOT NULL,
	`shortage` real NOT NULL,
	`unit` text NOT NULL,
	`year` integer NOT NULL,
	`vintage` text NOT NULL,
	`quote` text NOT NULL,
	`publisher` text NOT NULL,
	`source_url` text NOT NULL,
	`reporting` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `regions` ADD `saving_target` real;--> statement-breakpoint
ALTER TABLE `regions` ADD `saving_target_unit` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `saving_target_source` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `saving_target_set_at` integer;--> statement-breakpoint
ALTER TABLE `regions` ADD `saving_target_set_by` integer;--> statement-breakpoint
-- Decision 015: a region's target is what its coordinator set. Until now a region without one got a
-- default (1/28 of 100,000 "FTE", or a share by care workers) computed in code, never stored; stored
-- values were typed by someone. Kept: a value whose latest change in the audit log is the
-- coordinator's own (region.saving_target) and matches it, with who set it and when (unit FTE, as the
-- field was; no source, as none was asked). Cleared: a value an administrator typed in the platform
-- settings (region.settings), or one without any audit entry. The audit log keeps the old values.
UPDATE `regions` SET
  `saving_target` = `saving_target_fte`,
  `saving_target_unit` = 'fte',
  `saving_target_set_at` = (SELECT a.`at` FROM `audit_log` a WHERE a.`region_id` = `regions`.`id` AND a.`action` = 'region.saving_target' ORDER BY a.`id` DESC LIMIT 1),
  `saving_target_set_by` = (SELECT a.`actor_id` FROM `audit_log` a WHERE a.`region_id` = `regions`.`id` AND a.`action` = 'region.saving_target' ORDER BY a.`id` DESC LIMIT 1)
WHERE `saving_target_fte` IS NOT NULL
  AND (SELECT a.`action` FROM `audit_log` a WHERE a.`region_id` = `regions`.`id`
         AND (a.`action` = 'region.saving_target'
           OR (a.`action` = 'region.settings' AND json_extract(a.`data`, '$.from.savingTargetFte') IS NOT json_extract(a.`data`, '$.to.savingTargetFte')))
       ORDER BY a.`id` DESC LIMIT 1) = 'region.saving_target'
  AND (SELECT json_extract(a.`data`, '$.to') FROM `audit_log` a WHERE a.`region_id` = `regions`.`id` AND a.`action` = 'region.saving_target' ORDER BY a.`id` DESC LIMIT 1) = `saving_target_fte`;--> statement-breakpoint
ALTER TABLE `regions` DROP COLUMN `saving_target_fte`;