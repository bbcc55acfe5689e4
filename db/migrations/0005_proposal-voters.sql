CREATE TABLE `proposal_voters` (
	`proposal_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`proposal_id`, `user_id`),
	FOREIGN KEY (`proposal_id`) REFERENCES `priority_proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Proposals made before the electorate was frozen. Open ones: the region's board now (the
-- closest record of the board when proposed) and whoever already voted, so no saved vote is
-- lost; closed ones: whoever voted. The proposer is never a voter on their own proposal.
INSERT OR IGNORE INTO `proposal_voters` (`proposal_id`, `user_id`)
SELECT p.`id`, m.`user_id` FROM `priority_proposals` p
JOIN `agendas` a ON a.`id` = p.`agenda_id`
JOIN `memberships` m ON m.`region_id` = a.`region_id` AND m.`role` = 'board'
WHERE p.`status` = 'open' AND m.`user_id` <> p.`proposed_by`;
--> statement-breakpoint
INSERT OR IGNORE INTO `proposal_voters` (`proposal_id`, `user_id`)
SELECT v.`proposal_id`, v.`user_id` FROM `votes` v
JOIN `priority_proposals` p ON p.`id` = v.`proposal_id`
WHERE v.`user_id` <> p.`proposed_by`;
