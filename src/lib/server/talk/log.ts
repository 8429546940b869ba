import { and, asc, eq, gt } from 'drizzle-orm';
import { apply, initialState, replay, type TalkState } from '$lib/talk/reducer';
import type { TalkEvent, TalkEventData } from '$lib/talk/types';
import { getDb } from '../db';
import { conversations, events, type Conversation, type EventRow } from '../db/schema';
import { AppError, notFound } from '../errors';

export function toWire(row: EventRow): TalkEvent {
	return {
		seq: row.seq,
		type: row.type,
		actorId: row.actorId,
		at: row.createdAt,
		data: JSON.parse(row.payload)
	} as TalkEvent;
}

export function loadEvents(conversationId: string, afterSeq = 0): TalkEvent[] {
	return getDb()
		.select()
		.from(events)
		.where(and(eq(events.conversationId, conversationId), gt(events.seq, afterSeq)))
		.orderBy(asc(events.seq))
		.all()
		.map(toWire);
}

// A memo of derived states, never the authority: it is checked against the conversation's
// lastSeq in the database on every use and caught up (or rebuilt) from the log when behind.
const CACHE_LIMIT = 5000;
const stateCache = new Map<string, TalkState>();

function remember(conversationId: string, state: TalkState) {
	stateCache.delete(conversationId);
	stateCache.set(conversationId, state);
	if (stateCache.size > CACHE_LIMIT) stateCache.delete(stateCache.keys().next().value!);
}

/** The conversation's state at its latest event. */
export function stateOf(conversationId: string, lastSeq: number): TalkState {
	const cached = stateCache.get(conversationId);
	let state: TalkState;
	if (cached && cached.lastSeq === lastSeq) state = cached;
	else if (cached && cached.lastSeq < lastSeq)
		state = replay(loadEvents(conversationId, cached.lastSeq), cached);
	else state = replay(loadEvents(conversationId), initialState());
	remember(conversationId, state);
	return state;
}

export type Appended = { event: TalkEvent; duplicate: boolean; conversation: Conversation };

export type Planner = (
	state: TalkState,
	conversation: Conversation
) => { event: TalkEventData; onCommit?: (event: TalkEvent) => void };

function statusAfter(state: TalkState): Conversation['status'] {
	return state.status === 'new' ? 'active' : state.status;
}

/**
 * Appends one event in one immediate transaction. The planner sees the current state and returns
 * the event (or throws an AppError); `onCommit` writes projections in the same transaction.
 * A clientId already applied by this actor returns the stored event: at most once.
 */
export function appendEvent(
	conversationId: string,
	actorId: string | null,
	clientId: string | null,
	plan: Planner,
	now = Date.now()
): Appended {
	const db = getDb();
	const result = db.transaction(
		(tx) => {
			const conversation = tx
				.select()
				.from(conversations)
				.where(eq(conversations.id, conversationId))
				.get();
			if (!conversation) throw notFound();
			if (clientId && actorId) {
				const existing = tx
					.select()
					.from(events)
					.where(
						and(
							eq(events.conversationId, conversationId),
							eq(events.actorId, actorId),
							eq(events.clientId, clientId)
						)
					)
					.get();
				if (existing)
					return { event: toWire(existing), duplicate: true, conversation, state: null };
			}
			const state = stateOf(conversationId, conversation.lastSeq);
			const { event: draft, onCommit } = plan(state, conversation);
			const seq = conversation.lastSeq + 1;
			const at = Math.max(now, conversation.lastEventAt);
			const event = { ...draft, seq, actorId, at } as TalkEvent;
			tx.insert(events)
				.values({
					conversationId,
					seq,
					type: event.type,
					actorId,
					clientId,
					payload: JSON.stringify(event.data),
					createdAt: at
				})
				.run();
			const nextState = apply(state, event);
			const status = statusAfter(nextState);
			tx.update(conversations)
				.set({
					lastSeq: seq,
					lastEventAt: at,
					status,
					endedAt: status === 'ended' ? at : null
				})
				.where(eq(conversations.id, conversationId))
				.run();
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
	if (result.state) remember(conversationId, result.state);
	return { event: result.event, duplicate: result.duplicate, conversation: result.conversation };
}

export function conflict(message: string): never {
	throw new AppError('conflict', message);
}
