import { and, eq, ne } from 'drizzle-orm';
import { checkinKind } from '$lib/conversation/checkin/kind';
import type { CheckinState } from '$lib/conversation/checkin/reducer';
import type {
	CheckinEvent,
	CheckinIntent,
	ScheduledCheckin
} from '$lib/conversation/checkin/types';
import type { CheckinIntentName } from '$lib/realtime/intents';
import { participantsOf, requireActiveCouple, activeCoupleOf } from '../couples/access';
import { getDb, transaction } from '../db';
import { lockRows } from '../db/locks';
import { conversations, type Conversation } from '../db/schema';
import { AppError } from '../errors';
import { forReading } from '../conversations/gate';
import { stateOf, insertConversation } from '../conversations/log';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { visibleEvents } from '../conversations/visibility';
import { closeIdleOf, closeIfIdle } from '../conversations/idle';

/** The couple's check-in that has not ended, if any. */
export async function openCheckinOf(userId: string): Promise<Conversation | undefined> {
	const couple = await activeCoupleOf(userId);
	if (!couple) return undefined;
	return openCheckinOfCouple(couple.id);
}

async function openCheckinOfCouple(coupleId: string): Promise<Conversation | undefined> {
	const [row] = await getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, coupleId),
				eq(conversations.kind, 'checkin'),
				ne(conversations.status, 'ended')
			)
		)
		.limit(1);
	return row;
}

export class CheckinAlreadyOpen extends AppError {
	constructor(readonly conversationId: string) {
		super('conflict', 'Your check-in is already open. Join it instead.');
	}
}

/**
 * Starts a check-in for the caller's couple: one open at a time. The look for an open one and the
 * new row are in one transaction that first holds the couple's row (the write lock on SQLite, the
 * row's lock on PostgreSQL), so two partners
 * starting at once open one check-in; the log opens with checkin.started (carrying the plan when a
 * weekly plan opened it).
 */
export async function startCheckin(
	userId: string,
	clientId: string,
	now = Date.now(),
	scheduled?: ScheduledCheckin
) {
	const couple = await requireActiveCouple(userId);
	const participants = await participantsOf(userId, couple);
	const id = crypto.randomUUID();
	const appended = await transaction(async () => {
		// The second of two partners starting at once waits here until the first has committed,
		// then sees its check-in below.
		await lockRows('couples', [couple.id]);
		const existing = await openCheckinOfCouple(couple.id);
		if (existing) throw new CheckinAlreadyOpen(existing.id);
		await insertConversation({
			id,
			coupleId: couple.id,
			kind: 'checkin',
			startedBy: userId,
			at: now,
			scheduleId: scheduled?.scheduleId ?? null,
			occurrenceAt: scheduled?.occurrenceAt ?? null
		});
		return record(
			'checkin',
			id,
			userId,
			clientId,
			() => ({
				type: 'checkin.started',
				data: scheduled
					? { participants, kind: 'checkin', scheduled }
					: { participants, kind: 'checkin' }
			}),
			now
		);
	});
	publish(appended.conversation, appended.event);
	return { conversationId: id, coupleId: couple.id, event: appended.event };
}

/** A check-in as its page shows it: the events this viewer may see, and nothing else. */
export async function readCheckin(userId: string, conversationId: string) {
	const { conversation } = await forReading(userId, conversationId, 'checkin');
	await closeIfIdle(conversation, IDLE_END);
	const fresh = await forReading(userId, conversationId, 'checkin');
	return {
		...fresh,
		events: await visibleEvents<CheckinEvent>(userId, fresh.conversation),
		state: (await stateOf(checkinKind, fresh.conversation)) as CheckinState
	};
}

export const CHECKIN_INTENT_TYPES: Record<CheckinIntentName, CheckinIntent['type']> = {
	'checkin:give': 'give',
	'checkin:pass': 'pass',
	'checkin:move-on': 'move-on',
	'checkin:go-first': 'go-first',
	'checkin:pass-floor': 'pass-floor',
	'checkin:answer': 'answer',
	'checkin:reflect': 'reflect',
	'checkin:confirm': 'confirm',
	'checkin:not-quite': 'not-quite',
	'checkin:ask-more': 'ask-more',
	'checkin:add-more': 'add-more',
	'checkin:steer': 'steer',
	'checkin:share-thoughts': 'share-thoughts',
	'checkin:swap': 'swap',
	'checkin:end': 'end'
};

const IDLE_END = { type: 'checkin.ended', data: { reason: 'idle' as const } };

/** Closes check-ins left idle for 24 hours, quietly, like a talk. */
export async function closeIdleCheckins(now = Date.now()) {
	return (await closeIdleOf('checkin', IDLE_END, now)) as {
		conversationId: string;
		event: CheckinEvent;
	}[];
}
