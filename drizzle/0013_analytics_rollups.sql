CREATE TABLE `appointment_day_revenue` (
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`day` date NOT NULL,
	`currency` varchar(3) NOT NULL,
	`cents` bigint NOT NULL DEFAULT 0,
	`n` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `appointment_day_revenue_pk` PRIMARY KEY(`company_id`,`day`,`currency`)
);
--> statement-breakpoint
CREATE TABLE `call_day_counts` (
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`dim` enum('all','status','direction','sentiment','reason','answered','booked','hour') NOT NULL,
	`day` date NOT NULL,
	`value` varchar(64) NOT NULL DEFAULT '',
	`n` int NOT NULL DEFAULT 0,
	`ms` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `call_day_counts_pk` PRIMARY KEY(`company_id`,`dim`,`day`,`value`)
);
--> statement-breakpoint
ALTER TABLE `appointments` ADD `price_cents` int unsigned;--> statement-breakpoint
ALTER TABLE `appointments` ADD `currency` varchar(3);