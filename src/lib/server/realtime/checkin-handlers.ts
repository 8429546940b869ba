import type { CheckinIntent } from '$lib/conversation/checkin/types';
import type { CheckinIntentName } from '$lib/realtime/intents';
import type { checkinIntentSchemas } from '$lib/schemas/checkin';
import type { z } from 'zod';
import { CHECKIN_INTENT_TYPES } from '../checkin/checkins';
import { submitIntent } from '../conversations/pipeline';
import type { IntentHandler, IntentHandlers } from './handle';

function intentHandler<K extends CheckinIntentName>(name: K): IntentHandler<K> {
	return async (payload, socket) => {
		const { conversationId, clientId, ...fields } = payload as z.output<
			(typeof checkinIntentSchemas)[K]
		>;
		const intent = { type: CHECKIN_INTENT_TYPES[name], ...fields } as CheckinIntent;
		// The one pipeline: the gate, the check-in's rules, the group commit, then publish.
		const result = await submitIntent(
			'checkin',
			socket.data.userId,
			conversationId,
			clientId,
			intent,
			{ exceptSocketId: socket.id }
		);
		return { event: result.event as never, duplicate: result.duplicate };
	};
}

export const checkinHandlers = Object.fromEntries(
	(Object.keys(CHECKIN_INTENT_TYPES) as CheckinIntentName[]).map((name) => [
		name,
		intentHandler(name)
	])
) as Pick<IntentHandlers, CheckinIntentName>;
