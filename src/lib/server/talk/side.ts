import { and, eq, ne } from 'drizzle-orm';
import { sideKind } from '$lib/conversation/side/kind';
import type { SideState } from '$lib/conversation/side/reducer';
import type { Activity, Pace, SideEvent } from '$lib/conversation/side/types';
import type { SideIntentName } from '$lib/realtime/intents';
import { activeCoupleOf, participantsOf, requireActiveCouple } from '../couples/access';
import { getDb } from '../db';
import { conversations, type Conversation } from '../db/schema';
import { forReading } from '../conversations/gate';
import type { ClientSideIntent } from '../conversations/kinds';
import { stateOf } from '../conversations/log';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { visibleEvents } from '../conversations/visibility';
import { closeIdleOf, closeIfIdle } from '../conversations/idle';

/** The couple's talk side by side that has not ended, if any. */
export function sideTalkOf(userId: string): Conversation | undefined {
	const couple = activeCoupleOf(userId);
	if (!couple) return undefined;
	return getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, couple.id),
				eq(conversations.kind, 'side'),
				ne(conversations.status, 'ended')
			)
		)
		.get();
}

/**
 * Starts a talk side by side for the caller's couple, or returns the one already open (it lives on
 * one phone: a second one is a double tap, not a wish).
 */
export function startSide(
	userId: string,
	clientId: string,
	options: { activity: Activity; pace: Pace },
	now = Date.now()
): { conversationId: string; started: boolean } {
	const couple = requireActiveCouple(userId);
	const existing = sideTalkOf(userId);
	if (existing) return { conversationId: existing.id, started: false };
	const id = crypto.randomUUID();
	try {
		getDb()
			.insert(conversations)
			.values({
				id,
				coupleId: couple.id,
				kind: 'side',
				status: 'active',
				startedBy: userId,
				createdAt: now,
				lastEventAt: now
			})
			.run();
	} catch (error) {
		const other = sideTalkOf(userId);
		if (other) return { conversationId: other.id, started: false };
		throw error;
	}
	const appended = record(
		'side',
		id,
		userId,
		clientId,
		() => ({
			type: 'side.started',
			data: { participants: participantsOf(userId, couple), ...options }
		}),
		now
	);
	publish(appended.conversation, appended.event);
	return { conversationId: id, started: true };
}

/** A talk side by side as its page shows it: every event (both see all of it). */
export function readSide(userId: string, conversationId: string) {
	const { conversation } = forReading(userId, conversationId, 'side');
	closeIfIdle(conversation, IDLE_END);
	const fresh = forReading(userId, conversationId, 'side');
	return {
		...fresh,
		events: visibleEvents<SideEvent>(userId, fresh.conversation),
		state: stateOf(sideKind, fresh.conversation) as SideState
	};
}

export const SIDE_INTENT_TYPES: Record<SideIntentName, ClientSideIntent['type']> = {
	'side:draw': 'draw',
	'side:pass': 'pass',
	'side:shared': 'shared',
	'side:reflected': 'reflected',
	'side:confirm': 'confirm',
	'side:not-quite': 'not-quite',
	'side:ready': 'ready',
	'side:end': 'end'
};

const IDLE_END = { type: 'side.ended', data: { reason: 'idle' as const } };

/** Closes talks side by side left for a day, like live talks: quietly. */
export function closeIdleSides(now = Date.now()) {
	return closeIdleOf('side', IDLE_END, now);
}
