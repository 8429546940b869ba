import { and, eq, ne } from 'drizzle-orm';
import type { TalkIntentName } from '$lib/realtime/intents';
import type { TalkState } from '$lib/conversation/talk/reducer';
import type { TalkEvent } from '$lib/conversation/talk/types';
import { getDb } from '../db';
import { conversations, type Conversation } from '../db/schema';
import { AppError } from '../errors';
import { activeCoupleOf, participantsOf, requireActiveCouple } from '../couples/access';
import { forReading } from '../conversations/gate';
import type { ClientTalkIntent } from '../conversations/kinds';
import { stateOf, insertConversation } from '../conversations/log';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { talkKind } from '$lib/conversation/talk/kind';
import { visibleEvents } from '../conversations/visibility';
import { closeIdleOf, closeIfIdle } from '../conversations/idle';

export { IDLE_CLOSE_MS } from '../conversations/idle';

/** The couple's live talk that has not ended, if any. */
export async function liveTalkOf(userId: string): Promise<Conversation | undefined> {
	const couple = await activeCoupleOf(userId);
	if (!couple) return undefined;
	const [live] = await getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, couple.id),
				eq(conversations.kind, 'live'),
				ne(conversations.status, 'ended')
			)
		)
		.limit(1);
	return live;
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
export async function startTalk(
	userId: string,
	clientId: string,
	now = Date.now(),
	scheduled?: ScheduledStart
) {
	const couple = await requireActiveCouple(userId);
	const existing = await liveTalkOf(userId);
	if (existing) throw new TalkAlreadyLive(existing.id);
	const id = crypto.randomUUID();
	const written = await insertConversation({
		id,
		coupleId: couple.id,
		kind: 'live',
		startedBy: userId,
		at: now,
		scheduleId: scheduled?.scheduleId ?? null,
		occurrenceAt: scheduled?.occurrenceAt ?? null
	});
	if (!written) {
		// Both partners pressed "Start" at once: the partial unique index lets one through.
		const other = await liveTalkOf(userId);
		if (other) throw new TalkAlreadyLive(other.id);
		throw new Error('a live talk was not written, and no other is live');
	}
	const participants = await participantsOf(userId, couple);
	const appended = await record(
		'live',
		id,
		userId,
		clientId,
		() => ({
			type: 'talk.started',
			data: scheduled ? { participants, kind: 'live', scheduled } : { participants, kind: 'live' }
		}),
		now
	);
	publish(appended.conversation, appended.event);
	return { conversationId: id, coupleId: couple.id, event: appended.event };
}

/** A talk as its page shows it: the events (all of them: a talk is shared as it is said). */
export async function readTalk(userId: string, conversationId: string) {
	const { conversation } = await forReading(userId, conversationId, 'live');
	await closeIfIdle(conversation, IDLE_END);
	const fresh = await forReading(userId, conversationId, 'live');
	return {
		...fresh,
		events: await visibleEvents<TalkEvent>(userId, fresh.conversation),
		state: (await stateOf(talkKind, fresh.conversation)) as TalkState
	};
}

export const INTENT_TYPES: Record<TalkIntentName, ClientTalkIntent['type']> = {
	'talk:opening': 'opening',
	'talk:deeper': 'deeper',
	'talk:withdraw-deeper': 'withdraw-deeper',
	'talk:lighter': 'lighter',
	'talk:draw': 'draw',
	'talk:go-first': 'go-first',
	'talk:pass-floor': 'pass-floor',
	'talk:answer': 'answer',
	'talk:reflect': 'reflect',
	'talk:confirm': 'confirm',
	'talk:not-quite': 'not-quite',
	'talk:swap': 'swap',
	'talk:ask-more': 'ask-more',
	'talk:add-more': 'add-more',
	'talk:steer': 'steer',
	'talk:share-thoughts': 'share-thoughts',
	'talk:not-ready': 'not-ready',
	'talk:resume': 'resume',
	'talk:end': 'end'
};

const IDLE_END = { type: 'talk.ended', data: { reason: 'idle' as const } };

/** Closes talks left idle for 24 hours (paused or not): a quiet end, never a scold. */
export async function closeIdleTalks(now = Date.now()) {
	return (await closeIdleOf('live', IDLE_END, now)) as {
		conversationId: string;
		event: TalkEvent;
	}[];
}
