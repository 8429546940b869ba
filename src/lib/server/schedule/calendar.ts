/**
 * Calendar files (.ics) for planned talks, made with the `ics` library.
 *
 * - Every plan keeps one UID for its whole life — the id of the first proposal of its chain of
 *   counter-proposals — and SEQUENCE grows with each change, so a calendar that imported it
 *   updates the same entry when the time changes, and removes it when it is cancelled.
 * - A one-off talk is written in UTC. A weekly talk is one recurring event (RRULE) whose DTSTART
 *   carries the proposer's zone (TZID) with a VTIMEZONE, so calendars repeat it at the same
 *   wall-clock time across daylight-saving changes; weeks taken off are EXDATEs.
 * - An agreed talk carries a VALARM at the moment Hearth's own reminder comes (10 minutes before),
 *   so a calendar reminds each person at the same time the app does.
 *
 * `ics` writes DTSTART as given when it is a string, so a weekly DTSTART is passed as
 * "TZID=<zone>:<local time>" and turned into the `DTSTART;TZID=<zone>:` parameter form afterwards;
 * EXDATEs and VTIMEZONEs (which `ics` does not write) are added to its output.
 *
 * Text stays valid iCalendar whatever is stored: control characters (a NUL makes some calendar
 * apps refuse a whole feed) are stripped on the way out as well as at the form, since older rows
 * may hold them; `ics` escapes commas, semicolons, backslashes and newlines; and every line is
 * folded at 75 octets, never inside a UTF-8 sequence.
 */
import { createEvents, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import { usableZone } from '$lib/schedule/time';
import { cleanLine, cleanText } from '$lib/schemas/text';
import type { ScheduleStatus } from './machine';

export type CalendarEntry = {
	/** The id of the first proposal in the chain: stable across changes and counter-proposals. */
	uid: string;
	sequence: number;
	status: ScheduleStatus;
	startsAt: number;
	timeZone: string;
	durationMinutes: number;
	repeat: 'none' | 'weekly';
	skipped: readonly number[];
	title: string;
	description: string;
	url?: string;
	/** A reminder (VALARM) this many minutes before each start, as Hearth's own reminder. */
	alarmMinutesBefore?: number;
	createdAt: number;
	updatedAt: number;
};

export const PRODUCT_ID = '-//Hearth//Scheduled talks//EN';
const UID_DOMAIN = 'hearth';
const CRLF = '\r\n';

export const calendarUid = (rootId: string) => `${rootId}@${UID_DOMAIN}`;

const STATUS: Record<ScheduleStatus, EventAttributes['status']> = {
	proposed: 'TENTATIVE',
	accepted: 'CONFIRMED',
	declined: 'CANCELLED',
	countered: 'CANCELLED',
	cancelled: 'CANCELLED'
};

/** "20250301T200000": a wall-clock time in a zone, as iCalendar writes local times. */
const localStamp = (instant: number, zone: string) =>
	DateTime.fromMillis(instant, { zone: usableZone(zone) }).toFormat("yyyyMMdd'T'HHmmss");

function eventOf(entry: CalendarEntry): EventAttributes {
	const minutes = entry.durationMinutes;
	const common = {
		uid: calendarUid(entry.uid),
		sequence: entry.sequence,
		title: cleanLine(entry.title),
		description: cleanText(entry.description),
		...(entry.url ? { url: entry.url } : {}),
		status: STATUS[entry.status],
		busyStatus: entry.status === 'accepted' ? ('BUSY' as const) : ('FREE' as const),
		classification: 'PRIVATE',
		timestamp: entry.updatedAt,
		created: entry.createdAt,
		lastModified: entry.updatedAt,
		productId: PRODUCT_ID,
		duration: { hours: Math.floor(minutes / 60), minutes: minutes % 60 },
		// Only a talk both agreed to reminds; the words stay out of the alarm, as out of a push.
		...(entry.status === 'accepted' && entry.alarmMinutesBefore !== undefined
			? {
					alarms: [
						{
							action: 'display' as const,
							description: 'Your talk in Hearth starts soon.',
							trigger: { minutes: entry.alarmMinutesBefore, before: true }
						}
					]
				}
			: {})
	};
	if (entry.repeat === 'weekly') {
		const zone = usableZone(entry.timeZone);
		return {
			...common,
			start: `TZID=${zone}:${localStamp(entry.startsAt, zone)}`,
			recurrenceRule: 'FREQ=WEEKLY'
		};
	}
	return { ...common, start: entry.startsAt, startInputType: 'utc', startOutputType: 'utc' };
}

/** One .ics file with these entries (a single talk, or a person's feed). */
export function calendarFile(
	entries: readonly CalendarEntry[],
	options: { name?: string; now?: number } = {}
): string {
	const now = options.now ?? Date.now();
	const made = createEvents(entries.map(eventOf), {
		productId: PRODUCT_ID,
		method: 'PUBLISH',
		...(options.name ? { calName: cleanLine(options.name) } : {})
	});
	if (made.error || made.value === null) throw made.error ?? new Error('calendar not made');
	// `ics` folds at 75 characters, not octets: unfold, then fold every line by its UTF-8 length.
	let text = made.value
		.replace(/\r\n[ \t]/g, '')
		.split(CRLF)
		.map(fold)
		.join(CRLF);
	text = text.replace(/^DTSTART:TZID=([^:\r\n]+):/gm, 'DTSTART;TZID=$1:');

	// EXDATEs for weeks taken off, in the same zone form as DTSTART, in their own event.
	const byUid = new Map(entries.map((e) => [calendarUid(e.uid), e]));
	text = text.replace(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g, (block) => {
		const uid = /^UID:(.*)$/m.exec(block)?.[1]?.trim();
		const entry = uid ? byUid.get(uid) : undefined;
		if (!entry || entry.repeat !== 'weekly' || entry.skipped.length === 0) return block;
		const zone = usableZone(entry.timeZone);
		const lines = entry.skipped.map((at) => `EXDATE;TZID=${zone}:${localStamp(at, zone)}`);
		return block.replace(
			/END:VEVENT\r\n$/,
			`${lines.map(fold).join(CRLF)}${CRLF}END:VEVENT${CRLF}`
		);
	});

	// One VTIMEZONE per zone a recurring event uses, before the first event.
	const zones = new Map<string, number>();
	for (const e of entries) {
		if (e.repeat !== 'weekly') continue;
		const zone = usableZone(e.timeZone);
		zones.set(zone, Math.min(zones.get(zone) ?? Infinity, e.startsAt));
	}
	if (zones.size > 0) {
		const blocks = [...zones].map(([zone, first]) => vtimezone(zone, first, now)).join('');
		const at = text.indexOf('BEGIN:VEVENT');
		text = text.slice(0, at) + blocks + text.slice(at);
	}
	return text;
}

/** Lines longer than 75 octets are folded: CRLF and a space, as RFC 5545 asks. */
function fold(line: string): string {
	const bytes = new TextEncoder().encode(line);
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	for (const char of line) {
		const limit = parts.length === 0 ? 75 : 74;
		if (new TextEncoder().encode(current + char).length > limit) {
			parts.push(current);
			current = '';
		}
		current += char;
	}
	parts.push(current);
	return parts.join(`${CRLF} `);
}

// ————— VTIMEZONE, from the zone rules the runtime knows (through luxon) —————

type Transition = { at: number; from: number; to: number; daylight: boolean };

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const offsetAt = (zone: string, at: number) => DateTime.fromMillis(at, { zone }).offset;

/** Offset changes of a zone between two instants, to the minute. */
export function transitions(zone: string, from: number, to: number): Transition[] {
	const found: Transition[] = [];
	let before = offsetAt(zone, from);
	for (let t = from; t < to; t += DAY_MS) {
		const next = Math.min(t + DAY_MS, to);
		const after = offsetAt(zone, next);
		if (after === before) continue;
		let low = t;
		let high = next;
		while (high - low > 60 * 1000) {
			const mid = low + Math.floor((high - low) / 120_000) * 60_000;
			if (offsetAt(zone, mid) === before) low = mid;
			else high = mid;
		}
		found.push({
			at: high,
			from: before,
			to: after,
			daylight: DateTime.fromMillis(high, { zone }).isInDST
		});
		before = after;
	}
	return found;
}

const offsetText = (minutes: number) => {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** The onset of a transition as iCalendar wants it: local time in the offset before it. */
const onset = (t: Transition) =>
	DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss");

/** "BYMONTH=3;BYDAY=-1SU" when every transition of a group follows one yearly rule, else null. */
function yearlyRule(group: Transition[]): string | null {
	const local = group.map((t) => DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'UTC' }));
	const first = local[0]!;
	const weekday = WEEKDAYS[first.weekday - 1]!;
	const years = local.map((d) => d.year);
	if (years.some((y, i) => i > 0 && y !== years[i - 1]! + 1)) return null;
	const nth = local.map((d) => Math.ceil(d.day / 7));
	if (nth.every((n) => n === nth[0]) && nth[0]! <= 4)
		return `BYMONTH=${first.month};BYDAY=${nth[0]}${weekday}`;
	if (local.every((d) => d.day + 7 > d.daysInMonth!))
		return `BYMONTH=${first.month};BYDAY=-1${weekday}`;
	return null;
}

/**
 * A VTIMEZONE for `zone` covering a series that starts at `startsAt`: observances with yearly
 * rules where the zone follows one (most do), or each change listed (RDATE) where it does not.
 */
export function vtimezone(zone: string, startsAt: number, now = Date.now()): string {
	const fromYear = DateTime.fromMillis(Math.min(startsAt, now), { zone: 'UTC' }).year - 1;
	const toYear = DateTime.fromMillis(Math.max(startsAt, now), { zone: 'UTC' }).year + 10;
	const key = `${zone}|${fromYear}|${toYear}`;
	let made = madeZones.get(key);
	if (made === undefined) {
		made = makeVtimezone(zone, fromYear, toYear, startsAt);
		if (madeZones.size > 500) madeZones.clear();
		madeZones.set(key, made);
	}
	return made;
}

/** Zone rules do not change while the process runs: each VTIMEZONE is worked out once. */
const madeZones = new Map<string, string>();

function makeVtimezone(zone: string, fromYear: number, toYear: number, startsAt: number): string {
	const from = Date.UTC(fromYear, 0, 1);
	const to = Date.UTC(toYear + 1, 0, 1);
	const list = transitions(zone, from, to);
	const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
	if (list.length === 0) {
		const offset = offsetText(offsetAt(zone, startsAt));
		lines.push(
			'BEGIN:STANDARD',
			'DTSTART:19700101T000000',
			`TZOFFSETFROM:${offset}`,
			`TZOFFSETTO:${offset}`,
			'END:STANDARD'
		);
	} else {
		const groups = new Map<string, Transition[]>();
		for (const t of list) {
			const d = DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'UTC' });
			const key = [t.daylight, t.from, t.to, d.month, d.weekday, d.toFormat('HHmm')].join('|');
			groups.set(key, [...(groups.get(key) ?? []), t]);
		}
		for (const group of groups.values()) {
			const first = group[0]!;
			const last = group[group.length - 1]!;
			const kind = first.daylight ? 'DAYLIGHT' : 'STANDARD';
			lines.push(
				`BEGIN:${kind}`,
				`DTSTART:${onset(first)}`,
				`TZOFFSETFROM:${offsetText(first.from)}`,
				`TZOFFSETTO:${offsetText(first.to)}`
			);
			const rule = group.length > 1 ? yearlyRule(group) : null;
			if (rule) {
				// A rule still in force at the end of the window carries on; an abandoned one stops.
				const ongoing = DateTime.fromMillis(last.at, { zone: 'UTC' }).year >= toYear;
				const until = ongoing
					? ''
					: `;UNTIL=${DateTime.fromMillis(last.at, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
				lines.push(`RRULE:FREQ=YEARLY;${rule}${until}`);
			} else {
				for (const t of group.slice(1)) lines.push(`RDATE:${onset(t)}`);
			}
			lines.push(`END:${kind}`);
		}
	}
	lines.push('END:VTIMEZONE');
	return lines.map(fold).join(CRLF) + CRLF;
}
