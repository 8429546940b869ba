/**
 * The same tables for PostgreSQL (Drizzle's pg dialect), for running Hearth on several processes.
 * Row types are the same as the SQLite schema's (tests/unit/schema-parity.test.ts checks it): ms
 * timestamps are bigints read as numbers, flags are booleans, the event payload is JSON text.
 * Migrations are generated into drizzle/pg (npm run db:generate).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	bigint,
	boolean,
	customType,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { KIND_NAMES } from '../../conversation/kind';

/** Unix epoch milliseconds in UTC, as on SQLite: a bigint read back as a JS number. */
const ms = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () =>
	ms('created_at')
		.notNull()
		.default(sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`);

export const users = pgTable(
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
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: ms('expires_at').notNull(),
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
export const couples = pgTable('couples', {
	id: text('id').primaryKey(),
	name: text('name'),
	createdAt: createdAt(),
	endedAt: ms('ended_at')
});

export const coupleMembers = pgTable(
	'couple_members',
	{
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** 1 while the couple is active; the partial unique index keeps one active couple a person. */
		active: boolean('active').notNull().default(true),
		joinedAt: ms('joined_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.coupleId, t.userId] }),
		uniqueIndex('couple_members_one_active')
			.on(t.userId)
			.where(sql`${t.active}`)
	]
);

/**
 * Invites are short-lived (7 days), single use and grant nothing without an account of one's own,
 * so the link token and code are kept as they are, to show them again to the inviter.
 */
export const invites = pgTable(
	'invites',
	{
		id: text('id').primaryKey(),
		inviterId: text('inviter_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		token: text('token').notNull(),
		code: text('code').notNull(),
		createdAt: createdAt(),
		expiresAt: ms('expires_at').notNull(),
		usedAt: ms('used_at'),
		usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: ms('revoked_at')
	},
	(t) => [
		uniqueIndex('invites_token_unique').on(t.token),
		uniqueIndex('invites_code_unique').on(t.code),
		index('invites_inviter_idx').on(t.inviterId)
	]
);

export type Couple = typeof couples.$inferSelect;
export type Invite = typeof invites.$inferSelect;

/** A couple's own cards. Card ids in events and projections are `custom:<id>` for these. */
export const customCards = pgTable(
	'custom_cards',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		text: text('text').notNull(),
		category: text('category').notNull(),
		depth: text('depth').notNull(),
		createdAt: createdAt(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [index('custom_cards_couple_idx').on(t.coupleId)]
);

/**
 * A conversation between the two partners of a couple: a live talk, an async card or a question
 * for today. Its truth is
 * its event log; `status`, `lastSeq` and `lastEventAt` are kept in step in the same transaction as
 * each append, so lists and the one-live-talk rule need no replay.
 */
export const conversations = pgTable(
	'conversations',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: KIND_NAMES }).notNull(),
		status: text('status', { enum: ['active', 'paused', 'ended'] }).notNull(),
		startedBy: text('started_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: ms('created_at').notNull(),
		lastEventAt: ms('last_event_at').notNull(),
		lastSeq: integer('last_seq').notNull().default(0),
		endedAt: ms('ended_at'),
		/** A live talk opened from a scheduled one: the schedule and which occurrence. */
		scheduleId: text('schedule_id'),
		occurrenceAt: ms('occurrence_at')
	},
	(t) => [
		index('conversations_couple_idx').on(t.coupleId, t.lastEventAt),
		// One live talk a couple at a time.
		uniqueIndex('conversations_one_live')
			.on(t.coupleId)
			.where(sql`${t.kind} = 'live' and ${t.status} <> 'ended'`),
		// One talk side by side a couple at a time.
		uniqueIndex('conversations_one_side')
			.on(t.coupleId)
			.where(sql`${t.kind} = 'side' and ${t.status} <> 'ended'`),
		// One door a person that is not closed.
		uniqueIndex('conversations_one_open_door')
			.on(t.coupleId, t.startedBy)
			.where(sql`${t.kind} = 'door' and ${t.status} <> 'ended'`)
	]
);

/** The append-only log. (conversation, seq) is the key that serialises writers. */
export const events = pgTable(
	'events',
	{
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		type: text('type').notNull(),
		actorId: text('actor_id'),
		/** The id the client made for its intent: applying it twice is impossible. */
		clientId: text('client_id'),
		payload: text('payload').notNull(),
		createdAt: ms('created_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.conversationId, t.seq] }),
		uniqueIndex('events_client_id_unique').on(t.conversationId, t.actorId, t.clientId)
	]
);

/** Projection of drawn/sent cards, for "never a card already used" without scanning events. */
export const cardUses = pgTable(
	'card_uses',
	{
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		lastUsedAt: ms('last_used_at').notNull(),
		timesUsed: integer('times_used').notNull().default(1)
	},
	(t) => [primaryKey({ columns: [t.coupleId, t.cardId] })]
);

/**
 * Cards a person set aside ("not ready yet"). Only its owner brings one back. The card is copied
 * so the entry survives a custom card's deletion.
 */
export const setAsides = pgTable(
	'set_asides',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		cardText: text('card_text').notNull(),
		category: text('category').notNull(),
		depth: text('depth').notNull(),
		conversationId: text('conversation_id').references(() => conversations.id, {
			onDelete: 'set null'
		}),
		setAsideAt: ms('set_aside_at').notNull(),
		broughtBackAt: ms('brought_back_at')
	},
	(t) => [index('set_asides_couple_idx').on(t.coupleId, t.userId)]
);

export type CustomCard = typeof customCards.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type SetAside = typeof setAsides.$inferSelect;

/**
 * A proposed time to talk. Instants are UTC; the proposer's zone and wall-clock time are kept so a
 * weekly talk stays at 20:00 local across daylight-saving changes. A counter-proposal is a new row
 * pointing at the one it answers. `sequence` grows with every change (the calendar file's SEQUENCE).
 */
export const schedules = pgTable(
	'schedules',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		proposedBy: text('proposed_by').references(() => users.id, { onDelete: 'set null' }),
		startsAt: ms('starts_at').notNull(),
		timeZone: text('time_zone').notNull(),
		durationMinutes: integer('duration_minutes').notNull().default(30),
		intention: text('intention'),
		repeat: text('repeat', { enum: ['none', 'weekly'] })
			.notNull()
			.default('none'),
		status: text('status', {
			enum: ['proposed', 'accepted', 'declined', 'countered', 'cancelled']
		}).notNull(),
		responseNote: text('response_note'),
		counterOf: text('counter_of'),
		/** "Our check-in": a weekly plan that opens into a check-in instead of a talk. */
		checkin: boolean('checkin').notNull().default(false),
		/** Occurrence start instants (ms) skipped in a weekly series, as a JSON array. */
		skipped: text('skipped').notNull().default('[]'),
		sequence: integer('sequence').notNull().default(0),
		createdAt: ms('created_at').notNull(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [index('schedules_couple_idx').on(t.coupleId, t.status)]
);

/** Reminders already sent, so a restart or a second process never sends one twice. */
export const scheduleReminders = pgTable(
	'schedule_reminders',
	{
		scheduleId: text('schedule_id')
			.notNull()
			.references(() => schedules.id, { onDelete: 'cascade' }),
		occurrenceAt: ms('occurrence_at').notNull(),
		kind: text('kind', { enum: ['soon', 'start'] }).notNull(),
		sentAt: ms('sent_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.scheduleId, t.occurrenceAt, t.kind] })]
);

/** A private calendar feed per person: only the SHA-256 of its secret is kept. */
export const calendarFeeds = pgTable('calendar_feeds', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	secretHash: text('secret_hash').notNull(),
	createdAt: ms('created_at').notNull(),
	revokedAt: ms('revoked_at')
});

/** How far each person has read each conversation (unread counts, "new" badges). */
export const conversationReads = pgTable(
	'conversation_reads',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		lastReadSeq: integer('last_read_seq').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.conversationId] })]
);

/** Web Push subscriptions, one per device. */
export const pushSubscriptions = pgTable(
	'push_subscriptions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: ms('created_at').notNull()
	},
	(t) => [uniqueIndex('push_subscriptions_endpoint_unique').on(t.endpoint)]
);

/** Server secrets generated at first start (VAPID keys), kept with the data. */
export const appSecrets = pgTable('app_secrets', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/** A moment that mattered, marked on an event; both partners see it. */
export const moments = pgTable(
	'moments',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: ms('created_at').notNull()
	},
	(t) => [uniqueIndex('moments_event_unique').on(t.conversationId, t.seq)]
);

/** A private note on a conversation, visible only to its writer. */
export const privateNotes = pgTable(
	'private_notes',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		createdAt: ms('created_at').notNull(),
		updatedAt: ms('updated_at').notNull()
	},
	(t) => [uniqueIndex('private_notes_unique').on(t.userId, t.conversationId)]
);

export type Schedule = typeof schedules.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/**
 * "A question for today", each person's own choice: off until they turn it on; the hour is on
 * their own clock (users.time_zone), `days` the ISO weekdays (1 = Monday … 7 = Sunday) as
 * digits, `depth` the deepest they want from it. Only the person themselves ever reads this row.
 */
export const dailyQuestionSettings = pgTable('daily_question_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	enabled: boolean('enabled').notNull().default(false),
	hour: integer('hour').notNull().default(9),
	days: text('days').notNull().default('1234567'),
	depth: text('depth', { enum: ['light', 'personal', 'vulnerable'] })
		.notNull()
		.default('light'),
	updatedAt: ms('updated_at').notNull()
});

/**
 * A question for today reaching one person on one day of their own calendar: claimed with an
 * INSERT on the key, so a restart or a second process never delivers twice that day. "Not today"
 * is kept here, on the person's own row, and nowhere the partner could read it.
 */
export const dailyDeliveries = pgTable(
	'daily_deliveries',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The day on the person's own calendar, "2026-03-08". */
		localDate: text('local_date').notNull(),
		conversationId: text('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		deliveredAt: ms('delivered_at').notNull(),
		notTodayAt: ms('not_today_at')
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.localDate] }),
		index('daily_deliveries_conversation_idx').on(t.conversationId)
	]
);

export type DailyQuestionSettings = typeof dailyQuestionSettings.$inferSelect;

/** A person's own pace, read only by them (see the SQLite schema). */
export const paceSettings = pgTable('pace_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	deepestSent: text('deepest_sent', { enum: ['light', 'personal', 'vulnerable'] })
		.notNull()
		.default('vulnerable'),
	waitingLimit: integer('waiting_limit'),
	quietFromMinute: integer('quiet_from_minute'),
	quietUntilMinute: integer('quiet_until_minute'),
	updatedAt: ms('updated_at').notNull()
});

/** Notifications held during a person's quiet hours. */
export const heldPushes = pgTable(
	'held_pushes',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		body: text('body').notNull(),
		url: text('url').notNull(),
		heldAt: ms('held_at').notNull()
	},
	(t) => [index('held_pushes_user_idx').on(t.userId)]
);

export type PaceSettings = typeof paceSettings.$inferSelect;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Full-text search (FTS5 on SQLite): the same rows, with a tsvector built by PostgreSQL from the
 * text ('simple': no stemming, like FTS5's unicode61; accents folded) and a GIN index.
 */
export const searchIndex = pgTable(
	'search_index',
	{
		text: text('text').notNull(),
		coupleId: text('couple_id').notNull(),
		conversationId: text('conversation_id').notNull(),
		seq: integer('seq').notNull(),
		actorId: text('actor_id'),
		part: text('part', { enum: ['answer', 'other'] }).notNull(),
		/** Insertion order, as FTS5's rowid: a search lists the newest words first. */
		position: bigint('position', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
		words: tsvector('words').generatedAlwaysAs(
			(): SQL => sql`to_tsvector('simple', hearth_unaccent(${searchIndex.text}))`
		)
	},
	(t) => [
		index('search_index_words').using('gin', t.words),
		index('search_index_conversation').on(t.conversationId, t.seq)
	]
);
