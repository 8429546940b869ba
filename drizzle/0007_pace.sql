CREATE TABLE `held_pushes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`url` text NOT NULL,
	`held_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `held_pushes_user_idx` ON `held_pushes` (`user_id`);--> statement-breakpoint
CREATE TABLE `pace_settings` (
	`user_id` text PRIMARY KEY NOT NULL,
	`deepest_sent` text DEFAULT 'vulnerable' NOT NULL,
	`waiting_limit` integer,
	`quiet_from` integer,
	`quiet_until` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
