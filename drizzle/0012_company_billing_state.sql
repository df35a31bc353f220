ALTER TABLE `companies` ADD `subscription_status` varchar(32);--> statement-breakpoint
ALTER TABLE `companies` ADD `current_period_end` datetime(3);--> statement-breakpoint
ALTER TABLE `companies` ADD `cancel_at_period_end` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `usage_alert_percent` tinyint unsigned;--> statement-breakpoint
ALTER TABLE `companies` ADD `usage_alert_sent_hour` datetime(3);