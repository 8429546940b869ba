import type { TalkIntentName } from '$lib/realtime/intents';
import { talkIntentSchemas } from '$lib/schemas/talk';
import type { z } from 'zod';
import { activeCoupleOf } from '../couples/access';
import { notFound } from '../errors';
import { forReading, forWriting } from '../conversations/gate';
import type { ClientTalkIntent } from '../conversations/kinds';
import { submitIntent } from '../conversations/pipeline';
import { markRead } from '../conversations/reads';
import { visibleEvents } from '../conversations/visibility';
import { INTENT_TYPES, startTalk, TalkAlreadyLive } from '../talk/talks';
import { announceTalkStarted, coupleRoom, getIo, sendToUser } from '../hub';
import type { HearthSocket, IntentHandler, IntentHandlers } from './handle';

type ConversationHandlers = Pick<
	IntentHandlers,
	| TalkIntentName
	| 'talk:start'
	| 'conversation:sync'
	| 'conversation:read'
	| 'talk:presence'
	| 'talk:seen'
	| 'talk:not-now'
>;

function intentHandler<K extends TalkIntentName>(name: K): IntentHandler<K> {
	return async (payload, socket) => {
		const { conversationId, clientId, ...fields } = payload as z.output<
			(typeof talkIntentSchemas)[K]
		>;
		const intent = { type: INTENT_TYPES[name], ...fields } as ClientTalkIntent;
		// Appended with the other intents of this tick, and answered once that commit is durable.
		const result = await submitIntent(
			'live',
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

/**
 * A conversation both partners are in at the same time — a live talk or a check-in — where they
 * may see where the other is and how far the other's screen has shown it. Anything else (a sent
 * card, a door) answers "not found", like an id outside the couple.
 */
async function forRoom(userId: string, conversationId: string) {
	const conversation = await forWriting(userId, conversationId);
	if (conversation.kind !== 'live' && conversation.kind !== 'checkin') throw notFound();
	return conversation;
}

export const conversationHandlers: ConversationHandlers = {
	'talk:start': async (payload, socket) => {
		try {
			const started = await startTalk(socket.data.userId, payload.clientId);
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
	// Catch-up for any kind, through the gate and the visibility rule like every other read.
	'conversation:sync': async (payload, socket) => {
		const { conversation } = await forReading(
			socket.data.userId,
			payload.conversationId,
			payload.kind
		);
		const events = await visibleEvents(socket.data.userId, conversation, payload.afterSeq);
		// Nothing of it is theirs to see (a question for today before their hour): not found.
		if (payload.afterSeq === 0 && events.length === 0 && conversation.lastSeq > 0) throw notFound();
		return { events, lastSeq: conversation.lastSeq };
	},
	// Read marks are the reader's own: any member, present or former, may keep theirs.
	'conversation:read': async (payload, socket) => {
		const { conversation } = await forReading(
			socket.data.userId,
			payload.conversationId,
			payload.kind
		);
		const read = Math.min(payload.seq, conversation.lastSeq);
		await markRead(socket.data.userId, conversation.id, read);
		return { read };
	},
	// Not an event of the talk (or check-in): nothing is recorded or counted, and no reminder follows.
	'talk:not-now': async (payload, socket) => {
		const { conversation } = await forReading(socket.data.userId, payload.conversationId);
		if (conversation.kind !== 'live' && conversation.kind !== 'checkin') throw notFound();
		const starter = conversation.startedBy;
		if (starter && starter !== socket.data.userId && conversation.status !== 'ended')
			sendToUser(starter, 'talk:not-now', {
				conversationId: conversation.id,
				byName: socket.data.name
			});
		return { delivered: true };
	},
	// Presence and "seen" are said the same way in a talk and in a check-in: relayed through the
	// couple room, recorded nowhere.
	'talk:presence': async (payload, socket) => {
		const conversation = await forRoom(socket.data.userId, payload.conversationId);
		if (!socket.data.talks.includes(conversation.id)) socket.data.talks.push(conversation.id);
		socket.to(coupleRoom(conversation.coupleId)).emit('talk:presence', {
			conversationId: conversation.id,
			userId: socket.data.userId,
			state: payload.state,
			hello: payload.hello
		});
		return { delivered: true };
	},
	// A read receipt, only while the talk or check-in is still going. A sent card has none
	// (answering stays free of pressure).
	'talk:seen': async (payload, socket) => {
		const conversation = await forRoom(socket.data.userId, payload.conversationId);
		if (conversation.status === 'ended' || payload.seq > conversation.lastSeq)
			return { delivered: false };
		socket.to(coupleRoom(conversation.coupleId)).emit('talk:seen', {
			conversationId: conversation.id,
			userId: socket.data.userId,
			seq: payload.seq
		});
		return { delivered: true };
	},
	'talk:opening': intentHandler('talk:opening'),
	'talk:deeper': intentHandler('talk:deeper'),
	'talk:withdraw-deeper': intentHandler('talk:withdraw-deeper'),
	'talk:lighter': intentHandler('talk:lighter'),
	'talk:draw': intentHandler('talk:draw'),
	'talk:go-first': intentHandler('talk:go-first'),
	'talk:pass-floor': intentHandler('talk:pass-floor'),
	'talk:answer': intentHandler('talk:answer'),
	'talk:reflect': intentHandler('talk:reflect'),
	'talk:confirm': intentHandler('talk:confirm'),
	'talk:not-quite': intentHandler('talk:not-quite'),
	'talk:swap': intentHandler('talk:swap'),
	'talk:ask-more': intentHandler('talk:ask-more'),
	'talk:add-more': intentHandler('talk:add-more'),
	'talk:steer': intentHandler('talk:steer'),
	'talk:share-thoughts': intentHandler('talk:share-thoughts'),
	'talk:not-ready': intentHandler('talk:not-ready'),
	'talk:resume': intentHandler('talk:resume'),
	'talk:end': intentHandler('talk:end')
};

/** When a socket goes, its partner hears "offline" unless another device of the person is still in. */
export async function announceDeparture(socket: HearthSocket) {
	const io = getIo();
	if (!io || socket.data.talks.length === 0) return;
	const couple = await activeCoupleOf(socket.data.userId);
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
