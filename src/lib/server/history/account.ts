import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Erasure } from '$lib/conversation/kind';
import { isSignal, kinds } from '$lib/conversation/kinds';
import { KIND_LABELS } from '$lib/conversation/labels';
import { transcriptMarkdown } from '$lib/conversation/transcript';
import { execute, getDb, rows as sqlRows, transaction } from '../db';
import { jsonText } from '../db/sql';
import {
	conversations,
	coupleMembers,
	heldPushes,
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
import { NOTICED_CARD_PREFIX } from '$lib/deck/noticed';
import { forgetStates, toWire } from '../conversations/log';
import { forgetAllDecks } from '../deck/couple-decks';
import { indexEvent } from '../conversations/search-index';
import { visibleEvents } from '../conversations/visibility';
import { conversationTranscript, coupleIdsOf, FORMER_PARTNER, namesFor } from './history';

/** Everything this person can see, and nothing else, as one JSON document. */
export async function exportData(userId: string) {
	const db = getDb();
	const [me] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
	const coupleIds = await coupleIdsOf(userId);
	const couplesOut = [];
	for (const coupleId of coupleIds) {
		const [couple] = await db.select().from(couples).where(eq(couples.id, coupleId)).limit(1);
		const [partner] = await db
			.select({ id: coupleMembers.userId })
			.from(coupleMembers)
			.where(and(eq(coupleMembers.coupleId, coupleId), sql`${coupleMembers.userId} <> ${userId}`))
			.limit(1);
		const partnerId = partner?.id;
		const names = await namesFor(userId, [partnerId ?? null]);
		const convs = await db.select().from(conversations).where(eq(conversations.coupleId, coupleId));
		const conversationsOut = [];
		for (const c of convs) {
			// A signal (an open door) is not kept as history: it says nothing once it has closed.
			if (isSignal(c.kind)) continue;
			const events = await visibleEvents(userId, c);
			// A question for today that has not reached this person is not in their export.
			if (events.length === 0 && c.lastSeq > 0) continue;
			conversationsOut.push({
				id: c.id,
				kind: c.kind,
				status: c.status,
				createdAt: c.createdAt,
				events,
				transcript: await conversationTranscript(userId, c),
				moments: (
					await db
						.select({ seq: moments.seq })
						.from(moments)
						.where(eq(moments.conversationId, c.id))
				).map((m) => m.seq)
			});
		}
		couplesOut.push({
			id: couple!.id,
			name: couple!.name,
			partner: partnerId ? names(partnerId) : FORMER_PARTNER,
			createdAt: couple!.createdAt,
			endedAt: couple!.endedAt,
			customCards: await db
				.select({
					id: customCards.id,
					text: customCards.text,
					category: customCards.category,
					depth: customCards.depth
				})
				.from(customCards)
				.where(eq(customCards.coupleId, coupleId)),
			schedules: await db
				.select({
					id: schedules.id,
					startsAt: schedules.startsAt,
					timeZone: schedules.timeZone,
					intention: schedules.intention,
					repeat: schedules.repeat,
					status: schedules.status
				})
				.from(schedules)
				.where(eq(schedules.coupleId, coupleId)),
			conversations: conversationsOut
		});
	}
	return {
		exportedAt: new Date().toISOString(),
		account: me && {
			name: me.name,
			email: me.email,
			timeZone: me.timeZone,
			createdAt: me.createdAt
		},
		couples: couplesOut,
		privateNotes: await db
			.select({
				conversationId: privateNotes.conversationId,
				text: privateNotes.text,
				updatedAt: privateNotes.updatedAt
			})
			.from(privateNotes)
			.where(eq(privateNotes.userId, userId)),
		setAside: await db
			.select({
				cardId: setAsides.cardId,
				cardText: setAsides.cardText,
				setAsideAt: setAsides.setAsideAt,
				broughtBackAt: setAsides.broughtBackAt
			})
			.from(setAsides)
			.where(eq(setAsides.userId, userId))
	};
}

export async function exportMarkdown(userId: string, timeZone: string): Promise<string> {
	const data = await exportData(userId);
	const parts = [`# Hearth — ${data.account?.name ?? ''}`, '', `Exported ${data.exportedAt}.`, ''];
	for (const couple of data.couples) {
		parts.push(`# Your space with ${couple.partner}`, '');
		for (const c of couple.conversations) {
			const title = `${KIND_LABELS[c.kind].tag} — ${new Date(c.createdAt).toISOString().slice(0, 10)}`;
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
export async function deleteAccount(userId: string) {
	let coupleIds: string[] = [];
	const touched = new Set<string>();
	await transaction(async (tx) => {
		coupleIds = await coupleIdsOf(userId);
		if (coupleIds.length) {
			const erasure: Erasure = {
				userId,
				formerName: FORMER_PARTNER,
				cardIds: new Set([
					...(
						await tx
							.select({ id: customCards.id })
							.from(customCards)
							.where(eq(customCards.authorId, userId))
					).map((c) => `${CUSTOM_CARD_PREFIX}${c.id}`),
					// The "I noticed…" cards they composed: their words, wherever the card was copied.
					...(
						await sqlRows<{ id: string }>(
							sql`select ${jsonText(sql`e.payload`, 'card', 'id')} as id from events e
								join conversations c on c.id = e.conversation_id
								where e.type = 'card.sent' and e.actor_id = ${userId}
									and ${jsonText(sql`e.payload`, 'card', 'id')} like ${`${NOTICED_CARD_PREFIX}%`}
									and c.couple_id in (${sql.join(
										coupleIds.map((id) => sql`${id}`),
										sql`, `
									)})`
						)
					).map((r) => r.id)
				]),
				planIds: new Set(
					(
						await tx
							.select({ id: schedules.id })
							.from(schedules)
							.where(eq(schedules.proposedBy, userId))
					).map((s) => s.id)
				)
			};
			const convs = await tx
				.select({
					id: conversations.id,
					kind: conversations.kind,
					coupleId: conversations.coupleId
				})
				.from(conversations)
				.where(inArray(conversations.coupleId, coupleIds));
			for (const { id: conversationId, kind: kindName, coupleId } of convs) {
				touched.add(conversationId);
				const kind = kinds[kindName];
				const rows = await tx
					.select()
					.from(events)
					.where(eq(events.conversationId, conversationId));
				for (const row of rows) {
					const next = kind.scrub(toWire(row), erasure);
					const payload = JSON.stringify(next);
					if (payload !== row.payload) {
						await tx
							.update(events)
							.set({ payload })
							.where(and(eq(events.conversationId, conversationId), eq(events.seq, row.seq)));
					}
				}
				// The index is rebuilt from the scrubbed events: no word of theirs stays findable.
				await execute(sql`delete from search_index where conversation_id = ${conversationId}`);
				for (const row of await tx
					.select()
					.from(events)
					.where(eq(events.conversationId, conversationId))) {
					await indexEvent(kind, coupleId, conversationId, toWire(row));
				}
				await execute(
					sql`delete from search_index where conversation_id = ${conversationId} and actor_id = ${userId}`
				);
			}
			// Notifications still held through a partner's quiet hours may name them: they go too.
			await tx
				.delete(heldPushes)
				.where(
					inArray(
						heldPushes.userId,
						tx
							.select({ id: coupleMembers.userId })
							.from(coupleMembers)
							.where(inArray(coupleMembers.coupleId, coupleIds))
					)
				);
			// Their words in plans: the intentions they wrote, and their answers to the partner's plans.
			await tx
				.update(schedules)
				.set({ intention: null })
				.where(and(inArray(schedules.coupleId, coupleIds), eq(schedules.proposedBy, userId)));
			await tx
				.update(schedules)
				.set({ responseNote: null })
				.where(
					and(
						inArray(schedules.coupleId, coupleIds),
						sql`${schedules.proposedBy} is distinct from ${userId}`
					)
				);
			// A card they wrote that the partner set aside keeps its place, not their words.
			if (erasure.cardIds.size)
				await tx
					.update(setAsides)
					.set({ cardText: `A card ${erasure.formerName} wrote` })
					.where(
						and(
							inArray(setAsides.coupleId, coupleIds),
							inArray(setAsides.cardId, [...erasure.cardIds])
						)
					);
			await tx.delete(customCards).where(eq(customCards.authorId, userId));
			// Leaving: the partner keeps the space as read-only history.
			await tx
				.update(couples)
				.set({ endedAt: Date.now() })
				.where(and(inArray(couples.id, coupleIds), sql`${couples.endedAt} is null`));
			await tx
				.update(coupleMembers)
				.set({ active: false })
				.where(inArray(coupleMembers.coupleId, coupleIds));
		}
		await tx.delete(users).where(eq(users.id, userId));
		// A couple with nobody left is removed entirely (its conversations and events cascade).
		await execute(sql`delete from couples where id not in (select couple_id from couple_members)`);
		await execute(sql`delete from search_index where couple_id not in (select id from couples)`);
	});
	forgetStates(touched);
	forgetAllDecks();
	return { coupleIds };
}
