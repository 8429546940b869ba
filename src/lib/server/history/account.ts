import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Erasure } from '$lib/conversation/kind';
import { kinds } from '$lib/conversation/kinds';
import { KIND_LABELS } from '$lib/conversation/labels';
import { transcriptMarkdown } from '$lib/conversation/transcript';
import { getDb } from '../db';
import {
	conversations,
	coupleMembers,
	couples,
	customCards,
	events,
	moments,
	privateNotes,
	schedules,
	setAsides,
	users
} from '../db/schema';
import { CUSTOM_CARD_PREFIX } from '$lib/schemas/deck';
import { forgetStates, toWire } from '../conversations/log';
import { forgetAllDecks } from '../deck/couple-decks';
import { indexEvent } from '../conversations/search-index';
import { visibleEvents } from '../conversations/visibility';
import { conversationTranscript, coupleIdsOf, FORMER_PARTNER, namesFor } from './history';

/** Everything this person can see, and nothing else, as one JSON document. */
export function exportData(userId: string) {
	const db = getDb();
	const me = db.select().from(users).where(eq(users.id, userId)).get();
	const coupleIds = coupleIdsOf(userId);
	const couplesOut = coupleIds.map((coupleId) => {
		const couple = db.select().from(couples).where(eq(couples.id, coupleId)).get()!;
		const partnerId = db
			.select({ id: coupleMembers.userId })
			.from(coupleMembers)
			.where(and(eq(coupleMembers.coupleId, coupleId), sql`${coupleMembers.userId} <> ${userId}`))
			.get()?.id;
		const names = namesFor(userId, [partnerId ?? null]);
		const convs = db.select().from(conversations).where(eq(conversations.coupleId, coupleId)).all();
		return {
			id: couple.id,
			name: couple.name,
			partner: partnerId ? names(partnerId) : FORMER_PARTNER,
			createdAt: couple.createdAt,
			endedAt: couple.endedAt,
			customCards: db
				.select({
					id: customCards.id,
					text: customCards.text,
					category: customCards.category,
					depth: customCards.depth
				})
				.from(customCards)
				.where(eq(customCards.coupleId, coupleId))
				.all(),
			schedules: db
				.select({
					id: schedules.id,
					startsAt: schedules.startsAt,
					timeZone: schedules.timeZone,
					intention: schedules.intention,
					repeat: schedules.repeat,
					status: schedules.status
				})
				.from(schedules)
				.where(eq(schedules.coupleId, coupleId))
				.all(),
			conversations: convs.flatMap((c) => {
				const events = visibleEvents(userId, c);
				// A question for today that has not reached this person is not in their export.
				if (events.length === 0 && c.lastSeq > 0) return [];
				return [
					{
						id: c.id,
						kind: c.kind,
						status: c.status,
						createdAt: c.createdAt,
						events,
						transcript: conversationTranscript(userId, c),
						moments: db
							.select({ seq: moments.seq })
							.from(moments)
							.where(eq(moments.conversationId, c.id))
							.all()
							.map((m) => m.seq)
					}
				];
			})
		};
	});
	return {
		exportedAt: new Date().toISOString(),
		account: me && {
			name: me.name,
			email: me.email,
			timeZone: me.timeZone,
			createdAt: me.createdAt
		},
		couples: couplesOut,
		privateNotes: db
			.select({
				conversationId: privateNotes.conversationId,
				text: privateNotes.text,
				updatedAt: privateNotes.updatedAt
			})
			.from(privateNotes)
			.where(eq(privateNotes.userId, userId))
			.all(),
		setAside: db
			.select({
				cardId: setAsides.cardId,
				cardText: setAsides.cardText,
				setAsideAt: setAsides.setAsideAt,
				broughtBackAt: setAsides.broughtBackAt
			})
			.from(setAsides)
			.where(eq(setAsides.userId, userId))
			.all()
	};
}

export function exportMarkdown(userId: string, timeZone: string): string {
	const data = exportData(userId);
	const parts = [`# Hearth — ${data.account?.name ?? ''}`, '', `Exported ${data.exportedAt}.`, ''];
	for (const couple of data.couples) {
		parts.push(`# Your space with ${couple.partner}`, '');
		for (const c of couple.conversations) {
			const title = `${KIND_LABELS[c.kind].short} — ${new Date(c.createdAt).toISOString().slice(0, 10)}`;
			parts.push(transcriptMarkdown(title, c.transcript, timeZone), '');
		}
	}
	if (data.privateNotes.length) {
		parts.push('# Your private notes', '');
		for (const note of data.privateNotes) parts.push(`- ${note.text}`);
	}
	return parts.join('\n');
}

/**
 * Deletes an account as the settings page promises: sessions, account, private notes and push
 * subscriptions go (foreign keys cascade); in the history a partner keeps, this person's words are
 * removed and their name becomes "Former partner"; a couple with nobody left is removed entirely.
 * History is otherwise never edited: this is the one rewrite, and it is the person's right.
 */
export function deleteAccount(userId: string) {
	const db = getDb();
	const coupleIds = coupleIdsOf(userId);
	const touched = new Set<string>();
	db.transaction((tx) => {
		if (coupleIds.length) {
			const erasure: Erasure = {
				userId,
				formerName: FORMER_PARTNER,
				cardIds: new Set(
					tx
						.select({ id: customCards.id })
						.from(customCards)
						.where(eq(customCards.authorId, userId))
						.all()
						.map((c) => `${CUSTOM_CARD_PREFIX}${c.id}`)
				),
				planIds: new Set(
					tx
						.select({ id: schedules.id })
						.from(schedules)
						.where(eq(schedules.proposedBy, userId))
						.all()
						.map((s) => s.id)
				)
			};
			const convs = tx
				.select({
					id: conversations.id,
					kind: conversations.kind,
					coupleId: conversations.coupleId
				})
				.from(conversations)
				.where(inArray(conversations.coupleId, coupleIds))
				.all();
			for (const { id: conversationId, kind: kindName, coupleId } of convs) {
				touched.add(conversationId);
				const kind = kinds[kindName];
				const rows = tx
					.select()
					.from(events)
					.where(eq(events.conversationId, conversationId))
					.all();
				for (const row of rows) {
					const next = kind.scrub(toWire(row), erasure);
					const payload = JSON.stringify(next);
					if (payload !== row.payload) {
						tx.update(events)
							.set({ payload })
							.where(and(eq(events.conversationId, conversationId), eq(events.seq, row.seq)))
							.run();
					}
				}
				// The index is rebuilt from the scrubbed events: no word of theirs stays findable.
				tx.run(sql`delete from search_index where conversation_id = ${conversationId}`);
				for (const row of tx
					.select()
					.from(events)
					.where(eq(events.conversationId, conversationId))
					.all()) {
					indexEvent(kind, coupleId, conversationId, toWire(row));
				}
				tx.run(
					sql`delete from search_index where conversation_id = ${conversationId} and actor_id = ${userId}`
				);
			}
			// Their words in plans: the intentions they wrote, and their answers to the partner's plans.
			tx.update(schedules)
				.set({ intention: null })
				.where(and(inArray(schedules.coupleId, coupleIds), eq(schedules.proposedBy, userId)))
				.run();
			tx.update(schedules)
				.set({ responseNote: null })
				.where(
					and(inArray(schedules.coupleId, coupleIds), sql`${schedules.proposedBy} is not ${userId}`)
				)
				.run();
			// A card they wrote that the partner set aside keeps its place, not their words.
			if (erasure.cardIds.size)
				tx.update(setAsides)
					.set({ cardText: `A card ${erasure.formerName} wrote` })
					.where(
						and(
							inArray(setAsides.coupleId, coupleIds),
							inArray(setAsides.cardId, [...erasure.cardIds])
						)
					)
					.run();
			tx.delete(customCards).where(eq(customCards.authorId, userId)).run();
			// Leaving: the partner keeps the space as read-only history.
			tx.update(couples)
				.set({ endedAt: Date.now() })
				.where(and(inArray(couples.id, coupleIds), sql`${couples.endedAt} is null`))
				.run();
			tx.update(coupleMembers)
				.set({ active: false })
				.where(inArray(coupleMembers.coupleId, coupleIds))
				.run();
		}
		tx.delete(users).where(eq(users.id, userId)).run();
		// A couple with nobody left is removed entirely (its conversations and events cascade).
		tx.run(sql`delete from couples where id not in (select couple_id from couple_members)`);
		tx.run(sql`delete from search_index where couple_id not in (select id from couples)`);
	});
	forgetStates(touched);
	forgetAllDecks();
	return { coupleIds };
}
