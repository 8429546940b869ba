import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, sql } from 'drizzle-orm';
import { isRevealed, type CardState } from '$lib/cards/reducer';
import { decideCard } from '$lib/cards/rules';
import type { CardEvent, CardIntent } from '$lib/cards/types';
import type { TalkCard } from '$lib/talk/types';
import { findUserById } from '../auth/accounts';
import { activeCoupleOf, requireActiveCouple } from '../couples/access';
import { getDb } from '../db';
import { conversationReads, conversations, type Conversation } from '../db/schema';
import { findCard, type DeckCard } from '../deck/catalog';
import { createCustomCard } from '../deck/custom-cards';
import { bringBack, openSetAsideFor, setCardAside } from '../deck/set-aside';
import { recordCardUse } from '../deck/usage';
import { AppError, notFound } from '../errors';
import { conversationForReading } from '../talk/talks';
import { appendEvent, cardReducer, stateOf } from '../talk/log';

function toTalkCard(card: DeckCard): TalkCard {
	const { id, text, category, depth, followUp, custom } = card;
	return followUp
		? { id, text, category, depth, followUp, custom }
		: { id, text, category, depth, custom };
}

/** A send retried with the same clientId lands on the same conversation id: sent at most once. */
function conversationIdFor(userId: string, clientId: string): string {
	const hex = encodeHexLowerCase(sha256(new TextEncoder().encode(`send:${userId}:${clientId}`)));
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type SendInput = {
	clientId: string;
	cardId?: string;
	text?: string;
	category?: DeckCard['category'];
	depth?: DeckCard['depth'];
	note: string | null;
	firstAnswer: string | null;
	revealTogether: boolean;
};

export function sendCard(userId: string, input: SendInput, now = Date.now()) {
	const couple = requireActiveCouple(userId);
	const id = conversationIdFor(userId, input.clientId);
	const existing = getDb().select().from(conversations).where(eq(conversations.id, id)).get();
	if (existing)
		return {
			conversationId: id,
			coupleId: couple.id,
			partnerId: couple.partner.id,
			duplicate: true
		};

	let card: DeckCard | undefined;
	if (input.cardId) {
		card = findCard(couple.id, input.cardId);
		if (!card) throw notFound();
		const resting = openSetAsideFor(couple.id, card.id);
		if (resting && resting.userId !== userId) {
			throw new AppError(
				'conflict',
				'That card is resting for now. Only the one who set it aside brings it back.'
			);
		}
		if (resting) bringBack(userId, resting.id, now);
	} else {
		// A card written here joins the couple's own deck, so it can be found again.
		card = createCustomCard(
			userId,
			{ text: input.text!, category: input.category!, depth: input.depth! },
			now
		);
	}
	const me = findUserById(userId);
	const participants = [
		{ id: userId, name: me?.name ?? '' },
		{ id: couple.partner.id, name: couple.partner.name }
	];
	const talkCard = toTalkCard(card);
	getDb().transaction(() => {
		getDb()
			.insert(conversations)
			.values({
				id,
				coupleId: couple.id,
				kind: 'async',
				status: 'active',
				startedBy: userId,
				createdAt: now,
				lastEventAt: now
			})
			.run();
		appendEvent(
			cardReducer,
			id,
			userId,
			input.clientId,
			() => ({
				event: {
					type: 'card.sent',
					data: {
						participants,
						card: talkCard,
						note: input.note,
						revealTogether: input.revealTogether,
						firstAnswer: input.firstAnswer
					}
				},
				onCommit: (event) => recordCardUse(couple.id, talkCard.id, event.at)
			}),
			now
		);
		markRead(userId, id, 1);
	});
	return {
		conversationId: id,
		coupleId: couple.id,
		partnerId: couple.partner.id,
		duplicate: false
	};
}

/** Applies one intent on an async card: the gate, the rules, one event, its projections. */
export function actOnCard(
	userId: string,
	conversationId: string,
	clientId: string,
	intent: CardIntent,
	now = Date.now()
) {
	const conversation = conversationForReading(userId, conversationId);
	if (conversation.kind !== 'async') throw notFound();
	const couple = activeCoupleOf(userId);
	if (!couple || couple.id !== conversation.coupleId)
		throw new AppError('conflict', 'This space is read-only now.');
	const appended = appendEvent(
		cardReducer,
		conversationId,
		userId,
		clientId,
		(state) => {
			const decision = decideCard(state, userId, intent);
			if (!decision.ok) throw new AppError(decision.code, decision.message);
			return {
				event: decision.event,
				onCommit: (event: CardEvent) => {
					if (event.type === 'card.set-aside' && state.card) {
						setCardAside({
							coupleId: couple.id,
							userId,
							card: { ...state.card, authorId: null },
							conversationId,
							at: event.at
						});
					}
					if (event.type === 'card.brought-back' && state.card) {
						const resting = openSetAsideFor(couple.id, state.card.id);
						if (resting && resting.userId === userId) bringBack(userId, resting.id, event.at);
					}
				}
			};
		},
		now
	);
	if (!appended.duplicate) markRead(userId, conversationId, appended.event.seq);
	return { ...appended, coupleId: couple.id, partnerId: couple.partner.id };
}

/**
 * What one person may see of a card: before the reveal, the partner's answer is withheld here,
 * on the server, so it never reaches the browser.
 */
export function viewFor(state: CardState, viewerId: string): CardState {
	if (isRevealed(state)) return state;
	const answers = Object.fromEntries(
		Object.entries(state.answers).map(([id, answer]) => [
			id,
			id === viewerId ? answer : { ...answer, text: null }
		])
	);
	return { ...state, answers };
}

export function readCard(userId: string, conversationId: string) {
	const conversation = conversationForReading(userId, conversationId);
	if (conversation.kind !== 'async') throw notFound();
	const state = stateOf(cardReducer, conversationId, conversation.lastSeq);
	const couple = activeCoupleOf(userId);
	return {
		conversation,
		state: viewFor(state, userId),
		writable: couple?.id === conversation.coupleId
	};
}

export function markRead(userId: string, conversationId: string, seq: number) {
	getDb()
		.insert(conversationReads)
		.values({ userId, conversationId, lastReadSeq: seq })
		.onConflictDoUpdate({
			target: [conversationReads.userId, conversationReads.conversationId],
			set: { lastReadSeq: sql`max(${conversationReads.lastReadSeq}, excluded.last_read_seq)` }
		})
		.run();
}

export type InboxItem = {
	id: string;
	card: TalkCard;
	note: string | null;
	fromMe: boolean;
	state: CardState;
	lastEventAt: number;
	unread: boolean;
	group: 'to-answer' | 'waiting' | 'answered' | 'set-aside';
};

function groupOf(state: CardState, me: string): InboxItem['group'] {
	if (state.setAsideBy === me) return 'set-aside';
	if (isRevealed(state)) return 'answered';
	if (!state.answers[me]) return 'to-answer';
	return 'waiting';
}

/** The caller's cards (active couple), newest first, grouped the way the inbox shows them. */
export function inboxOf(userId: string): InboxItem[] {
	const couple = activeCoupleOf(userId);
	if (!couple) return [];
	const rows = getDb()
		.select({ conversation: conversations, lastReadSeq: conversationReads.lastReadSeq })
		.from(conversations)
		.leftJoin(
			conversationReads,
			and(
				eq(conversationReads.conversationId, conversations.id),
				eq(conversationReads.userId, userId)
			)
		)
		.where(and(eq(conversations.coupleId, couple.id), eq(conversations.kind, 'async')))
		.orderBy(desc(conversations.lastEventAt))
		.all();
	return rows.map(({ conversation, lastReadSeq }) =>
		itemOf(conversation, lastReadSeq ?? 0, userId)
	);
}

function itemOf(conversation: Conversation, lastReadSeq: number, userId: string): InboxItem {
	const state = viewFor(stateOf(cardReducer, conversation.id, conversation.lastSeq), userId);
	return {
		id: conversation.id,
		card: state.card!,
		note: state.note,
		fromMe: state.senderId === userId,
		state,
		lastEventAt: conversation.lastEventAt,
		unread: conversation.lastSeq > lastReadSeq,
		group: groupOf(state, userId)
	};
}

/** Cards with something new from the partner, for the badge in the navigation. */
export function unreadCardCount(userId: string): number {
	const couple = activeCoupleOf(userId);
	if (!couple) return 0;
	const row = getDb().get<{ count: number }>(sql`
		select count(*) as count from conversations c
		left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${userId}
		where c.couple_id = ${couple.id} and c.kind = 'async' and c.last_seq > coalesce(r.last_read_seq, 0)`);
	return row?.count ?? 0;
}
