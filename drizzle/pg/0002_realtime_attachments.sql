-- Socket.io's PostgreSQL adapter carries packets between processes with NOTIFY; a packet over
-- NOTIFY's 8000-byte limit is stored here for the other processes to read (the adapter deletes
-- old rows itself).
CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
	"id" bigserial UNIQUE,
	"created_at" timestamptz DEFAULT NOW(),
	"payload" bytea
);
