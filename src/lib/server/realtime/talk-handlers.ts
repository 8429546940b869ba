import type { TalkIntentName } from '$lib/realtime/intents';
import { talkIntentSchemas } from '$lib/schemas/talk';
import type { z } from 'zod';
import { activeCoupleOf } from '../couples/access';
import { AppError } from '../errors';
import {
	conversationForReading,
	eventsSince,
	INTENT_TYPES,
	startTalk,
	submitTalkIntent,
	TalkAlreadyLive,
	type ClientTalkIntent
} from '../talk/talks';
import { inNextCommit } from '../talk/group-commit';
import type { HearthSocket, IntentHandler, IntentHandlers } from './handle';
import { announceTalkStarted, coupleRoom, getIo } from './hub';

type TalkHandlers = Pick<
	IntentHandlers,
	TalkIntentName | 'talk:start' | 'talk:sync' | 'talk:presence'
>;

/** After commit: the sender has its acknowledgement; everyone else of the couple gets the event. */
function broadcast(
	socket: HearthSocket,
	coupleId: string,
	conversationId: string,
	event: Parameters<typeof socket.emit<'talk:event'>>[1]['event']
) {
	socket.to(coupleRoom(coupleId)).emit('talk:event', { conversationId, event });
}

function intentHandler<K extends TalkIntentName>(name: K): IntentHandler<K> {
	return async (payload, socket) => {
		const { conversationId, clientId, ...fields } = payload as z.output<
			(typeof talkIntentSchemas)[K]
		>;
		const intent = { type: INTENT_TYPES[name], ...fields } as ClientTalkIntent;
		// Appended with the other intents of this tick, and answered once that commit is durable.
		const result = await inNextCommit(conversationId, () =>
			submitTalkIntent(socket.data.userId, conversationId, clientId, intent)
		);
		// A retried intent was broadcast the first time; sending it again would do no harm (the
		// browser ignores seqs it holds) but costs the partner a message.
		if (!result.duplicate) {
			queueMicrotask(() => broadcast(socket, result.coupleId, conversationId, result.event));
		}
		return { event: result.event, duplicate: result.duplicate };
	};
}

export const talkHandlers: TalkHandlers = {
	'talk:start': (payload, socket) => {
		try {
			const started = startTalk(socket.data.userId, payload.clientId);
			announceTalkStarted(
				started.coupleId,
				started.conversationId,
				socket.data.userId,
				socket.data.name
			);
			return { conversationId: started.conversationId };
		} catch (error) {
			if (error instanceof TalkAlreadyLive) return { conversationId: error.conversationId };
			throw error;
		}
	},
	'talk:sync': (payload, socket) =>
		eventsSince(socket.data.userId, payload.conversationId, payload.afterSeq),
	'talk:presence': (payload, socket) => {
		const conversation = conversationForReading(socket.data.userId, payload.conversationId);
		const couple = activeCoupleOf(socket.data.userId);
		if (!couple || couple.id !== conversation.coupleId)
			throw new AppError('conflict', 'This space is read-only now.');
		if (!socket.data.talks.includes(conversation.id)) socket.data.talks.push(conversation.id);
		socket.to(coupleRoom(conversation.coupleId)).emit('talk:presence', {
			conversationId: conversation.id,
			userId: socket.data.userId,
			state: payload.state,
			hello: payload.hello
		});
		return { delivered: true };
	},
	'talk:opening': intentHandler('talk:opening'),
	'talk:deeper': intentHandler('talk:deeper'),
	'talk:lighter': intentHandler('talk:lighter'),
	'talk:draw': intentHandler('talk:draw'),
	'talk:go-first': intentHandler('talk:go-first'),
	'talk:answer': intentHandler('talk:answer'),
	'talk:reflect': intentHandler('talk:reflect'),
	'talk:confirm': intentHandler('talk:confirm'),
	'talk:not-quite': intentHandler('talk:not-quite'),
	'talk:swap': intentHandler('talk:swap'),
	'talk:not-ready': intentHandler('talk:not-ready'),
	'talk:resume': intentHandler('talk:resume'),
	'talk:end': intentHandler('talk:end')
};

/** When a socket goes, its partner hears "offline" unless another device of the person is still in. */
export async function announceDeparture(socket: HearthSocket) {
	const io = getIo();
	if (!io || socket.data.talks.length === 0) return;
	const couple = activeCoupleOf(socket.data.userId);
	if (!couple) return;
	const others = await io.in(`user:${socket.data.userId}`).fetchSockets();
	for (const conversationId of socket.data.talks) {
		if (others.some((s) => s.id !== socket.id && s.data.talks?.includes(conversationId))) continue;
		io.to(coupleRoom(couple.id)).emit('talk:presence', {
			conversationId,
			userId: socket.data.userId,
			state: 'offline'
		});
	}
}
