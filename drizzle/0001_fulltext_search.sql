-- Hand-written: drizzle-kit cannot express FULLTEXT indexes, so they live here and not in
-- lib/db/schema (the snapshot does not know them, and later generated migrations leave them alone).
-- InnoDB FULLTEXT indexes cannot include company_id: queries combine MATCH … AGAINST with company_id = ?.
-- Customer search (SPEC: "search (name, phone, email; full-text)").
ALTER TABLE `customers` ADD FULLTEXT INDEX `customers_search_ft` (`name`, `phone`, `email`);
--> statement-breakpoint
-- Call list filter "text": words spoken in the call.
ALTER TABLE `calls` ADD FULLTEXT INDEX `calls_transcript_ft` (`transcript`);
