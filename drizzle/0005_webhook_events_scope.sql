ALTER TABLE `webhook_events` DROP INDEX `webhook_events_provider_event_uq`;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `scope` varchar(40) CHARACTER SET ascii COLLATE ascii_bin DEFAULT 'platform' NOT NULL;--> statement-breakpoint
-- Hand-added backfill: Retell and Cal.com deliveries were always recorded with the company they were received for.
-- Stripe and SendGrid rows stay `platform`: their signatures expire after 5 minutes, so no old row can meet a replay.
UPDATE `webhook_events` SET `scope` = `company_id` WHERE `provider` IN ('retell', 'calcom') AND `company_id` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD CONSTRAINT `webhook_events_provider_scope_event_uq` UNIQUE(`provider`,`scope`,`event_id`);
