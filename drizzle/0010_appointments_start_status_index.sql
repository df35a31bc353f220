DROP INDEX `appointments_company_start_idx` ON `appointments`;--> statement-breakpoint
CREATE INDEX `appointments_company_start_status_idx` ON `appointments` (`company_id`,`start_at`,`id`,`status`);