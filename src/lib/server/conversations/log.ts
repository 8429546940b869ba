import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { firstRow, getDb, inTransaction, transaction } from '../db';
import { appendRow } from '../db/append';
import { lockRows } from '../db/locks';
import { conversations, events, type Conversation, type EventRow } from '../db/schema';
import { AppError, notFound } from '../errors';

/**
 * The append-only log of every conversation, on either database. It knows nothing of any kind's
 * rules: the kind (its reducer) and the projections to write come from the caller.
 */
export function toWire<E extends LoggedEvent = LoggedEvent>(row: EventRow): E {
	return {
		seq: row.seq,
		type: row.type,
		actorId: row.actorId,
		at: row.createdAt,
		data: JSON.parse(row.payload)
	} as E;
}

export async function loadEvents<E extends LoggedEvent = LoggedEvent>(
	conversationId: string,
	afterSeq = 0
): Promise<E[]> {
	const rows = await getDb()
		.select()
		.from(events)
		.where(and(eq(events.conversationId, conversationId), gt(events.seq, afterSeq)))
		.orderBy(asc(events.seq));
	return rows.map((row) => toWire<E>(row));
}

// A memo of derived states, never the authority: it is checked against the conversation's
// lastSeq in the database on every use and caught up (or rebuilt) from the log when behind —
// which is also how a process learns what another process appended.
const CACHE_LIMIT = 5000;
// Keyed by kind and id: a state is only ever built by the kind the conversation really is.
const stateCache = new Map<string, { lastSeq: number }>();
const memoKey = (kind: Kind<never, never>, conversationId: string) =>
	`${kind.name}:${conversationId}`;

/** Drops memoised states (after history was rewritten by an account deletion). */
export function forgetStates(conversationIds: Iterable<string>) {
	const ids = new Set(conversationIds);
	for (const key of stateCache.keys())
		if (ids.has(key.slice(key.indexOf(':') + 1))) stateCache.delete(key);
}

function remember(key: string, state: { lastSeq: number }) {
	stateCache.delete(key);
	stateCache.set(key, state);
	if (stateCache.size > CACHE_LIMIT) stateCache.delete(stateCache.keys().next().value!);
}

/**
 * The conversation's state at its latest event. The conversation row is checked first: a kind
 * never builds a state from another kind's log.
 */
export async function stateOf<S extends { lastSeq: number }, E extends LoggedEvent>(
	kind: Kind<S, E>,
	conversation: Pick<Conversation, 'id' | 'kind' | 'lastSeq'>,
	{ newerIsFine = false } = {}
): Promise<S> {
	if (conversation.kind !== kind.name) throw notFound();
	const key = memoKey(kind as never, conversation.id);
	const cached = stateCache.get(key) as S | undefined;
	let state: S;
	// A reader holding a row from before this process's latest commit (publish, after a batch) may
	// take the newer memo; an append never does — it must see exactly what the database holds.
	if (
		cached &&
		(cached.lastSeq === conversation.lastSeq ||
			(newerIsFine && cached.lastSeq > conversation.lastSeq))
	)
		state = cached;
	else if (cached && cached.lastSeq < conversation.lastSeq) {
		state = (await loadEvents<E>(conversation.id, cached.lastSeq)).reduce(kind.apply, cached);
	} else state = (await loadEvents<E>(conversation.id)).reduce(kind.apply, kind.initial());
	remember(key, state);
	return state;
}

/**
 * A new conversation's row, before its first event (the caller records it). False when it was
 * not written: the id was taken (the same form sent twice) or a one-at-a-time rule was (a partial
 * unique index: one live talk, one talk side by side a couple). Nothing fails, so a caller's
 * transaction stays usable on PostgreSQL.
 */
export async function insertConversation(row: {
	id: string;
	coupleId: string;
	kind: Conversation['kind'];
	startedBy: string | null;
	at: number;
	scheduleId?: string | null;
	occurrenceAt?: number | null;
}): Promise<boolean> {
	const { at, ...fields } = row;
	const inserted = await getDb()
		.insert(conversations)
		.values({ ...fields, status: 'active', createdAt: at, lastEventAt: at })
		.onConflictDoNothing()
		.returning({ id: conversations.id });
	return inserted.length > 0;
}

/** The conversation row, read inside the current transaction (or alone). */
export async function conversationRow(conversationId: string): Promise<Conversation | undefined> {
	const [row] = await getDb()
		.select()
		.from(conversations)
		.where(eq(conversations.id, conversationId))
		.limit(1);
	return row;
}

/**
 * The conversation with whether this person is an active member of its couple, in one query —
 * the gate's, on every intent: plain SQL, nothing built per call.
 */
export async function conversationForMember(
	userId: string,
	conversationId: string
): Promise<(Conversation & { active: boolean }) | undefined> {
	const row = await firstRow<Conversation & { active: boolean | number }>(sql`
		select c.id, c.couple_id as "coupleId", c.kind, c.status, c.started_by as "startedBy",
			c.created_at as "createdAt", c.last_event_at as "lastEventAt", c.last_seq as "lastSeq",
			c.ended_at as "endedAt", c.schedule_id as "scheduleId", c.occurrence_at as "occurrenceAt",
			m.active
		from conversations c
			join couple_members m on m.couple_id = c.couple_id and m.user_id = ${userId}
		where c.id = ${conversationId}`);
	return row && { ...row, active: Boolean(row.active) };
}

async function storedEvent(conversationId: string, actorId: string, clientId: string) {
	const [row] = await getDb()
		.select()
		.from(events)
		.where(
			and(
				eq(events.conversationId, conversationId),
				eq(events.actorId, actorId),
				eq(events.clientId, clientId)
			)
		)
		.limit(1);
	return row;
}

export type Appended<E = LoggedEvent> = {
	event: E;
	duplicate: boolean;
	conversation: Conversation;
};

type Draft<E> = E extends { seq: number; actorId: string | null; at: number }
	? Omit<E, 'seq' | 'actorId' | 'at'>
	: never;

type Plan<E> = {
	event: Draft<E>;
	status?: Conversation['status'];
	onCommit?: (event: E) => void | Promise<void>;
};

export type Planner<S, E> = (state: S, conversation: Conversation) => Plan<E> | Promise<Plan<E>>;

function statusAfter(state: unknown, fallback: Conversation['status']): Conversation['status'] {
	const status = (state as { status?: string }).status;
	if (status === 'active' || status === 'paused' || status === 'ended') return status;
	return status === 'new' ? 'active' : fallback;
}

/**
 * An append that failed after it began writing: its transaction holds part of it, so the group
 * commit rolls the batch back and runs it again with a savepoint per intent.
 */
export class PartialWrite extends Error {
	constructor(readonly reason: unknown) {
		super('an append broke off half-way');
	}
}

/**
 * Appends one event. The planner sees the current state and returns the event (or throws an
 * AppError, before anything is written); `onCommit` writes projections in the same transaction.
 * A clientId already applied by this actor returns the stored event: at most once. It is looked
 * for only when it can matter — when the rules refuse (a retry of something already done) or when
 * the insert finds the (conversation, actor, client id) key taken — not on every append.
 *
 * Inside a transaction (the group commit's, or a caller's) it writes there with no savepoint of its
 * own; otherwise it opens one. The conversation row is held until that transaction ends (SQLite's
 * write lock; on PostgreSQL a row lock, taken here unless the caller passes `known`: the row it
 * read in this same transaction after locking it, as the group commit does).
 */
export async function appendEvent<S extends { lastSeq: number }, E extends LoggedEvent>(
	kind: Kind<S, E>,
	conversationId: string,
	actorId: string | null,
	clientId: string | null,
	plan: Planner<S, E>,
	now = Date.now(),
	known?: Conversation
): Promise<Appended<E>> {
	if (!inTransaction())
		return transaction(() =>
			appendEvent(kind, conversationId, actorId, clientId, plan, now, known)
		);
	if (!known) await lockRows('conversations', [conversationId]);
	const conversation = known ?? (await conversationRow(conversationId));
	if (!conversation || conversation.kind !== kind.name) throw notFound();
	const duplicateOf = async () => {
		const existing = clientId && actorId && (await storedEvent(conversationId, actorId, clientId));
		return existing ? { event: toWire<E>(existing), duplicate: true, conversation } : null;
	};
	const state = await stateOf(kind, conversation);
	let planned: Plan<E>;
	try {
		planned = await plan(state, conversation);
	} catch (error) {
		// Refused now: if this very intent was applied before, that is the answer (a retry).
		const earlier = error instanceof AppError ? await duplicateOf() : null;
		if (earlier) return earlier;
		throw error;
	}
	const seq = conversation.lastSeq + 1;
	const at = Math.max(now, conversation.lastEventAt);
	const event = { ...planned.event, seq, actorId, at } as E;
	const nextState = kind.apply(state, event);
	const status = planned.status ?? statusAfter(nextState, conversation.status);
	let written: boolean;
	try {
		written = await appendRow(
			{
				conversationId,
				seq,
				type: event.type,
				actorId,
				clientId,
				payload: JSON.stringify(event.data),
				createdAt: at
			},
			{ lastSeq: seq, lastEventAt: at, status, endedAt: status === 'ended' ? at : null }
		);
	} catch (error) {
		// It may have written the event and not the conversation's move (SQLite: two statements).
		forgetStates([conversationId]);
		throw new PartialWrite(error);
	}
	if (!written) {
		// The client id was taken: a retry, answered with the stored event.
		const earlier = await duplicateOf();
		if (earlier) return earlier;
		// The seq was taken: the row was not held, which the callers' locking rules out.
		throw new Error(`event ${seq} of a conversation was written by someone else`);
	}
	try {
		await planned.onCommit?.(event);
		remember(memoKey(kind as never, conversationId), nextState);
		return {
			event,
			duplicate: false,
			conversation: { ...conversation, lastSeq: seq, lastEventAt: at, status }
		};
	} catch (error) {
		forgetStates([conversationId]);
		throw new PartialWrite(error);
	}
}

export function conflict(message: string): never {
	throw new AppError('conflict', message);
}

/** One event of a conversation, by its seq. */
export async function eventAt<E extends LoggedEvent = LoggedEvent>(
	conversationId: string,
	seq: number
): Promise<E | undefined> {
	const [row] = await getDb()
		.select()
		.from(events)
		.where(and(eq(events.conversationId, conversationId), eq(events.seq, seq)))
		.limit(1);
	return row ? toWire<E>(row) : undefined;
}
