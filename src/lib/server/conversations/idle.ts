import { and, eq, lt, ne } from 'drizzle-orm';
import type { KindName, LoggedEvent } from '$lib/conversation/kind';
import { getDb } from '../db';
import { conversations, type Conversation } from '../db/schema';
import { AppError } from '../errors';
import { record } from './pipeline';
import { publish } from './publish';

/** A conversation both are in together (a talk, side by side, a check-in) closes after a quiet day. */
export const IDLE_CLOSE_MS = 24 * 60 * 60 * 1000;

type EndEvent = { type: string; data: { reason: 'idle' } };

/**
 * Ends this conversation if nothing happened in it for a day: a quiet end by Hearth itself (no
 * actor), never a scold. Null when it is not idle, or someone else ended it first.
 */
export async function closeIfIdle(
	conversation: Conversation,
	end: EndEvent,
	now = Date.now()
): Promise<LoggedEvent | null> {
	if (conversation.status === 'ended' || conversation.lastEventAt >= now - IDLE_CLOSE_MS)
		return null;
	try {
		const appended = await record(
			conversation.kind,
			conversation.id,
			null,
			null,
			(state) => {
				if ((state as { status?: string }).status === 'ended')
					throw new AppError('conflict', 'already ended');
				return end;
			},
			now
		);
		publish(appended.conversation, appended.event);
		return appended.event;
	} catch (error) {
		if (error instanceof AppError) return null; // someone else closed it first
		throw error;
	}
}

/** Closes every conversation of this kind left idle for a day; what was closed, with its event. */
export async function closeIdleOf(
	kind: KindName,
	end: EndEvent,
	now = Date.now()
): Promise<{ conversationId: string; event: LoggedEvent }[]> {
	const stale = await getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.kind, kind),
				ne(conversations.status, 'ended'),
				lt(conversations.lastEventAt, now - IDLE_CLOSE_MS)
			)
		);
	const closed: { conversationId: string; event: LoggedEvent }[] = [];
	for (const conversation of stale) {
		const event = await closeIfIdle(conversation, end, now);
		if (event) closed.push({ conversationId: conversation.id, event });
	}
	return closed;
}
