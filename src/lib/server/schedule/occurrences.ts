/**
 * When a planned talk happens. A one-off talk happens once, at `startsAt`. A weekly talk happens
 * every week at the same wall-clock time in the proposer's zone: adding weeks is calendar
 * arithmetic in that zone (luxon), so 20:00 stays 20:00 when the clocks change, and the UTC instant
 * moves by the hour instead. Skipped weeks are named by their start instant.
 */
import { DateTime } from 'luxon';
import { usableZone } from '$lib/schedule/time';

export type Pattern = {
	startsAt: number;
	timeZone: string;
	durationMinutes: number;
	repeat: 'none' | 'weekly';
	skipped: readonly number[];
};

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** "Join now" opens this long before the start (when the "soon" reminder goes out). */
export const JOIN_EARLY_MS = 10 * MINUTE_MS;
/** The longest any series is looked through, as a guard against a runaway loop. */
const MAX_STEPS = 2000;

export function parseSkipped(json: string): number[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
	} catch {
		return [];
	}
}

/** The start of week `n` (0 = the first) of a series: same wall-clock time in its zone. */
export function nthOccurrence(pattern: Pick<Pattern, 'startsAt' | 'timeZone'>, n: number): number {
	return DateTime.fromMillis(pattern.startsAt, { zone: usableZone(pattern.timeZone) })
		.plus({ weeks: n })
		.toMillis();
}

export const endOf = (pattern: Pick<Pattern, 'durationMinutes'>, occurrenceAt: number) =>
	occurrenceAt + pattern.durationMinutes * MINUTE_MS;

/**
 * Occurrences starting in [from, to), oldest first; skipped weeks are left out unless asked for.
 */
export function occurrencesBetween(
	pattern: Pattern,
	from: number,
	to: number,
	options: { includeSkipped?: boolean } = {}
): number[] {
	const skipped = new Set(pattern.skipped);
	const keep = (at: number) =>
		at >= from && at < to && (options.includeSkipped || !skipped.has(at));
	if (pattern.repeat === 'none') return keep(pattern.startsAt) ? [pattern.startsAt] : [];
	const found: number[] = [];
	// Daylight saving moves an occurrence by an hour at most: start a week early to be sure.
	let n = Math.max(0, Math.floor((from - pattern.startsAt) / WEEK_MS) - 1);
	for (let steps = 0; steps < MAX_STEPS; steps++, n++) {
		const at = nthOccurrence(pattern, n);
		if (at >= to) break;
		if (keep(at)) found.push(at);
	}
	return found;
}

/** The next `count` occurrences that have not ended by `now` (one in progress counts). */
export function nextOccurrences(
	pattern: Pattern,
	now: number,
	count: number,
	options: { includeSkipped?: boolean } = {}
): number[] {
	const durationMs = pattern.durationMinutes * MINUTE_MS;
	if (pattern.repeat === 'none') {
		const at = pattern.startsAt;
		const skipped = pattern.skipped.includes(at) && !options.includeSkipped;
		return at + durationMs > now && !skipped && count > 0 ? [at] : [];
	}
	const found: number[] = [];
	let from = now - durationMs;
	// Look a few weeks at a time until enough are found (skipped weeks may be in the way).
	for (let round = 0; found.length < count && round < 50; round++) {
		const to = from + Math.max(count, 4) * WEEK_MS;
		for (const at of occurrencesBetween(pattern, from, to, options)) {
			if (found.length < count && at + durationMs > now) found.push(at);
		}
		from = to;
	}
	return found;
}

/** The next occurrence that has not ended, if any. */
export function nextOccurrence(pattern: Pattern, now: number): number | null {
	return nextOccurrences(pattern, now, 1)[0] ?? null;
}

/** True when `instant` is the start of one of the series' weeks (skipped or not). */
export function isOccurrence(pattern: Pattern, instant: number): boolean {
	return occurrencesBetween(pattern, instant, instant + 1, { includeSkipped: true }).length === 1;
}

/** The occurrence one can join now: from 10 minutes before its start until its end. */
export function joinableOccurrence(pattern: Pattern, now: number): number | null {
	const next = nextOccurrence(pattern, now);
	if (next === null) return null;
	return now >= next - JOIN_EARLY_MS && now < endOf(pattern, next) ? next : null;
}
