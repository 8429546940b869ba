import type { SideIntentName } from '$lib/realtime/intents';
import type { sideIntentSchemas } from '$lib/schemas/side';
import type { z } from 'zod';
import type { ClientSideIntent } from '../conversations/kinds';
import { submitIntent } from '../conversations/pipeline';
import { SIDE_INTENT_TYPES } from '../talk/side';
import type { IntentHandler, IntentHandlers } from './handle';

function sideHandler<K extends SideIntentName>(name: K): IntentHandler<K> {
	return async (payload, socket) => {
		const { conversationId, clientId, ...fields } = payload as z.output<
			(typeof sideIntentSchemas)[K]
		>;
		const intent = { type: SIDE_INTENT_TYPES[name], ...fields } as ClientSideIntent;
		const result = await submitIntent(
			'side',
			socket.data.userId,
			conversationId,
			clientId,
			intent,
			{
				exceptSocketId: socket.id
			}
		);
		return { event: result.event as never, duplicate: result.duplicate };
	};
}

/** A talk side by side: every step goes through the one pipeline, like a live talk's. */
export const sideHandlers = Object.fromEntries(
	(Object.keys(SIDE_INTENT_TYPES) as SideIntentName[]).map((name) => [name, sideHandler(name)])
) as Pick<IntentHandlers, SideIntentName>;
