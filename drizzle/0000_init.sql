CREATE TABLE `companies` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`name` varchar(191) NOT NULL,
	`slug` varchar(64) NOT NULL,
	`tier` enum('FREE','PRO','ENTERPRISE','UNLIMITED') NOT NULL DEFAULT 'FREE',
	`status` enum('active','suspended') NOT NULL DEFAULT 'active',
	`suspended_reason` varchar(500),
	`suspended_at` datetime(3),
	`limit_overrides` json,
	`timezone` varchar(64) NOT NULL DEFAULT 'UTC',
	`billing_email` varchar(191),
	`stripe_customer_id` varchar(64),
	`stripe_subscription_id` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `companies_id` PRIMARY KEY(`id`),
	CONSTRAINT `companies_slug_uq` UNIQUE(`slug`),
	CONSTRAINT `companies_stripe_customer_uq` UNIQUE(`stripe_customer_id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`email` varchar(191) NOT NULL,
	`name` varchar(191) NOT NULL,
	`password_hash` varchar(100),
	`is_platform_admin` boolean NOT NULL DEFAULT false,
	`email_verified_at` datetime(3),
	`last_login_at` datetime(3),
	`disabled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`user_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`role` enum('owner','admin','member','viewer') NOT NULL,
	`invited_by` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `memberships_id` PRIMARY KEY(`id`),
	CONSTRAINT `memberships_company_user_uq` UNIQUE(`company_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `invites` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`email` varchar(191) NOT NULL,
	`role` enum('owner','admin','member','viewer') NOT NULL,
	`token_hash` char(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`accepted_at` datetime(3),
	`revoked_at` datetime(3),
	`invited_by` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `invites_id` PRIMARY KEY(`id`),
	CONSTRAINT `invites_token_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`user_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`token_hash` char(64) NOT NULL,
	`family_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`replaced_by` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`last_used_at` datetime(3),
	`ip` varchar(45),
	`user_agent` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refresh_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `refresh_tokens_token_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`created_by` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`name` varchar(100) NOT NULL,
	`key_hash` char(64) NOT NULL,
	`prefix` varchar(32) NOT NULL,
	`last_four` char(4) NOT NULL,
	`environment` enum('live','test') NOT NULL DEFAULT 'live',
	`scopes` json NOT NULL,
	`expires_at` datetime(3),
	`last_used_at` datetime(3),
	`revoked_at` datetime(3),
	`rotated_from_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`rotated_to_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`grace_expires_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `api_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_keys_key_hash_uq` UNIQUE(`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`name` varchar(191) NOT NULL,
	`phone` varchar(20),
	`email` varchar(191),
	`notes` text,
	`tags` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `customers_id` PRIMARY KEY(`id`),
	CONSTRAINT `customers_company_phone_uq` UNIQUE(`company_id`,`phone`)
);
--> statement-breakpoint
CREATE TABLE `calls` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`retell_call_id` varchar(64) NOT NULL,
	`customer_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`agent_id` varchar(64),
	`direction` enum('inbound','outbound') NOT NULL,
	`status` enum('registered','ongoing','ended','error') NOT NULL,
	`from_number` varchar(20),
	`to_number` varchar(20),
	`started_at` datetime(3) NOT NULL,
	`ended_at` datetime(3),
	`duration_ms` int unsigned,
	`transcript` longtext,
	`recording_url` varchar(1024),
	`disconnection_reason` varchar(64),
	`sentiment` enum('positive','neutral','negative','unknown'),
	`analysis` json,
	`cost_cents` int unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `calls_id` PRIMARY KEY(`id`),
	CONSTRAINT `calls_retell_call_uq` UNIQUE(`retell_call_id`)
);
--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`cal_booking_uid` varchar(64),
	`customer_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`source_call_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`title` varchar(255) NOT NULL,
	`status` enum('scheduled','confirmed','completed','cancelled','no_show') NOT NULL DEFAULT 'scheduled',
	`start_at` datetime(3) NOT NULL,
	`end_at` datetime(3) NOT NULL,
	`timezone` varchar(64) NOT NULL DEFAULT 'UTC',
	`location` varchar(255),
	`notes` text,
	`cancel_reason` varchar(500),
	`cancelled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `appointments_id` PRIMARY KEY(`id`),
	CONSTRAINT `appointments_cal_booking_uq` UNIQUE(`cal_booking_uid`)
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`stripe_invoice_id` varchar(64) NOT NULL,
	`number` varchar(64),
	`status` enum('draft','open','paid','void','uncollectible') NOT NULL,
	`amount_due_cents` int unsigned NOT NULL,
	`amount_paid_cents` int unsigned NOT NULL DEFAULT 0,
	`currency` char(3) NOT NULL DEFAULT 'usd',
	`period_start` datetime(3) NOT NULL,
	`period_end` datetime(3) NOT NULL,
	`hosted_invoice_url` varchar(1024),
	`due_at` datetime(3),
	`paid_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `invoices_id` PRIMARY KEY(`id`),
	CONSTRAINT `invoices_stripe_invoice_uq` UNIQUE(`stripe_invoice_id`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`invoice_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`stripe_payment_intent_id` varchar(64) NOT NULL,
	`amount_cents` int unsigned NOT NULL,
	`currency` char(3) NOT NULL DEFAULT 'usd',
	`status` enum('pending','succeeded','failed','refunded') NOT NULL,
	`failure_reason` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `payments_stripe_payment_intent_uq` UNIQUE(`stripe_payment_intent_id`)
);
--> statement-breakpoint
CREATE TABLE `usage_counters` (
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`day` date NOT NULL,
	`metric` varchar(32) NOT NULL,
	`dimension` varchar(64) NOT NULL DEFAULT '',
	`value` bigint unsigned NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `usage_counters_pk` PRIMARY KEY(`company_id`,`day`,`metric`,`dimension`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`actor_user_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`actor_api_key_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32),
	`target_id` varchar(64),
	`metadata` json,
	`ip` varchar(45),
	`request_id` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`provider` enum('retell','calcom','stripe','sendgrid') NOT NULL,
	`event_id` varchar(255) NOT NULL,
	`event_type` varchar(64) NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`payload` json NOT NULL,
	`status` enum('received','processing','processed','failed') NOT NULL DEFAULT 'received',
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_error` text,
	`received_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`processed_at` datetime(3),
	CONSTRAINT `webhook_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `webhook_events_provider_event_uq` UNIQUE(`provider`,`event_id`)
);
--> statement-breakpoint
CREATE TABLE `email_events` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`customer_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`sg_message_id` varchar(128),
	`sg_event_id` varchar(128),
	`event_type` varchar(32) NOT NULL,
	`email` varchar(191) NOT NULL,
	`metadata` json,
	`occurred_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `email_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `email_events_sg_event_uq` UNIQUE(`sg_event_id`)
);
--> statement-breakpoint
CREATE TABLE `exports` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`requested_by` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`kind` varchar(32) NOT NULL,
	`filters` json,
	`status` enum('queued','running','done','failed') NOT NULL DEFAULT 'queued',
	`progress` tinyint unsigned NOT NULL DEFAULT 0,
	`row_count` int unsigned,
	`file_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin,
	`error` text,
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `exports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `files` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`storage` enum('local','s3') NOT NULL DEFAULT 'local',
	`path` varchar(1024) NOT NULL,
	`filename` varchar(255) NOT NULL,
	`content_type` varchar(127) NOT NULL,
	`size_bytes` bigint unsigned NOT NULL,
	`sha256` char(64) NOT NULL,
	`expires_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `files_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`name` varchar(64) NOT NULL,
	`version` varchar(32) NOT NULL,
	`mode` enum('in_process','remote') NOT NULL DEFAULT 'in_process',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `services_id` PRIMARY KEY(`id`),
	CONSTRAINT `services_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `service_instances` (
	`id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`service_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`url` varchar(512) NOT NULL,
	`status` enum('healthy','unhealthy','unknown') NOT NULL DEFAULT 'unknown',
	`last_checked_at` datetime(3),
	`last_error` text,
	`consecutive_failures` int unsigned NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `service_instances_id` PRIMARY KEY(`id`),
	CONSTRAINT `service_instances_service_url_uq` UNIQUE(`service_id`,`url`)
);
--> statement-breakpoint
CREATE TABLE `company_settings` (
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`business_hours` json,
	`retell_api_key_enc` text,
	`retell_agent_id` varchar(64),
	`retell_phone_number` varchar(20),
	`calcom_api_key_enc` text,
	`calcom_webhook_secret_enc` text,
	`calcom_event_type_id` varchar(32),
	`sendgrid_api_key_enc` text,
	`sendgrid_webhook_public_key` text,
	`sendgrid_from_email` varchar(191),
	`settings` json,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `company_settings_company_id` PRIMARY KEY(`company_id`)
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE INDEX `invites_company_email_idx` ON `invites` (`company_id`,`email`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_family_idx` ON `refresh_tokens` (`family_id`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_user_idx` ON `refresh_tokens` (`user_id`,`company_id`);--> statement-breakpoint
CREATE INDEX `api_keys_company_created_idx` ON `api_keys` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `customers_company_name_idx` ON `customers` (`company_id`,`name`);--> statement-breakpoint
CREATE INDEX `customers_company_email_idx` ON `customers` (`company_id`,`email`);--> statement-breakpoint
CREATE INDEX `calls_company_started_idx` ON `calls` (`company_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_company_status_started_idx` ON `calls` (`company_id`,`status`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_company_direction_started_idx` ON `calls` (`company_id`,`direction`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_company_sentiment_started_idx` ON `calls` (`company_id`,`sentiment`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_company_customer_started_idx` ON `calls` (`company_id`,`customer_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `appointments_company_start_idx` ON `appointments` (`company_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `appointments_company_customer_start_idx` ON `appointments` (`company_id`,`customer_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `appointments_company_source_call_idx` ON `appointments` (`company_id`,`source_call_id`);--> statement-breakpoint
CREATE INDEX `invoices_company_period_idx` ON `invoices` (`company_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `payments_company_created_idx` ON `payments` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_company_invoice_idx` ON `payments` (`company_id`,`invoice_id`);--> statement-breakpoint
CREATE INDEX `audit_log_company_created_idx` ON `audit_log` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_company_target_idx` ON `audit_log` (`company_id`,`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `webhook_events_status_received_idx` ON `webhook_events` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `email_events_company_customer_occurred_idx` ON `email_events` (`company_id`,`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `email_events_company_message_idx` ON `email_events` (`company_id`,`sg_message_id`);--> statement-breakpoint
CREATE INDEX `exports_company_created_idx` ON `exports` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `files_company_created_idx` ON `files` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `files_expires_idx` ON `files` (`expires_at`);