import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Kind, LoggedEvent } from '$lib/conversation/kind';
import { getDb, prepared } from '../db';
import { conversations, events, type Conversation, type EventRow } from '../db/schema';
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
	conversation: Pick<Conversation, 'id' | 'kind' | 'lastSeq'>
): S {
	if (conversation.kind !== kind.name) throw notFound();
	const key = memoKey(kind as never, conversation.id);
	const cached = stateCache.get(key) as S | undefined;
	let state: S;
	if (cached && cached.lastSeq === conversation.lastSeq) state = cached;
	else if (cached && cached.lastSeq < conversation.lastSeq) {
		state = loadEvents<E>(conversation.id, cached.lastSeq).reduce(kind.apply, cached);
	} else state = loadEvents<E>(conversation.id).reduce(kind.apply, kind.initial());
	remember(key, state);
	return state;
}

/** The append's four queries, built and prepared once per connection (not on every event). */
function prepareAppend(db: ReturnType<typeof getDb>) {
	const p = (name: string) => sql.placeholder(name);
	return {
		conversation: db
			.select()
			.from(conversations)
			.where(eq(conversations.id, p('id')))
			.prepare(),
		existing: db
			.select()
			.from(events)
			.where(
				and(
					eq(events.conversationId, p('conversationId')),
					eq(events.actorId, p('actorId')),
					eq(events.clientId, p('clientId'))
				)
			)
			.prepare(),
		insert: db
			.insert(events)
			.values({
				conversationId: p('conversationId'),
				seq: p('seq'),
				type: p('type'),
				actorId: p('actorId'),
				clientId: p('clientId'),
				payload: p('payload'),
				createdAt: p('createdAt')
			})
			.prepare(),
		update: db
			.update(conversations)
			.set({
				lastSeq: sql`${p('lastSeq')}`,
				lastEventAt: sql`${p('lastEventAt')}`,
				status: sql`${p('status')}`,
				endedAt: sql`${p('endedAt')}`
			})
			.where(eq(conversations.id, p('id')))
			.prepare()
	};
}
const queries = () => prepared('append', prepareAppend);

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
 * Appends one event in one immediate transaction. The planner sees the current state and returns
 * the event (or throws an AppError); `onCommit` writes projections in the same transaction.
 * A clientId already applied by this actor returns the stored event: at most once.
 */
export function appendEvent<S extends { lastSeq: number }, E extends LoggedEvent>(
	kind: Kind<S, E>,
	conversationId: string,
	actorId: string | null,
	clientId: string | null,
	plan: Planner<S, E>,
	now = Date.now()
): Appended<E> {
	const db = getDb();
	const q = queries();
	const result = db.transaction(
		() => {
			const conversation = q.conversation.get({ id: conversationId });
			if (!conversation || conversation.kind !== kind.name) throw notFound();
			if (clientId && actorId) {
				const existing = q.existing.get({ conversationId, actorId, clientId });
				if (existing)
					return { event: toWire<E>(existing), duplicate: true, conversation, state: null };
			}
			const state = stateOf(kind, conversation);
			const { event: draft, onCommit, status: planned } = plan(state, conversation);
			const seq = conversation.lastSeq + 1;
			const at = Math.max(now, conversation.lastEventAt);
			const event = { ...draft, seq, actorId, at } as E;
			q.insert.run({
				conversationId,
				seq,
				type: event.type,
				actorId,
				clientId,
				payload: JSON.stringify(event.data),
				createdAt: at
			});
			const nextState = kind.apply(state, event);
			const status = planned ?? statusAfter(nextState, conversation.status);
			q.update.run({
				id: conversationId,
				lastSeq: seq,
				lastEventAt: at,
				status,
				endedAt: status === 'ended' ? at : null
			});
			onCommit?.(event);
			return {
				event,
				duplicate: false,
				conversation: { ...conversation, lastSeq: seq, lastEventAt: at, status },
				state: nextState
			};
		},
		{ behavior: 'immediate' }
	);
	if (result.state) remember(memoKey(kind as never, conversationId), result.state);
	return { event: result.event, duplicate: result.duplicate, conversation: result.conversation };
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
