import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { CheckinState } from '$lib/conversation/checkin/reducer';
import { phaseOf, type Turn } from '$lib/conversation/round';
import type { TalkState } from '$lib/conversation/talk/reducer';
import type { LastTime } from '$lib/conversation/checkin/last-time';
import { activeCoupleOf } from '../couples/access';
import { getDb } from '../db';
import { conversations, setAsides, type Conversation } from '../db/schema';
import { visibleState } from '../conversations/visibility';

export type { LastTime };

/** How many of one's own resting cards "Last time" offers, newest first. */
const RESTING_SHOWN = 3;

async function latestEnded(
	coupleId: string,
	kinds: ('live' | 'checkin')[],
	exceptId?: string
): Promise<Conversation | undefined> {
	const rows = await getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, coupleId),
				inArray(conversations.kind, kinds),
				eq(conversations.status, 'ended')
			)
		)
		.orderBy(desc(conversations.endedAt), desc(conversations.lastEventAt))
		.limit(2);
	return rows.find((c) => c.id !== exceptId);
}

/**
 * "Last time", for the opening of a check-in or a live talk, as this person may see it: what was
 * confirmed understood in the couple's latest finished check-in or talk, the small things asked
 * for in their latest finished check-in, and — for this person only — cards they set aside that
 * might be brought back. Every word comes through the visibility rule; the set-asides are the
 * viewer's own rows, never the partner's. Null when there is nothing to show.
 */
export async function lastTimeFor(userId: string, exceptId?: string): Promise<LastTime | null> {
	const couple = await activeCoupleOf(userId);
	if (!couple) return null;
	const name = (id: string) => (id === userId ? 'You' : couple.partner.name);
	const heardIn = (turns: readonly Turn[]) =>
		turns.flatMap((turn) => {
			const last = turn.reflections.at(-1);
			if (phaseOf(turn) !== 'complete' || !last || last.verdict !== 'confirmed' || !last.text)
				return [];
			return [
				{
					listener: name(turn.listenerId),
					speaker: name(turn.speakerId),
					text: last.text,
					feelings: last.heard ?? last.feelings
				}
			];
		});

	const latest = await latestEnded(couple.id, ['live', 'checkin'], exceptId);
	let heard: LastTime['heard'] = [];
	if (latest) {
		if (latest.kind === 'live') {
			const state = await visibleState<TalkState>(userId, latest);
			heard = heardIn(state.rounds.flatMap((round) => round.turns));
		} else {
			heard = heardIn((await visibleState<CheckinState>(userId, latest)).mind ?? []);
		}
	}

	const checkin: Conversation | undefined =
		latest?.kind === 'checkin' ? latest : await latestEnded(couple.id, ['checkin'], exceptId);
	const asked = checkin
		? (await visibleState<CheckinState>(userId, checkin)).entries.flatMap((entry) =>
				entry.step === 'help' && entry.text ? [{ who: name(entry.by), text: entry.text }] : []
			)
		: [];

	// Set aside by this person, in this couple, still resting: theirs alone to bring back.
	const resting = await getDb()
		.select({ id: setAsides.id, text: setAsides.cardText })
		.from(setAsides)
		.where(
			and(
				eq(setAsides.coupleId, couple.id),
				eq(setAsides.userId, userId),
				isNull(setAsides.broughtBackAt)
			)
		)
		.orderBy(desc(setAsides.setAsideAt), desc(setAsides.id))
		.limit(RESTING_SHOWN);

	if (!heard.length && !asked.length && !resting.length) return null;
	return {
		at: latest?.endedAt ?? latest?.lastEventAt ?? null,
		heard,
		asked,
		resting
	};
}
