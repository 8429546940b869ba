import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Timestamps are Unix epoch milliseconds in UTC: portable to PostgreSQL's bigint later. */
const createdAt = () =>
	integer('created_at')
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		/** Stored trimmed; uniqueness is case-insensitive through the lower() index below. */
		email: text('email').notNull(),
		passwordHash: text('password_hash').notNull(),
		/** IANA zone, detected in the browser and editable in settings. */
		timeZone: text('time_zone').notNull().default('UTC'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`)]
);

/**
 * Lucia-style sessions: the cookie holds `<id>.<secret>`; only SHA-256(secret) is stored, so a
 * leaked table cannot be replayed as cookies.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
