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
import { getDb } from '../db';
import { conversations, type Conversation } from '../db/schema';
import { AppError } from '../errors';
import { forReading } from '../conversations/gate';
import { stateOf } from '../conversations/log';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { visibleEvents } from '../conversations/visibility';
import { closeIdleOf, closeIfIdle } from '../conversations/idle';

/** The couple's check-in that has not ended, if any. */
export function openCheckinOf(userId: string): Conversation | undefined {
	const couple = activeCoupleOf(userId);
	if (!couple) return undefined;
	return openCheckinOfCouple(couple.id);
}

function openCheckinOfCouple(coupleId: string): Conversation | undefined {
	return getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, coupleId),
				eq(conversations.kind, 'checkin'),
				ne(conversations.status, 'ended')
			)
		)
		.get();
}

export class CheckinAlreadyOpen extends AppError {
	constructor(readonly conversationId: string) {
		super('conflict', 'Your check-in is already open. Join it instead.');
	}
}

/**
 * Starts a check-in for the caller's couple: one open at a time. The look for an open one and the
 * new row are in one immediate transaction, so two partners starting at once open one check-in;
 * the log opens with checkin.started (carrying the plan when a weekly plan opened it).
 */
export function startCheckin(
	userId: string,
	clientId: string,
	now = Date.now(),
	scheduled?: ScheduledCheckin
) {
	const couple = requireActiveCouple(userId);
	const participants = participantsOf(userId, couple);
	const id = crypto.randomUUID();
	const appended = getDb()
		.$client.transaction(() => {
			const existing = openCheckinOfCouple(couple.id);
			if (existing) throw new CheckinAlreadyOpen(existing.id);
			getDb()
				.insert(conversations)
				.values({
					id,
					coupleId: couple.id,
					kind: 'checkin',
					status: 'active',
					startedBy: userId,
					createdAt: now,
					lastEventAt: now,
					scheduleId: scheduled?.scheduleId ?? null,
					occurrenceAt: scheduled?.occurrenceAt ?? null
				})
				.run();
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
		})
		.immediate();
	publish(appended.conversation, appended.event);
	return { conversationId: id, coupleId: couple.id, event: appended.event };
}

/** A check-in as its page shows it: the events this viewer may see, and nothing else. */
export function readCheckin(userId: string, conversationId: string) {
	const { conversation } = forReading(userId, conversationId, 'checkin');
	closeIfIdle(conversation, IDLE_END);
	const fresh = forReading(userId, conversationId, 'checkin');
	return {
		...fresh,
		events: visibleEvents<CheckinEvent>(userId, fresh.conversation),
		state: stateOf(checkinKind, fresh.conversation) as CheckinState
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
export function closeIdleCheckins(now = Date.now()) {
	return closeIdleOf('checkin', IDLE_END, now) as { conversationId: string; event: CheckinEvent }[];
}
