import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, sql } from 'drizzle-orm';
import { isRevealed, type CardState } from '$lib/conversation/card/reducer';
import type { CardEvent } from '$lib/conversation/card/types';
import type { TalkCard } from '$lib/conversation/talk/types';
import {
	NOTICED_CARD_PREFIX,
	NOTICED_CATEGORY,
	NOTICED_DEPTH,
	noticedText,
	type NoticedParts
} from '$lib/deck/noticed';
import { activeCoupleOf, participantsOf, requireActiveCouple } from '../couples/access';
import { firstRow, getDb, transaction } from '../db';
import { conversationReads, conversations, type Conversation } from '../db/schema';
import { toEventCard, type DeckCard } from '../deck/catalog';
import { createCustomCard } from '../deck/custom-cards';
import { bringBack, openSetAsideFor, usableCard } from '../deck/set-aside';
import { AppError } from '../errors';
import { forReading } from '../conversations/gate';
import { insertConversation, type Appended } from '../conversations/log';
import { deeperThanWanted, waitingIsFull } from '../pace/rules';
import { paceOf } from '../pace/settings';
import { cardsWaitingFor } from '../pace/waiting';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { visibleEvents, visibleState } from '../conversations/visibility';

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
	/** "Share mine now": the first answer is readable by the partner at once. */
	shareFirst?: boolean;
	revealTogether: boolean;
};

/**
 * Why a card is not sent now, said kindly. The sender learns only this, at the moment of sending:
 * that a card is kept for talks, that it is deeper than the partner would like by card, or that
 * enough cards wait for them already — never the partner's settings themselves, nor a number.
 */
export class NotSentNow extends AppError {
	constructor(
		readonly reason: 'live-only' | 'depth' | 'waiting',
		partnerName: string
	) {
		super('conflict', notSentMessage(reason, partnerName));
	}
}

export function notSentMessage(reason: NotSentNow['reason'], partnerName: string): string {
	switch (reason) {
		case 'live-only':
			return 'This card is best asked face to face. Keep it for a talk together.';
		case 'depth':
			return `${partnerName} would rather keep cards this deep for a talk together.`;
		case 'waiting':
			return `${partnerName} has a few cards waiting already — this one can wait with you until they've had time.`;
	}
}

/**
 * Whether a card of this depth could be sent to the partner now, as far as the card itself goes
 * (kept for talks, or deeper than the partner would like): what the send page says before any
 * words are written. How many cards wait is checked when sending.
 */
export async function cardRefusal(
	partnerId: string,
	card: Pick<DeckCard, 'depth' | 'liveOnly'>
): Promise<NotSentNow['reason'] | null> {
	if (card.liveOnly) return 'live-only';
	return deeperThanWanted(card.depth, await paceOf(partnerId)) ? 'depth' : null;
}

/** An "I noticed…" card: composed here, never added to the deck (it is about one moment). */
export type NoticedInput = { clientId: string; noticed: NoticedParts };

/** The same send (the same person and clientId) was written meanwhile: this one is undone. */
class SentMeanwhile extends Error {}

export async function sendCard(userId: string, input: SendInput | NoticedInput, now = Date.now()) {
	const couple = await requireActiveCouple(userId);
	const id = conversationIdFor(userId, input.clientId);
	const sent = { conversationId: id, coupleId: couple.id, partnerId: couple.partner.id };
	let appended: Appended | null;
	try {
		// One transaction from the check to the last write, so that a form sent twice at once is
		// sent once: on SQLite the second waits for the first and finds it; on PostgreSQL it meets
		// the first's row when it writes its own, and all it wrote (a card, a bring-back) is undone.
		appended = await transaction(async () => {
			const [existing] = await getDb()
				.select({ id: conversations.id })
				.from(conversations)
				.where(eq(conversations.id, id))
				.limit(1);
			if (existing) return null;

			// The partner's pace first, before anything is written (a card brought back, a card created).
			const partner = couple.partner;
			const chosen =
				!('noticed' in input) && input.cardId
					? await usableCard(couple.id, userId, input.cardId)
					: null;
			const depth = 'noticed' in input ? NOTICED_DEPTH : (chosen?.depth ?? input.depth!);
			const refusal = await cardRefusal(partner.id, chosen ?? { depth });
			if (refusal) throw new NotSentNow(refusal, partner.name);
			if (
				waitingIsFull(
					await cardsWaitingFor(couple.id, userId, partner.id),
					await paceOf(partner.id)
				)
			)
				throw new NotSentNow('waiting', partner.name);

			let talkCard: TalkCard;
			if ('noticed' in input) {
				talkCard = {
					id: `${NOTICED_CARD_PREFIX}${id}`,
					text: noticedText(input.noticed),
					category: NOTICED_CATEGORY,
					depth: NOTICED_DEPTH,
					custom: true
				};
			} else if (chosen) {
				const card = chosen;
				const resting = await openSetAsideFor(couple.id, card.id);
				if (resting) await bringBack(userId, resting.id, now);
				talkCard = toEventCard(card);
			} else {
				// A card written here joins the couple's own deck, so it can be found again.
				talkCard = toEventCard(
					await createCustomCard(
						userId,
						{ text: input.text!, category: input.category!, depth: input.depth! },
						now
					)
				);
			}
			const participants = await participantsOf(userId, couple);
			const written = await insertConversation({
				id,
				coupleId: couple.id,
				kind: 'async',
				startedBy: userId,
				at: now
			});
			if (!written) throw new SentMeanwhile();
			return await record(
				'async',
				id,
				userId,
				input.clientId,
				() => ({
					type: 'card.sent',
					data:
						'noticed' in input
							? {
									participants,
									card: talkCard,
									note: null,
									// The one who noticed reads the answer as soon as it is given: they listen,
									// and have no answer of their own to trade for it.
									revealTogether: false,
									firstAnswer: null,
									noticed: input.noticed
								}
							: {
									participants,
									card: talkCard,
									note: input.note,
									revealTogether: input.revealTogether,
									firstAnswer: input.firstAnswer,
									...(input.firstAnswer !== null && input.shareFirst ? { shareFirst: true } : {})
								}
				}),
				now
			);
		});
	} catch (error) {
		if (!(error instanceof SentMeanwhile)) throw error;
		appended = null;
	}
	if (!appended) return { ...sent, duplicate: true };
	publish(appended.conversation, appended.event);
	return { ...sent, duplicate: false };
}

/** A card as its page shows it: the events this person may see, and whether they may act. */
export async function readCard(userId: string, conversationId: string) {
	const { conversation, writable } = await forReading(userId, conversationId, 'async');
	const events = await visibleEvents<CardEvent>(userId, conversation);
	return { conversation, events, writable };
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
	// The one who noticed waits for the partner's answer; they have none of their own to give.
	if (state.noticed && state.senderId === me) return isRevealed(state) ? 'answered' : 'waiting';
	if (isRevealed(state)) return 'answered';
	if (!state.answers[me]) return 'to-answer';
	return 'waiting';
}

/** The caller's cards (active couple), newest first, grouped the way the inbox shows them. */
export async function inboxOf(userId: string): Promise<InboxItem[]> {
	const couple = await activeCoupleOf(userId);
	if (!couple) return [];
	const rows = await getDb()
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
		.orderBy(desc(conversations.lastEventAt));
	return Promise.all(
		rows.map(({ conversation, lastReadSeq }) => itemOf(conversation, lastReadSeq ?? 0, userId))
	);
}

async function itemOf(
	conversation: Conversation,
	lastReadSeq: number,
	userId: string
): Promise<InboxItem> {
	const state = await visibleState<CardState>(userId, conversation);
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
export async function unreadCardCount(userId: string): Promise<number> {
	const couple = await activeCoupleOf(userId);
	if (!couple) return 0;
	const row = await firstRow<{ count: number }>(sql`
		select count(*) as count from conversations c
		left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${userId}
		where c.couple_id = ${couple.id} and c.kind = 'async' and c.last_seq > coalesce(r.last_read_seq, 0)`);
	return Number(row?.count ?? 0);
}
