/**
 * A pace of one's own, as pure rules: what a person chose, and what it means for a card sent to
 * them or a notification that reaches them. Nothing here reads the clock or the database.
 */
import { DateTime } from 'luxon';
import { DEPTHS, type Depth } from '$lib/deck/types';

/** From and until, in minutes after midnight on the person's own clock ("22:30" is 1350). */
export type QuietHours = { from: number; until: number };

export type Pace = {
	/** The deepest card this person is happy to receive as a sent card. */
	deepestSent: Depth;
	/** How many sent cards may wait for their answer at once; null is no limit. */
	waitingLimit: number | null;
	/** The time of day, on their own clock, when no notification reaches them; null is none. */
	quiet: QuietHours | null;
};

/**
 * Nothing is held back until a person asks for it: every depth, no limit, no quiet hours. A limit
 * someone did not choose would speak for them, and would refuse their partner for no reason of
 * theirs; whoever feels rushed sets their own in settings.
 */
export const DEFAULT_PACE: Pace = { deepestSent: 'vulnerable', waitingLimit: null, quiet: null };

/** Whether a card this deep is one the recipient would rather keep for a talk together. */
export function deeperThanWanted(depth: Depth, pace: Pace): boolean {
	return DEPTHS.indexOf(depth) > DEPTHS.indexOf(pace.deepestSent);
}

/** Whether enough sent cards wait for this person already (those they set aside are not waiting). */
export function waitingIsFull(waiting: number, pace: Pace): boolean {
	return pace.waitingLimit !== null && waiting >= pace.waitingLimit;
}

/**
 * Whether `now` falls in the quiet hours, on the person's own clock: from the start minute up to
 * (not including) the end minute, across midnight when the end comes first ("22:30 to 07:00").
 */
export function inQuietHours(quiet: QuietHours | null, zone: string, now: number): boolean {
	if (!quiet || quiet.from === quiet.until) return false;
	const local = DateTime.fromMillis(now, { zone });
	const clock = local.isValid ? local : DateTime.fromMillis(now, { zone: 'UTC' });
	const minute = clock.hour * 60 + clock.minute;
	return quiet.from < quiet.until
		? minute >= quiet.from && minute < quiet.until
		: minute >= quiet.from || minute < quiet.until;
}
