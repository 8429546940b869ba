CREATE TABLE "held_pushes" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"url" text NOT NULL,
	"held_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pace_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"deepest_sent" text DEFAULT 'vulnerable' NOT NULL,
	"waiting_limit" integer,
	"quiet_from" integer,
	"quiet_until" integer,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "held_pushes" ADD CONSTRAINT "held_pushes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pace_settings" ADD CONSTRAINT "pace_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "held_pushes_user_idx" ON "held_pushes" USING btree ("user_id");