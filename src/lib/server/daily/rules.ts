/**
 * The rules of "a question for today", pure so they can be checked across zones and clock changes:
 * when a person's question is due, how deep it may go, and what a due moment does with the
 * couple's latest question (share it, or replace it, so there is never more than one open).
 */
import { DateTime } from 'luxon';
import { DEPTHS, type Depth } from '$lib/deck/types';
import { usableZone } from '$lib/schedule/time';

export type DailyChoice = { enabled: boolean; hour: number; days: string; depth: Depth };

export const DEFAULT_CHOICE: DailyChoice = {
	enabled: false,
	hour: 9,
	days: '1234567',
	depth: 'light'
};

/**
 * The day on this person's own calendar ("2026-03-08") whose question is due at `now`, or null.
 * Due from their hour on their own clock until that day ends, on the days they chose. The hour is
 * wall-clock arithmetic in their zone (luxon): an hour the clocks skip that night comes at the
 * first moment after the gap, and an hour that happens twice counts once, because a day is
 * delivered at most once. Nothing is ever caught up: a day that passed is gone.
 */
export function dueDay(choice: DailyChoice, timeZone: string, now: number): string | null {
	if (!choice.enabled) return null;
	const zone = usableZone(timeZone);
	const local = DateTime.fromMillis(now, { zone });
	if (!choice.days.includes(String(local.weekday))) return null;
	return now >= hourOn(local.toISODate()!, choice.hour, zone) ? local.toISODate() : null;
}

/** The instant of `hour` o'clock on a day of a person's own calendar. */
export function hourOn(localDate: string, hour: number, timeZone: string): number {
	const zone = usableZone(timeZone);
	const day = DateTime.fromISO(localDate, { zone });
	return DateTime.fromObject(
		{ year: day.year, month: day.month, day: day.day, hour },
		{ zone }
	).toMillis();
}

/** The lighter of the two partners' choices: nobody is taken deeper than they asked. */
export function lighterDepth(a: Depth, b: Depth): Depth {
	return DEPTHS[Math.min(DEPTHS.indexOf(a), DEPTHS.indexOf(b))]!;
}

/** Every depth a question may come from, up to and including `deepest`. */
export function depthsUpTo(deepest: Depth): Depth[] {
	return DEPTHS.slice(0, DEPTHS.indexOf(deepest) + 1);
}

/** How long a partner's question stays theirs to share: each gets it at their own hour. */
export const SHARE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type Latest = {
	deliveredTo: readonly string[];
	rested: boolean;
	revealed: boolean;
	drawnAt: number;
};

/**
 * What a person's due moment does with the couple's latest question for today:
 * - `share`: the partner received it within the last day and this person has not: the same
 *   question, now at this person's hour;
 * - `replace`: it is still unanswered (not revealed) and was theirs already: it rests, quietly,
 *   and a new one is drawn — at most one open question for today, never a pile;
 * - `new`: there is none, or it was answered by both, or it rests already.
 */
export function nextStep(
	latest: Latest | null,
	personId: string,
	now: number
): 'share' | 'replace' | 'new' {
	if (!latest || latest.rested) return 'new';
	if (!latest.deliveredTo.includes(personId) && now - latest.drawnAt < SHARE_WINDOW_MS)
		return 'share';
	return latest.revealed ? 'new' : 'replace';
}
