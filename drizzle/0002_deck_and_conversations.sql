CREATE TABLE `card_uses` (
	`couple_id` text NOT NULL,
	`card_id` text NOT NULL,
	`last_used_at` integer NOT NULL,
	`times_used` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`couple_id`, `card_id`),
	FOREIGN KEY (`couple_id`) REFERENCES `couples`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`couple_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`started_by` text,
	`created_at` integer NOT NULL,
	`last_event_at` integer NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`couple_id`) REFERENCES `couples`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `conversations_couple_idx` ON `conversations` (`couple_id`,`last_event_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_one_live` ON `conversations` (`couple_id`) WHERE "conversations"."kind" = 'live' and "conversations"."status" <> 'ended';--> statement-breakpoint
CREATE TABLE `custom_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`couple_id` text NOT NULL,
	`author_id` text,
	`text` text NOT NULL,
	`category` text NOT NULL,
	`depth` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`couple_id`) REFERENCES `couples`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `custom_cards_couple_idx` ON `custom_cards` (`couple_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`client_id` text,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_client_id_unique` ON `events` (`conversation_id`,`actor_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `set_asides` (
	`id` text PRIMARY KEY NOT NULL,
	`couple_id` text NOT NULL,
	`user_id` text NOT NULL,
	`card_id` text NOT NULL,
	`card_text` text NOT NULL,
	`category` text NOT NULL,
	`depth` text NOT NULL,
	`conversation_id` text,
	`set_aside_at` integer NOT NULL,
	`brought_back_at` integer,
	FOREIGN KEY (`couple_id`) REFERENCES `couples`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `set_asides_couple_idx` ON `set_asides` (`couple_id`,`user_id`);