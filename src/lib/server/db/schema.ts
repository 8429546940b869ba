import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

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

/**
 * A couple is made when an invite is accepted, with both members at once. Leaving ends it for
 * both: `endedAt` is set and it becomes read-only history.
 */
export const couples = sqliteTable('couples', {
	id: text('id').primaryKey(),
	name: text('name'),
	createdAt: createdAt(),
	endedAt: integer('ended_at')
});

export const coupleMembers = sqliteTable(
	'couple_members',
	{
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** 1 while the couple is active; the partial unique index keeps one active couple a person. */
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		joinedAt: integer('joined_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.coupleId, t.userId] }),
		uniqueIndex('couple_members_one_active')
			.on(t.userId)
			.where(sql`${t.active} = 1`)
	]
);

/**
 * Invites are short-lived (7 days), single use and grant nothing without an account of one's own,
 * so the link token and code are kept as they are, to show them again to the inviter.
 */
export const invites = sqliteTable(
	'invites',
	{
		id: text('id').primaryKey(),
		inviterId: text('inviter_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		token: text('token').notNull(),
		code: text('code').notNull(),
		createdAt: createdAt(),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at'),
		usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: integer('revoked_at')
	},
	(t) => [
		uniqueIndex('invites_token_unique').on(t.token),
		uniqueIndex('invites_code_unique').on(t.code),
		index('invites_inviter_idx').on(t.inviterId)
	]
);

export type Couple = typeof couples.$inferSelect;
export type Invite = typeof invites.$inferSelect;
