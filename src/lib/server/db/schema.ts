/**
 * The tables, as the rest of the server imports them. Code is typed against the PostgreSQL model
 * (so nothing SQLite-only can be written outside this folder); at run time each table is the one
 * of the dialect this process runs on. The two models are kept identical — tables, columns, keys
 * and row types — by tests/unit/schema-parity.test.ts and `npm run check`.
 */
import * as pg from './schema-pg';
import * as sqlite from './schema-sqlite';
import { dialect } from './target';

// The search index is not here: FTS5 and tsvector differ too much, so it lives behind
// ./search.ts.
const active = (dialect() === 'postgres' ? pg : sqlite) as unknown as typeof pg;

export const {
	users,
	sessions,
	couples,
	coupleMembers,
	invites,
	customCards,
	conversations,
	events,
	cardUses,
	setAsides,
	schedules,
	scheduleReminders,
	calendarFeeds,
	conversationReads,
	pushSubscriptions,
	appSecrets,
	moments,
	privateNotes,
	dailyQuestionSettings,
	dailyDeliveries,
	paceSettings,
	heldPushes
} = active;

export type {
	User,
	Session,
	Couple,
	Invite,
	CustomCard,
	Conversation,
	EventRow,
	SetAside,
	Schedule,
	PushSubscriptionRow,
	DailyQuestionSettings,
	PaceSettings
} from './schema-pg';
