import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { KIND_NAMES } from '../../conversation/kind';

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

/** A couple's own cards. Card ids in events and projections are `custom:<id>` for these. */
export const customCards = sqliteTable(
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
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('custom_cards_couple_idx').on(t.coupleId)]
);

/**
 * A conversation between the two partners of a couple: a live talk, an async card, a question
 * for today, a weekly check-in, a talk side by side, or an open door (a signal, see
 * src/lib/conversation/door). Its truth is
 * its event log; `status`, `lastSeq` and `lastEventAt` are kept in step in the same transaction as
 * each append, so lists and the one-live-talk rule need no replay.
 */
export const conversations = sqliteTable(
	'conversations',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: KIND_NAMES }).notNull(),
		status: text('status', { enum: ['active', 'paused', 'ended'] }).notNull(),
		startedBy: text('started_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		lastEventAt: integer('last_event_at').notNull(),
		lastSeq: integer('last_seq').notNull().default(0),
		endedAt: integer('ended_at'),
		/** A live talk opened from a scheduled one: the schedule and which occurrence. */
		scheduleId: text('schedule_id'),
		occurrenceAt: integer('occurrence_at')
	},
	(t) => [
		index('conversations_couple_idx').on(t.coupleId, t.lastEventAt),
		// One live talk a couple at a time.
		uniqueIndex('conversations_one_live')
			.on(t.coupleId)
			.where(sql`${t.kind} = 'live' and ${t.status} <> 'ended'`),
		// One talk side by side a couple at a time (it is on one phone: a second would be a mistake).
		uniqueIndex('conversations_one_side')
			.on(t.coupleId)
			.where(sql`${t.kind} = 'side' and ${t.status} <> 'ended'`),
		// One door a person that is not closed: opening it again updates that one.
		uniqueIndex('conversations_one_open_door')
			.on(t.coupleId, t.startedBy)
			.where(sql`${t.kind} = 'door' and ${t.status} <> 'ended'`)
	]
);

/** The append-only log. (conversation, seq) is the key that serialises writers. */
export const events = sqliteTable(
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
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.conversationId, t.seq] }),
		uniqueIndex('events_client_id_unique').on(t.conversationId, t.actorId, t.clientId)
	]
);

/** Projection of drawn/sent cards, for "never a card already used" without scanning events. */
export const cardUses = sqliteTable(
	'card_uses',
	{
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		cardId: text('card_id').notNull(),
		lastUsedAt: integer('last_used_at').notNull(),
		timesUsed: integer('times_used').notNull().default(1)
	},
	(t) => [primaryKey({ columns: [t.coupleId, t.cardId] })]
);

/**
 * Cards a person set aside ("not ready yet"). Only its owner brings one back. The card is copied
 * so the entry survives a custom card's deletion.
 */
export const setAsides = sqliteTable(
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
		setAsideAt: integer('set_aside_at').notNull(),
		broughtBackAt: integer('brought_back_at')
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
export const schedules = sqliteTable(
	'schedules',
	{
		id: text('id').primaryKey(),
		coupleId: text('couple_id')
			.notNull()
			.references(() => couples.id, { onDelete: 'cascade' }),
		proposedBy: text('proposed_by').references(() => users.id, { onDelete: 'set null' }),
		startsAt: integer('starts_at').notNull(),
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
		checkin: integer('checkin', { mode: 'boolean' }).notNull().default(false),
		/** Occurrence start instants (ms) skipped in a weekly series, as a JSON array. */
		skipped: text('skipped').notNull().default('[]'),
		sequence: integer('sequence').notNull().default(0),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('schedules_couple_idx').on(t.coupleId, t.status)]
);

/** Reminders already sent, so a restart or a second process never sends one twice. */
export const scheduleReminders = sqliteTable(
	'schedule_reminders',
	{
		scheduleId: text('schedule_id')
			.notNull()
			.references(() => schedules.id, { onDelete: 'cascade' }),
		occurrenceAt: integer('occurrence_at').notNull(),
		kind: text('kind', { enum: ['soon', 'start'] }).notNull(),
		sentAt: integer('sent_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.scheduleId, t.occurrenceAt, t.kind] })]
);

/** A private calendar feed per person: only the SHA-256 of its secret is kept. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	secretHash: text('secret_hash').notNull(),
	createdAt: integer('created_at').notNull(),
	revokedAt: integer('revoked_at')
});

/** How far each person has read each conversation (unread counts, "new" badges). */
export const conversationReads = sqliteTable(
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
export const pushSubscriptions = sqliteTable(
	'push_subscriptions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('push_subscriptions_endpoint_unique').on(t.endpoint)]
);

/** Server secrets generated at first start (VAPID keys), kept with the data. */
export const appSecrets = sqliteTable('app_secrets', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/** A moment that mattered, marked on an event; both partners see it. */
export const moments = sqliteTable(
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
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('moments_event_unique').on(t.conversationId, t.seq)]
);

/** A private note on a conversation, visible only to its writer. */
export const privateNotes = sqliteTable(
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
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
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
export const dailyQuestionSettings = sqliteTable('daily_question_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
	hour: integer('hour').notNull().default(9),
	days: text('days').notNull().default('1234567'),
	depth: text('depth', { enum: ['light', 'personal', 'vulnerable'] })
		.notNull()
		.default('light'),
	updatedAt: integer('updated_at').notNull()
});

/**
 * A question for today reaching one person on one day of their own calendar: claimed with an
 * INSERT on the key, so a restart or a second process never delivers twice that day. "Not today"
 * is kept here, on the person's own row, and nowhere the partner could read it.
 */
export const dailyDeliveries = sqliteTable(
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
		deliveredAt: integer('delivered_at').notNull(),
		notTodayAt: integer('not_today_at')
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.localDate] }),
		index('daily_deliveries_conversation_idx').on(t.conversationId)
	]
);

export type DailyQuestionSettings = typeof dailyQuestionSettings.$inferSelect;

/**
 * A person's own pace, read only by them (the partner learns one thing, at the moment of sending:
 * that a card is deeper than they would like by card, or that enough cards wait already):
 * `deepestSent` the deepest card they are happy to receive as a sent card ('vulnerable': any);
 * `waitingLimit` how many sent cards may wait for their answer at once (null: no limit); quiet
 * hours for notifications, from `quietFromMinute` to `quietUntilMinute` (minutes after midnight) on
 * their own clock (null: none).
 */
export const paceSettings = sqliteTable('pace_settings', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	deepestSent: text('deepest_sent', { enum: ['light', 'personal', 'vulnerable'] })
		.notNull()
		.default('vulnerable'),
	waitingLimit: integer('waiting_limit'),
	quietFromMinute: integer('quiet_from_minute'),
	quietUntilMinute: integer('quiet_until_minute'),
	updatedAt: integer('updated_at').notNull()
});

/**
 * Notifications that arrived during a person's quiet hours, held until the hours end. They say who
 * and what kind, like every push, never a card's text or an answer.
 */
export const heldPushes = sqliteTable(
	'held_pushes',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		body: text('body').notNull(),
		url: text('url').notNull(),
		heldAt: integer('held_at').notNull()
	},
	(t) => [index('held_pushes_user_idx').on(t.userId)]
);

export type PaceSettings = typeof paceSettings.$inferSelect;
