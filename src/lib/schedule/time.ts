/**
 * Times of scheduled talks as each partner reads them: in their own zone, and in both zones when
 * the two differ ("Tue 20:00 for you · 19:00 for Sam"). Shared by server and browser; pages get the
 * strings ready-made from their load, so the browser rarely needs luxon at all.
 */
import { DateTime } from 'luxon';

/** 24-hour clock and "Tue 4 Mar": short, unambiguous on a phone. */
const LOCALE = 'en-GB';

/** A zone we can use: the given one when the runtime knows it, else UTC (never "Invalid DateTime"). */
export function usableZone(zone: string | null | undefined): string {
	if (!zone) return 'UTC';
	return DateTime.now().setZone(zone).isValid ? zone : 'UTC';
}

export function inZone(instant: number, zone: string): DateTime {
	return DateTime.fromMillis(instant, { zone: usableZone(zone) }).setLocale(LOCALE);
}

export type LocalParts = {
	/** "Tue" */
	weekday: string;
	/** "4 Mar" */
	date: string;
	/** "20:00" */
	time: string;
	/** "2025-03-04", to compare days */
	day: string;
};

export function localParts(instant: number, zone: string): LocalParts {
	const dt = inZone(instant, zone);
	return {
		weekday: dt.toFormat('ccc'),
		date: dt.toFormat('d LLL'),
		time: dt.toFormat('HH:mm'),
		day: dt.toFormat('yyyy-MM-dd')
	};
}

/**
 * One instant for the viewer, with the partner's local time when it reads differently:
 * "Tue 20:00 for you · 19:00 for Sam", or with the date, "Tue 4 Mar, 20:00 for you · 19:00 for Sam".
 * The partner's day is named too when it is another day for them ("… · Mon 3 Mar, 23:00 for Sam").
 */
export function describeTime(
	instant: number,
	viewerZone: string,
	partnerZone: string,
	partnerName: string,
	options: { date?: boolean } = {}
): string {
	const withDate = options.date ?? false;
	const mine = localParts(instant, viewerZone);
	const theirs = localParts(instant, partnerZone);
	const day = (p: LocalParts) => (withDate ? `${p.weekday} ${p.date}, ` : `${p.weekday} `);
	const head = `${day(mine)}${mine.time}`;
	if (mine.day === theirs.day && mine.time === theirs.time) return head;
	const other = mine.day === theirs.day ? theirs.time : `${day(theirs)}${theirs.time}`;
	return `${head} for you · ${other} for ${partnerName}`;
}

/** "30 minutes", "1 hour", "1 hour 30 minutes". */
export function durationLabel(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	const h = hours === 1 ? '1 hour' : `${hours} hours`;
	const m = rest === 1 ? '1 minute' : `${rest} minutes`;
	if (hours === 0) return m;
	return rest === 0 ? h : `${h} ${m}`;
}

/** "Every Tuesday" in the viewer's zone (the weekday can differ between partners). */
export function weeklyLabel(instant: number, zone: string): string {
	return `Every ${inZone(instant, zone).toFormat('cccc')}`;
}

/** "America/New_York" → "New York", for hints like "in your time (New York)". */
export function zoneLabel(zone: string): string {
	const city = zone.split('/').pop() ?? zone;
	return city.replaceAll('_', ' ');
}

/** The day and time a form shows for an instant, in a zone: { date: '2025-03-04', time: '20:00' }. */
export function formDateTime(instant: number, zone: string): { date: string; time: string } {
	const dt = inZone(instant, zone);
	return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/**
 * A wall-clock day and time in a zone, as an instant. Says why when it is not one: a day that is
 * not in the calendar, or a time the clocks skip that night (a daylight-saving change).
 */
export function fromLocal(
	date: string,
	time: string,
	zone: string
):
	| { ok: true; instant: number }
	| { ok: false; problem: 'no-such-day' | 'skipped-hour'; suggestion?: string } {
	const dt = DateTime.fromISO(`${date}T${time}`, { zone: usableZone(zone) });
	if (!dt.isValid) return { ok: false, problem: 'no-such-day' };
	if (dt.toFormat('yyyy-MM-dd') !== date || dt.toFormat('HH:mm') !== time) {
		// luxon moves a time inside the gap forward: that is the nearest time that exists.
		return { ok: false, problem: 'skipped-hour', suggestion: dt.toFormat('HH:mm') };
	}
	return { ok: true, instant: dt.toMillis() };
}
