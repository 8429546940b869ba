import { and, asc, eq, gt } from 'drizzle-orm';
import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { getDb, prepared } from '../db';
import { events, type Conversation, type EventRow } from '../db/schema';
import { AppError, notFound } from '../errors';

/**
 * The append-only log of every conversation, on SQLite. It knows nothing of any kind's rules: the
 * kind (its reducer) and the projections to write come from the caller.
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

export function loadEvents<E extends LoggedEvent = LoggedEvent>(
	conversationId: string,
	afterSeq = 0
): E[] {
	return getDb()
		.select()
		.from(events)
		.where(and(eq(events.conversationId, conversationId), gt(events.seq, afterSeq)))
		.orderBy(asc(events.seq))
		.all()
		.map((row) => toWire<E>(row));
}

// A memo of derived states, never the authority: it is checked against the conversation's
// lastSeq in the database on every use and caught up (or rebuilt) from the log when behind.
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
export function stateOf<S extends { lastSeq: number }, E extends LoggedEvent>(
	kind: Kind<S, E>,
	conversation: Pick<Conversation, 'id' | 'kind' | 'lastSeq'>,
	{ newerIsFine = false } = {}
): S {
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
		state = loadEvents<E>(conversation.id, cached.lastSeq).reduce(kind.apply, cached);
	} else state = loadEvents<E>(conversation.id).reduce(kind.apply, kind.initial());
	remember(key, state);
	return state;
}

/** The conversation row as the app reads it, selected by plain SQL on the hot path. */
const CONVERSATION_COLUMNS = `c.id, c.couple_id as coupleId, c.kind, c.status, c.started_by as startedBy,
	c.created_at as createdAt, c.last_event_at as lastEventAt, c.last_seq as lastSeq,
	c.ended_at as endedAt, c.schedule_id as scheduleId, c.occurrence_at as occurrenceAt`;

/**
 * The hot path's statements, compiled once per connection as plain SQL: no query is built, and no
 * row is mapped by an ORM, per event. (Drizzle keeps the schema, the migrations and everything off
 * the hot path.)
 */
export const hotStatements = () =>
	prepared('conversation-hot-path', (db) => {
		const c = db.$client;
		return {
			/** The gate and the row the append needs, in one statement. */
			gate: c.prepare<[string, string], Conversation & { active: 0 | 1 }>(
				`select ${CONVERSATION_COLUMNS}, m.active from conversations c
				join couple_members m on m.couple_id = c.couple_id and m.user_id = ?
				where c.id = ?`
			),
			conversation: c.prepare<[string], Conversation>(
				`select ${CONVERSATION_COLUMNS} from conversations c where c.id = ?`
			),
			existing: c.prepare<[string, string, string], EventRow>(
				`select conversation_id as conversationId, seq, type, actor_id as actorId,
				client_id as clientId, payload, created_at as createdAt
				from events where conversation_id = ? and actor_id = ? and client_id = ?`
			),
			insert: c.prepare(
				`insert into events (conversation_id, seq, type, actor_id, client_id, payload, created_at)
				values (?, ?, ?, ?, ?, ?, ?)`
			),
			update: c.prepare(
				`update conversations set last_seq = ?, last_event_at = ?, status = ?, ended_at = ?
				where id = ?`
			)
		};
	});

export type Appended<E = LoggedEvent> = {
	event: E;
	duplicate: boolean;
	conversation: Conversation;
};

type Draft<E> = E extends { seq: number; actorId: string | null; at: number }
	? Omit<E, 'seq' | 'actorId' | 'at'>
	: never;

export type Planner<S, E> = (
	state: S,
	conversation: Conversation
) => { event: Draft<E>; status?: Conversation['status']; onCommit?: (event: E) => void };

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

const isClientIdClash = (error: unknown) =>
	(error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
	String((error as Error).message).includes('events.client_id');

/**
 * Appends one event. The planner sees the current state and returns the event (or throws an
 * AppError, before anything is written); `onCommit` writes projections in the same transaction.
 * A clientId already applied by this actor returns the stored event: at most once. It is looked
 * for only when it can matter — when the rules refuse (a retry of something already done) or when
 * the unique index says so — not on every append.
 *
 * Inside a transaction (the group commit's, or a caller's) it writes there with no savepoint of its
 * own; otherwise it opens an immediate one. `known` is the conversation row when the caller has
 * just read it in this same transaction (the gate's row), saving a second read.
 */
export function appendEvent<S extends { lastSeq: number }, E extends LoggedEvent>(
	kind: Kind<S, E>,
	conversationId: string,
	actorId: string | null,
	clientId: string | null,
	plan: Planner<S, E>,
	now = Date.now(),
	known?: Conversation
): Appended<E> {
	const client = getDb().$client;
	if (!client.inTransaction) {
		return client
			.transaction(() => appendEvent(kind, conversationId, actorId, clientId, plan, now, known))
			.immediate();
	}
	const q = hotStatements();
	const conversation = known ?? q.conversation.get(conversationId);
	if (!conversation || conversation.kind !== kind.name) throw notFound();
	const duplicateOf = () => {
		const existing = clientId && actorId && q.existing.get(conversationId, actorId, clientId);
		return existing ? { event: toWire<E>(existing), duplicate: true, conversation } : null;
	};
	const state = stateOf(kind, conversation);
	let planned: ReturnType<Planner<S, E>>;
	try {
		planned = plan(state, conversation);
	} catch (error) {
		// Refused now: if this very intent was applied before, that is the answer (a retry).
		const earlier = error instanceof AppError ? duplicateOf() : null;
		if (earlier) return earlier;
		throw error;
	}
	const seq = conversation.lastSeq + 1;
	const at = Math.max(now, conversation.lastEventAt);
	const event = { ...planned.event, seq, actorId, at } as E;
	try {
		q.insert.run(
			conversationId,
			seq,
			event.type,
			actorId,
			clientId,
			JSON.stringify(event.data),
			at
		);
	} catch (error) {
		// The failed statement wrote nothing; a clash on the client id is a retry.
		const earlier = isClientIdClash(error) ? duplicateOf() : null;
		if (earlier) return earlier;
		throw error;
	}
	try {
		const nextState = kind.apply(state, event);
		const status = planned.status ?? statusAfter(nextState, conversation.status);
		q.update.run(seq, at, status, status === 'ended' ? at : null, conversationId);
		planned.onCommit?.(event);
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
export function eventAt<E extends LoggedEvent = LoggedEvent>(
	conversationId: string,
	seq: number
): E | undefined {
	const row = getDb()
		.select()
		.from(events)
		.where(and(eq(events.conversationId, conversationId), eq(events.seq, seq)))
		.get();
	return row ? toWire<E>(row) : undefined;
}
