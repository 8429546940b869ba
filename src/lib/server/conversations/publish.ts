import type { LoggedEvent } from '$lib/conversation/kind';
import type { Conversation } from '../db/schema';
import { sendToUser } from '../hub';
import { copiesFor } from './visibility';

/**
 * The one publish path: after an event is durable, each participant's open pages receive the copy
 * the visibility rule allows them — never more. (The device that sent it already has its ack.)
 */
export function publish(conversation: Conversation, event: LoggedEvent, exceptSocketId?: string) {
	for (const copy of copiesFor(conversation, event)) {
		sendToUser(
			copy.viewerId,
			'conversation:event',
			{ conversationId: conversation.id, event: copy.event },
			exceptSocketId
		);
	}
}
