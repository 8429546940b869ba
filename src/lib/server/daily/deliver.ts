/**
 * Delivering the question for today. `deliverDueQuestions(now)` takes the clock as an argument,
 * like the planned-talk reminders, so tests set the time instead of waiting; the server calls it
 * every 30 seconds and right after someone saves their choice. It only ever runs for couples in
 * which both partners have it turned on.
 *
 * Each person's day is claimed with an INSERT on (person, day of their own calendar) inside the
 * transaction that delivers, so a restart or a second process never delivers twice. A person due
 * shares the question their partner received within the last day; otherwise a new one is drawn by
 * the picker (unused first, never a card someone set aside, no deeper than the lighter of the two
 * choices) and an unanswered earlier one rests, quietly: at most one open question at a time.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { dailyKind } from '$lib/conversation/daily/kind';
import { isRevealed } from '$lib/conversation/daily/reducer';
import type { Depth } from '$lib/deck/types';
import { getDb, rows, transaction } from '../db';
import { conversations, dailyDeliveries } from '../db/schema';
import { forgetDeck } from '../deck/couple-decks';
import { pickNextCard, type PickedCard } from '../deck/picker';
import { toEventCard } from '../deck/catalog';
import { stateOf, insertConversation } from '../conversations/log';
import { record } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import type { Appended } from '../conversations/log';
import { sendPush } from '../push/push';
import { isOnline, sendToUser } from '../hub';
import { depthsUpTo, dueDay, lighterDepth, nextStep, type DailyChoice } from './rules';

export const DAILY_SWEEP_MS = 30 * 1000;

/** The push says this and nothing else: never the question, never a name, never a count. */
export const DAILY_PUSH_TEXT = "Today's question is here";

type Member = { userId: string; name: string; timeZone: string; choice: DailyChoice };

export type Delivered = {
	coupleId: string;
	userId: string;
	conversationId: string;
	localDate: string;
	/** A new question was drawn (rather than the partner's shared). */
	drawn: boolean;
};

/** Couples whose two active members both turned it on, with each one's choice and zone. */
async function optedInCouples(): Promise<Map<string, Member[]>> {
	const found = await rows<{
		couple_id: string;
		user_id: string;
		name: string;
		time_zone: string;
		hour: number;
		days: string;
		depth: Depth;
	}>(sql`
		select m.couple_id, u.id as user_id, u.name, u.time_zone, s.hour, s.days, s.depth
		from couple_members m
		join couples c on c.id = m.couple_id and c.ended_at is null
		join users u on u.id = m.user_id
		join daily_question_settings s on s.user_id = m.user_id and s.enabled = true
		where m.active = true
			and (select count(*) from couple_members m2
				join daily_question_settings s2 on s2.user_id = m2.user_id and s2.enabled = true
				where m2.couple_id = m.couple_id and m2.active = true) = 2
		order by m.couple_id, m.joined_at, u.id`);
	const couples = new Map<string, Member[]>();
	for (const r of found) {
		const member: Member = {
			userId: r.user_id,
			name: r.name,
			timeZone: r.time_zone,
			choice: { enabled: true, hour: Number(r.hour), days: r.days, depth: r.depth }
		};
		couples.set(r.couple_id, [...(couples.get(r.couple_id) ?? []), member]);
	}
	return couples;
}

/** Delivers every question due at `now` that was not delivered before; returns what it did. */
export async function deliverDueQuestions(now = Date.now()): Promise<Delivered[]> {
	const done: Delivered[] = [];
	for (const [coupleId, members] of await optedInCouples()) {
		if (members.length !== 2) continue;
		for (const person of members) {
			const localDate = dueDay(person.choice, person.timeZone, now);
			if (!localDate) continue;
			const delivered = await deliverTo(coupleId, members, person, localDate, now);
			if (delivered) done.push(delivered);
		}
	}
	return done;
}

/**
 * A card for the couple from every depth both allow: one never used first, at random; never one
 * kept for live talks (a question for today is answered alone).
 */
export async function pickDailyCard(coupleId: string, deepest: Depth): Promise<PickedCard | null> {
	const picks: PickedCard[] = [];
	for (const depth of depthsUpTo(deepest)) {
		const picked = await pickNextCard(coupleId, { depth, away: true });
		if (picked) picks.push(picked);
	}
	const fresh = picks.filter((p) => !p.exhausted);
	if (fresh.length) return fresh[Math.floor(Math.random() * fresh.length)]!;
	return picks[0] ?? null;
}

async function latestQuestion(coupleId: string) {
	const [latest] = await getDb()
		.select()
		.from(conversations)
		.where(and(eq(conversations.coupleId, coupleId), eq(conversations.kind, 'daily')))
		.orderBy(desc(conversations.createdAt), desc(conversations.id))
		.limit(1);
	return latest;
}

/** Another process claimed this person's day first: its delivery stands, this one is undone. */
class ClaimedElsewhere extends Error {}

async function deliverTo(
	coupleId: string,
	members: Member[],
	person: Member,
	localDate: string,
	now: number
): Promise<Delivered | null> {
	let result;
	try {
		result = await transaction(async () => {
			const db = getDb();
			const [claimed] = await db
				.select({ at: dailyDeliveries.deliveredAt })
				.from(dailyDeliveries)
				.where(
					and(eq(dailyDeliveries.userId, person.userId), eq(dailyDeliveries.localDate, localDate))
				)
				.limit(1);
			if (claimed) return null;

			const appended: Appended[] = [];
			const latest = await latestQuestion(coupleId);
			const state = latest ? await stateOf(dailyKind, latest) : null;
			const step = nextStep(
				state && latest
					? {
							deliveredTo: state.deliveredTo,
							rested: state.rested,
							revealed: isRevealed(state),
							drawnAt: state.sentAt ?? latest.createdAt
						}
					: null,
				person.userId,
				now
			);
			let conversationId: string;
			if (step === 'share' && latest) {
				conversationId = latest.id;
			} else {
				const deepest = lighterDepth(members[0]!.choice.depth, members[1]!.choice.depth);
				const picked = await pickDailyCard(coupleId, deepest);
				if (!picked) return null; // every card rests for now: nothing to ask today
				if (step === 'replace' && latest) {
					appended.push(
						await record(
							'daily',
							latest.id,
							null,
							null,
							() => ({ type: 'question.rested', data: {} }),
							now
						)
					);
				}
				conversationId = crypto.randomUUID();
				await insertConversation({
					id: conversationId,
					coupleId,
					kind: 'daily',
					startedBy: null,
					at: now
				});
				const participants = [person, ...members.filter((m) => m !== person)].map((m) => ({
					id: m.userId,
					name: m.name
				}));
				const card = toEventCard(picked.card);
				appended.push(
					await record(
						'daily',
						conversationId,
						null,
						null,
						() => ({ type: 'question.drawn', data: { participants, card } }),
						now
					)
				);
			}
			// The claim. Read above, it can still be taken meanwhile by another process (PostgreSQL):
			// then nothing of this delivery is kept.
			const claim = await db
				.insert(dailyDeliveries)
				.values({ userId: person.userId, localDate, conversationId, deliveredAt: now })
				.onConflictDoNothing()
				.returning({ userId: dailyDeliveries.userId });
			if (claim.length === 0) throw new ClaimedElsewhere();
			appended.push(
				await record(
					'daily',
					conversationId,
					null,
					null,
					() => ({ type: 'question.delivered', data: { to: person.userId } }),
					now
				)
			);
			return { conversationId, appended, drawn: step !== 'share' };
		});
	} catch (error) {
		// An undone draw may have been noted in the couple's deck in memory.
		forgetDeck(coupleId);
		if (error instanceof ClaimedElsewhere) return null;
		throw error;
	}
	if (!result) return null;
	for (const a of result.appended) publish(a.conversation, a.event);
	sendToUser(person.userId, 'daily:arrived', { conversationId: result.conversationId });
	void pushIfAway(person.userId, result.conversationId, now).catch((error) =>
		console.error('[push] question for today not delivered', { reason: (error as Error).name })
	);
	return {
		coupleId,
		userId: person.userId,
		conversationId: result.conversationId,
		localDate,
		drawn: result.drawn
	};
}

/** A calm notice on open pages is enough; with none open, a push that holds no words. */
async function pushIfAway(userId: string, conversationId: string, now: number) {
	if (await isOnline(userId)) return;
	// In the person's quiet hours (an hour they chose inside them), it waits until they end.
	await sendPush(
		userId,
		{ title: 'Hearth', body: DAILY_PUSH_TEXT, url: `/today/${conversationId}` },
		now
	);
}
