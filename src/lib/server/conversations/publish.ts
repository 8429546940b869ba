import type { LoggedEvent } from '$lib/conversation/kind';
import type { Conversation } from '../db/schema';
import { sendToUsers } from '../hub';
import { copiesFor } from './visibility';

/**
 * The one publish path: after an event is durable, each participant's open pages receive the copy
 * the visibility rule allows them — never more. (The device that sent it already has its ack.)
 */
export function publish(conversation: Conversation, event: LoggedEvent, exceptSocketId?: string) {
	// Viewers given the very same copy share one send (one encoding of the packet).
	const byCopy = new Map<LoggedEvent, string[]>();
	for (const copy of copiesFor(conversation, event)) {
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
