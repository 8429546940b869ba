-- Sign-up, log-in and invite-code limits, shared by every process (rate-limiter-flexible's
-- PostgreSQL store; each limiter's keys carry its own prefix). Text keys: a key holds an email.
CREATE TABLE IF NOT EXISTS "rate_limits" (
	"key" text PRIMARY KEY,
	"points" integer NOT NULL DEFAULT 0,
	"expire" bigint
);
