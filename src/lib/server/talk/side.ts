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
import { stateOf, insertConversation } from '../conversations/log';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { visibleEvents } from '../conversations/visibility';
import { closeIdleOf, closeIfIdle } from '../conversations/idle';

/** The couple's talk side by side that has not ended, if any. */
export async function sideTalkOf(userId: string): Promise<Conversation | undefined> {
	const couple = await activeCoupleOf(userId);
	if (!couple) return undefined;
	const [side] = await getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, couple.id),
				eq(conversations.kind, 'side'),
				ne(conversations.status, 'ended')
			)
		)
		.limit(1);
	return side;
}

/**
 * Starts a talk side by side for the caller's couple, or returns the one already open (it lives on
 * one phone: a second one is a double tap, not a wish).
 */
export async function startSide(
	userId: string,
	clientId: string,
	options: { activity: Activity; pace: Pace },
	now = Date.now()
): Promise<{ conversationId: string; started: boolean }> {
	const couple = await requireActiveCouple(userId);
	const existing = await sideTalkOf(userId);
	if (existing) return { conversationId: existing.id, started: false };
	const id = crypto.randomUUID();
	const written = await insertConversation({
		id,
		coupleId: couple.id,
		kind: 'side',
		startedBy: userId,
		at: now
	});
	if (!written) {
		// Both pressed "Start" at once: the partial unique index lets one through.
		const other = await sideTalkOf(userId);
		if (other) return { conversationId: other.id, started: false };
		throw new Error('a talk side by side was not written, and no other is going');
	}
	const participants = await participantsOf(userId, couple);
	const appended = await record(
		'side',
		id,
		userId,
		clientId,
		() => ({
			type: 'side.started',
			data: { participants, ...options }
		}),
		now
	);
	publish(appended.conversation, appended.event);
	return { conversationId: id, started: true };
}

/** A talk side by side as its page shows it: every event (both see all of it). */
export async function readSide(userId: string, conversationId: string) {
	const { conversation } = await forReading(userId, conversationId, 'side');
	await closeIfIdle(conversation, IDLE_END);
	const fresh = await forReading(userId, conversationId, 'side');
	return {
		...fresh,
		events: await visibleEvents<SideEvent>(userId, fresh.conversation),
		state: (await stateOf(sideKind, fresh.conversation)) as SideState
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
export async function closeIdleSides(now = Date.now()) {
	return closeIdleOf('side', IDLE_END, now);
}
