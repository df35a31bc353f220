CREATE TABLE `appointment_day_counts` (
	`company_id` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`day` date NOT NULL,
	`status` enum('scheduled','confirmed','completed','cancelled','no_show') NOT NULL,
	`n` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `appointment_day_counts_pk` PRIMARY KEY(`company_id`,`day`,`status`)
);
