-- Quiet hours to the minute ("22:30 to 07:15"): the whole hours kept so far become minutes after midnight.
ALTER TABLE "pace_settings" RENAME COLUMN "quiet_from" TO "quiet_from_minute";--> statement-breakpoint
ALTER TABLE "pace_settings" RENAME COLUMN "quiet_until" TO "quiet_until_minute";--> statement-breakpoint
UPDATE "pace_settings" SET "quiet_from_minute" = "quiet_from_minute" * 60, "quiet_until_minute" = "quiet_until_minute" * 60;
