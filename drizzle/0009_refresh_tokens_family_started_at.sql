ALTER TABLE `refresh_tokens` ADD `family_started_at` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL;--> statement-breakpoint
-- Existing families: the earliest token still stored is the best known sign-in time.
UPDATE `refresh_tokens` r JOIN (SELECT `family_id`, MIN(`created_at`) AS `started` FROM `refresh_tokens` GROUP BY `family_id`) f ON f.`family_id` = r.`family_id` SET r.`family_started_at` = f.`started`;
