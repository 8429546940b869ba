import type { LoggedEvent } from '$lib/conversation/kind';
import type { Conversation } from '../db/schema';
import { sendToUsers } from '../hub';
import { copiesFor } from './visibility';

/** Publishes still under way, by conversation: each conversation's events go out in order. */
const underWay = new Map<string, Promise<void>>();

/**
 * The one publish path: after an event is durable, each participant's open pages receive the copy
 * the visibility rule allows them — never more. (The device that sent it already has its ack.)
 * It returns at once: the copies are worked out (the state is usually remembered, sometimes read)
 * and sent in the background, after any earlier event of the same conversation.
 */
export function publish(conversation: Conversation, event: LoggedEvent, exceptSocketId?: string) {
	const before = underWay.get(conversation.id) ?? Promise.resolve();
	const done = before
		.then(() => send(conversation, event, exceptSocketId))
		.catch((error) => console.error('[publish] not sent', error))
		.finally(() => {
			if (underWay.get(conversation.id) === done) underWay.delete(conversation.id);
		});
	underWay.set(conversation.id, done);
}

/** Resolves once everything published so far has been sent (for an orderly shutdown, and tests). */
export async function published(): Promise<void> {
	while (underWay.size) await Promise.all(underWay.values());
}

async function send(conversation: Conversation, event: LoggedEvent, exceptSocketId?: string) {
	// Viewers given the very same copy share one send (one encoding of the packet).
	const byCopy = new Map<LoggedEvent, string[]>();
	for (const copy of await copiesFor(conversation, event)) {
		const viewers = byCopy.get(copy.event);
		if (viewers) viewers.push(copy.viewerId);
		else byCopy.set(copy.event, [copy.viewerId]);
	}
	for (const [copy, viewers] of byCopy)
		sendToUsers(
			viewers,
			'conversation:event',
			{ conversationId: conversation.id, event: copy },
			exceptSocketId
		);
}
