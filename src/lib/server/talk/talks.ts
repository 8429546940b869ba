import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { TalkIntentName } from '$lib/realtime/intents';
import type { TalkState } from '$lib/talk/reducer';
import { drawRefusal, decide } from '$lib/talk/rules';
import type { TalkCard, TalkEvent, TalkIntent } from '$lib/talk/types';
import { findUserById } from '../auth/accounts';
import { getDb, prepared } from '../db';
import { coupleMembers, conversations, type Conversation } from '../db/schema';
import { AppError, notFound } from '../errors';
import { activeCoupleOf, coupleForReading, requireActiveCouple } from '../couples/access';
import { findCard, type DeckCard } from '../deck/catalog';
import { pickNextCard } from '../deck/picker';
import { bringBack, openSetAsideFor, setCardAside } from '../deck/set-aside';
import { recordCardUse } from '../deck/usage';
import { appendEvent, loadEvents, stateOf, talkReducer, type Appended } from './log';

export const IDLE_CLOSE_MS = 24 * 60 * 60 * 1000;

function toTalkCard(card: DeckCard): TalkCard {
	const { id, text, category, depth, followUp, custom } = card;
	return followUp
		? { id, text, category, depth, followUp, custom }
		: { id, text, category, depth, custom };
}

/** The couple's live talk that has not ended, if any. */
export function liveTalkOf(userId: string): Conversation | undefined {
	const couple = activeCoupleOf(userId);
	if (!couple) return undefined;
	return getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, couple.id),
				eq(conversations.kind, 'live'),
				ne(conversations.status, 'ended')
			)
		)
		.get();
}

export class TalkAlreadyLive extends AppError {
	constructor(readonly conversationId: string) {
		super('conflict', 'You already have a talk going. Join it instead.');
	}
}

export type ScheduledStart = { scheduleId: string; occurrenceAt: number; intention: string | null };

/**
 * Starts a live talk for the caller's couple: one at a time; the log opens with talk.started.
 * A talk opened from a schedule carries it (and its intention), and links back to it.
 */
export function startTalk(
	userId: string,
	clientId: string,
	now = Date.now(),
	scheduled?: ScheduledStart
) {
	const couple = requireActiveCouple(userId);
	const existing = liveTalkOf(userId);
	if (existing) throw new TalkAlreadyLive(existing.id);
	const me = findUserById(userId);
	const id = crypto.randomUUID();
	try {
		getDb()
			.insert(conversations)
			.values({
				id,
				coupleId: couple.id,
				kind: 'live',
				status: 'active',
				startedBy: userId,
				createdAt: now,
				lastEventAt: now,
				scheduleId: scheduled?.scheduleId ?? null,
				occurrenceAt: scheduled?.occurrenceAt ?? null
			})
			.run();
	} catch (error) {
		// Both partners pressed "Start" at once: the partial unique index lets one through.
		const other = liveTalkOf(userId);
		if (other) throw new TalkAlreadyLive(other.id);
		throw error;
	}
	const participants = [
		{ id: userId, name: me?.name ?? '' },
		{ id: couple.partner.id, name: couple.partner.name }
	];
	const appended = appendEvent(
		talkReducer,
		id,
		userId,
		clientId,
		() => ({
			event: {
				type: 'talk.started',
				data: scheduled ? { participants, kind: 'live', scheduled } : { participants, kind: 'live' }
			}
		}),
		now
	);
	return { conversationId: id, coupleId: couple.id, event: appended.event };
}

/**
 * The gate for reading a conversation: it must belong to a couple the caller is (or was) part of.
 * Anything else is "not found", like an id that does not exist.
 */
export function conversationForReading(userId: string, conversationId: string): Conversation {
	const conversation = getDb()
		.select()
		.from(conversations)
		.where(eq(conversations.id, conversationId))
		.get();
	if (!conversation) throw notFound();
	coupleForReading(userId, conversation.coupleId);
	return conversation;
}

export function readTalk(userId: string, conversationId: string) {
	const conversation = conversationForReading(userId, conversationId);
	closeIfIdle(conversation);
	const fresh = conversationForReading(userId, conversationId);
	return {
		conversation: fresh,
		events: loadEvents(conversationId),
		state: stateOf(talkReducer, conversationId, fresh.lastSeq)
	};
}

export function eventsSince(userId: string, conversationId: string, afterSeq: number) {
	const conversation = conversationForReading(userId, conversationId);
	return { events: loadEvents(conversationId, afterSeq), lastSeq: conversation.lastSeq };
}

/**
 * The gate for writing to a conversation, in one query: outsiders get "not found" (as for an id
 * that does not exist); members of a couple that ended get "read-only". Same answers as
 * conversationForReading followed by activeCoupleOf, with one query instead of seven.
 */
function prepareGate(db: ReturnType<typeof getDb>) {
	return db
		.select({ coupleId: conversations.coupleId, active: coupleMembers.active })
		.from(conversations)
		.innerJoin(
			coupleMembers,
			and(
				eq(coupleMembers.coupleId, conversations.coupleId),
				eq(coupleMembers.userId, sql.placeholder('userId'))
			)
		)
		.where(eq(conversations.id, sql.placeholder('conversationId')))
		.prepare();
}
function coupleForWriting(userId: string, conversationId: string): string {
	const row = prepared('write-gate', prepareGate).get({ userId, conversationId });
	if (!row) throw notFound();
	// An ended couple is read-only history; say so plainly to its own members.
	if (!row.active) throw new AppError('conflict', 'This space is read-only now.');
	return row.coupleId;
}

/** A talk intent as it arrives from a client (a draw names a card, or leaves it to the picker). */
export type ClientTalkIntent =
	Exclude<TalkIntent, { type: 'draw' }> | { type: 'draw'; cardId?: string };

export const INTENT_TYPES: Record<TalkIntentName, ClientTalkIntent['type']> = {
	'talk:opening': 'opening',
	'talk:deeper': 'deeper',
	'talk:lighter': 'lighter',
	'talk:draw': 'draw',
	'talk:go-first': 'go-first',
	'talk:answer': 'answer',
	'talk:reflect': 'reflect',
	'talk:confirm': 'confirm',
	'talk:not-quite': 'not-quite',
	'talk:swap': 'swap',
	'talk:not-ready': 'not-ready',
	'talk:resume': 'resume',
	'talk:end': 'end'
};

/**
 * Applies one intent of a partner to a talk: the gate, then the rules against the current state,
 * then one appended event (with its projections) in one transaction.
 */
export function submitTalkIntent(
	userId: string,
	conversationId: string,
	clientId: string,
	intent: ClientTalkIntent,
	now = Date.now()
): Appended & { coupleId: string } {
	const coupleId = coupleForWriting(userId, conversationId);
	const appended = appendEvent(
		talkReducer,
		conversationId,
		userId,
		clientId,
		(state) => {
			let resolved: TalkIntent;
			if (intent.type === 'draw') {
				const refusal = drawRefusal(state, userId);
				if (refusal) throw new AppError('conflict', refusal);
				resolved = resolveDraw(coupleId, userId, state.depth, intent.cardId);
			} else resolved = intent;
			const decision = decide(state, userId, resolved);
			if (!decision.ok) throw new AppError(decision.code, decision.message);
			return {
				event: decision.event,
				onCommit: (event: TalkEvent) => project(coupleId, userId, conversationId, state, event)
			};
		},
		now
	);
	return { ...appended, coupleId };
}

function resolveDraw(
	coupleId: string,
	userId: string,
	depth: TalkCard['depth'],
	cardId: string | undefined
): Extract<TalkIntent, { type: 'draw' }> {
	if (cardId) {
		const card = findCard(coupleId, cardId);
		if (!card) throw notFound();
		const resting = openSetAsideFor(coupleId, cardId);
		if (resting && resting.userId !== userId) {
			throw new AppError(
				'conflict',
				'That card is resting for now. Only the one who set it aside brings it back.'
			);
		}
		return { type: 'draw', card: toTalkCard(card) };
	}
	const picked = pickNextCard(coupleId, { depth });
	if (!picked)
		throw new AppError(
			'conflict',
			'Every card at this depth is resting for now. Try another depth.'
		);
	return { type: 'draw', card: toTalkCard(picked.card), exhausted: picked.exhausted };
}

/** Projections kept in step with the log, inside the append's transaction. */
function project(
	coupleId: string,
	userId: string,
	conversationId: string,
	before: TalkState,
	event: TalkEvent
) {
	if (event.type === 'card.drawn') {
		recordCardUse(coupleId, event.data.card.id, event.at);
		const resting = openSetAsideFor(coupleId, event.data.card.id);
		// The owner drawing their own set-aside card is bringing it back.
		if (resting && resting.userId === userId) bringBack(userId, resting.id, event.at);
	}
	if (event.type === 'card.set-aside' && before.current !== null) {
		const card = before.rounds[before.current]!.card;
		setCardAside({
			coupleId,
			userId,
			card: { ...card, authorId: null },
			conversationId,
			at: event.at
		});
	}
}

/** Closes talks left idle for 24 hours (paused or not): a quiet end, never a scold. */
export function closeIdleTalks(
	now = Date.now()
): { conversationId: string; coupleId: string; event: TalkEvent }[] {
	const stale = getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.kind, 'live'),
				ne(conversations.status, 'ended'),
				lt(conversations.lastEventAt, now - IDLE_CLOSE_MS)
			)
		)
		.all();
	return stale.flatMap((conversation) => {
		const closed = closeIfIdle(conversation, now);
		return closed
			? [{ conversationId: conversation.id, coupleId: conversation.coupleId, event: closed }]
			: [];
	});
}

function closeIfIdle(conversation: Conversation, now = Date.now()): TalkEvent | null {
	if (conversation.kind !== 'live' || conversation.status === 'ended') return null;
	if (conversation.lastEventAt >= now - IDLE_CLOSE_MS) return null;
	try {
		const appended = appendEvent(
			talkReducer,
			conversation.id,
			null,
			null,
			(state) => {
				if (state.status === 'ended') throw new AppError('conflict', 'already ended');
				return { event: { type: 'talk.ended', data: { reason: 'idle' } } };
			},
			now
		);
		return appended.event;
	} catch (error) {
		if (error instanceof AppError) return null; // someone else closed it first
		throw error;
	}
}
