CREATE TABLE `daily_deliveries` (
	`user_id` text NOT NULL,
	`local_date` text NOT NULL,
	`conversation_id` text NOT NULL,
	`delivered_at` integer NOT NULL,
	`not_today_at` integer,
	PRIMARY KEY(`user_id`, `local_date`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `daily_deliveries_conversation_idx` ON `daily_deliveries` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `daily_question_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`hour` integer DEFAULT 9 NOT NULL,
	`days` text DEFAULT '1234567' NOT NULL,
	`depth` text DEFAULT 'light' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
