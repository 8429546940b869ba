/**
 * The .ics files, read back by a real iCalendar parser (ical.js): a stable UID, a growing
 * SEQUENCE, CANCELLED when taken off, and a weekly series as one recurring event whose weeks
 * land where our own luxon arithmetic puts them — across both the US and the EU clock changes —
 * with the weeks taken off left out.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
	calendarFile,
	transitions,
	vtimezone,
	type CalendarEntry
} from '$lib/server/schedule/calendar';
import { nthOccurrence, occurrencesBetween } from '$lib/server/schedule/occurrences';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const NOW = Date.UTC(2025, 0, 15);

function entry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
	return {
		uid: '6f1c2b9e-3d4a-4c8e-9a10-1b2c3d4e5f60',
		sequence: 0,
		status: 'proposed',
		startsAt: Date.UTC(2025, 1, 4, 20, 0),
		timeZone: LONDON,
		durationMinutes: 30,
		repeat: 'none',
		skipped: [],
		title: 'Talk with Sam',
		description: "What we'd like to talk about: how we're doing with the move",
		url: 'https://hearth.example/schedule/6f1c2b9e-3d4a-4c8e-9a10-1b2c3d4e5f60',
		createdAt: NOW,
		updatedAt: NOW,
		...overrides
	};
}

function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	return { calendar, events };
}

/** Every occurrence start (UTC ms) ical.js expands, up to `until`. */
function expand(event: ICAL.Event, until: number): number[] {
	const found: number[] = [];
	const it = event.iterator();
	for (let next = it.next(); next; next = it.next()) {
		const at = next.toUnixTime() * 1000;
		if (at >= until) break;
		found.push(at);
	}
	return found;
}

describe('a one-off talk', () => {
	it('parses with its UID, SEQUENCE, time, length, status and description', () => {
		const text = calendarFile([entry()], { now: NOW });
		expect(text).toContain('\r\n');
		const { calendar, events } = parse(text);
		expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Hearth//Scheduled talks//EN');
		expect(events).toHaveLength(1);
		const event = events[0]!;
		expect(event.uid).toBe('6f1c2b9e-3d4a-4c8e-9a10-1b2c3d4e5f60@hearth');
		expect(event.sequence).toBe(0);
		expect(event.summary).toBe('Talk with Sam');
		expect(event.description).toContain("how we're doing with the move");
		expect(event.startDate.toUnixTime() * 1000).toBe(Date.UTC(2025, 1, 4, 20, 0));
		expect(event.endDate.toUnixTime() * 1000).toBe(Date.UTC(2025, 1, 4, 20, 30));
		expect(event.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
		expect(event.isRecurring()).toBe(false);
	});

	it('keeps the UID and raises SEQUENCE when changed, then says CANCELLED', () => {
		const first = parse(calendarFile([entry({ status: 'accepted', sequence: 1 })])).events[0]!;
		const moved = parse(
			calendarFile([
				entry({ status: 'accepted', sequence: 2, startsAt: Date.UTC(2025, 1, 5, 19, 0) })
			])
		).events[0]!;
		const cancelled = parse(calendarFile([entry({ status: 'cancelled', sequence: 3 })])).events[0]!;
		expect(moved.uid).toBe(first.uid);
		expect(cancelled.uid).toBe(first.uid);
		expect(moved.sequence).toBeGreaterThan(first.sequence);
		expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
		expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
		expect(moved.startDate.toUnixTime() * 1000).toBe(Date.UTC(2025, 1, 5, 19, 0));
		expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
	});

	it('a talk of 90 minutes lasts 90 minutes', () => {
		const event = parse(calendarFile([entry({ durationMinutes: 90 })])).events[0]!;
		expect(event.duration.toSeconds()).toBe(90 * 60);
	});
});

describe('a weekly talk', () => {
	// 20:00 in New York every Tuesday from 4 Feb 2025: through the US change (9 Mar), the EU change
	// (30 Mar), the EU return (26 Oct) and the US return (2 Nov).
	const startsAt = DateTime.fromISO('2025-02-04T20:00', { zone: NY }).toMillis();
	const weekly = entry({
		repeat: 'weekly',
		timeZone: NY,
		startsAt,
		status: 'accepted',
		sequence: 1
	});
	const until = Date.UTC(2025, 11, 31);

	it('is one recurring event whose DTSTART carries the zone, with a VTIMEZONE', () => {
		const text = calendarFile([weekly], { now: NOW });
		expect(text).toMatch(/^DTSTART;TZID=America\/New_York:20250204T200000\r$/m);
		expect(text).toMatch(/^RRULE:FREQ=WEEKLY\r$/m);
		const { calendar, events } = parse(text);
		expect(events).toHaveLength(1);
		expect(events[0]!.isRecurring()).toBe(true);
		const zones = calendar.getAllSubcomponents('vtimezone');
		expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual([NY]);
	});

	it('every week lands at 20:00 New York time, as luxon says, across every clock change', () => {
		const { events } = parse(calendarFile([weekly], { now: NOW }));
		const parsed = expand(events[0]!, until);
		const ours = occurrencesBetween(weekly, 0, until);
		expect(parsed).toEqual(ours);
		expect(parsed.length).toBe(47); // the last Tuesday, 30 Dec, is 31 Dec in UTC
		for (const at of parsed)
			expect(DateTime.fromMillis(at, { zone: NY }).toFormat('ccc HH:mm')).toBe('Tue 20:00');
		// The UTC instant moves by the hour at the US change…
		expect(new Date(parsed[4]!).toISOString()).toBe('2025-03-05T01:00:00.000Z'); // 4 Mar, EST
		expect(new Date(parsed[5]!).toISOString()).toBe('2025-03-12T00:00:00.000Z'); // 11 Mar, EDT
		// …and back at the US return.
		expect(new Date(parsed[38]!).toISOString()).toBe('2025-10-29T00:00:00.000Z'); // 28 Oct, EDT
		expect(new Date(parsed[39]!).toISOString()).toBe('2025-11-05T01:00:00.000Z'); // 4 Nov, EST
	});

	it('a London series keeps 19:30 London time across the EU changes', () => {
		const start = DateTime.fromISO('2025-03-18T19:30', { zone: LONDON }).toMillis();
		const london = entry({ repeat: 'weekly', timeZone: LONDON, startsAt: start });
		const { events } = parse(calendarFile([london], { now: NOW }));
		const parsed = expand(events[0]!, Date.UTC(2025, 10, 30));
		expect(parsed).toEqual(occurrencesBetween(london, 0, Date.UTC(2025, 10, 30)));
		expect(new Date(parsed[1]!).toISOString()).toBe('2025-03-25T19:30:00.000Z'); // GMT
		expect(new Date(parsed[2]!).toISOString()).toBe('2025-04-01T18:30:00.000Z'); // BST
		expect(new Date(parsed[31]!).toISOString()).toBe('2025-10-21T18:30:00.000Z'); // BST
		expect(new Date(parsed[32]!).toISOString()).toBe('2025-10-28T19:30:00.000Z'); // GMT
	});

	it('weeks taken off are EXDATEs: the calendar leaves them out, the series goes on', () => {
		const off = [nthOccurrence(weekly, 5), nthOccurrence(weekly, 39)];
		const text = calendarFile([{ ...weekly, skipped: off, sequence: 3 }], { now: NOW });
		expect(text).toMatch(/^EXDATE;TZID=America\/New_York:20250311T200000\r$/m);
		expect(text).toMatch(/^EXDATE;TZID=America\/New_York:20251104T200000\r$/m);
		const { events } = parse(text);
		const parsed = expand(events[0]!, until);
		expect(parsed).toHaveLength(45);
		for (const at of off) expect(parsed).not.toContain(at);
		expect(parsed).toContain(nthOccurrence(weekly, 6));
		expect(parsed).toEqual(occurrencesBetween({ ...weekly, skipped: off }, 0, until));
	});

	it('one file can hold a one-off and a weekly talk in different zones', () => {
		const text = calendarFile(
			[
				{ ...weekly, uid: '11111111-1111-4111-8111-111111111111' },
				entry({ uid: '22222222-2222-4222-8222-222222222222' })
			],
			{ name: 'Hearth talks', now: NOW }
		);
		const { calendar, events } = parse(text);
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Hearth talks');
		expect(events.map((e) => e.uid).sort()).toEqual([
			'11111111-1111-4111-8111-111111111111@hearth',
			'22222222-2222-4222-8222-222222222222@hearth'
		]);
	});
});

describe('VTIMEZONE from the zone rules', () => {
	it('finds the 2025 changes of New York and London to the minute', () => {
		const ny = transitions(NY, Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1));
		expect(ny.map((t) => new Date(t.at).toISOString())).toEqual([
			'2025-03-09T07:00:00.000Z',
			'2025-11-02T06:00:00.000Z'
		]);
		const london = transitions(LONDON, Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1));
		expect(london.map((t) => [new Date(t.at).toISOString(), t.daylight])).toEqual([
			['2025-03-30T01:00:00.000Z', true],
			['2025-10-26T01:00:00.000Z', false]
		]);
	});

	it('writes yearly rules: second Sunday of March in New York, last Sunday in London', () => {
		expect(vtimezone(NY, NOW, NOW)).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU');
		expect(vtimezone(NY, NOW, NOW)).toContain('RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU');
		expect(vtimezone(LONDON, NOW, NOW)).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
		expect(vtimezone(LONDON, NOW, NOW)).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
	});

	it('a zone without clock changes has one fixed offset', () => {
		const tokyo = vtimezone('Asia/Tokyo', NOW, NOW);
		expect(tokyo).toContain('TZOFFSETTO:+0900');
		expect(tokyo).not.toContain('DAYLIGHT');
		const start = DateTime.fromISO('2025-03-04T21:00', { zone: 'Asia/Tokyo' }).toMillis();
		const series = entry({ repeat: 'weekly', timeZone: 'Asia/Tokyo', startsAt: start });
		const { events } = parse(calendarFile([series], { now: NOW }));
		expect(expand(events[0]!, Date.UTC(2025, 5, 1))).toEqual(
			occurrencesBetween(series, 0, Date.UTC(2025, 5, 1))
		);
	});
});

describe('a reminder in the calendar (VALARM)', () => {
	it('an agreed talk reminds 10 minutes before, in words that hold nothing of the intention', () => {
		const text = calendarFile([entry({ status: 'accepted', alarmMinutesBefore: 10 })]);
		const [event] = parse(text).events;
		const alarms = event!.component.getAllSubcomponents('valarm');
		expect(alarms).toHaveLength(1);
		expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
		const trigger = alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration;
		expect(trigger.toSeconds()).toBe(-10 * 60);
		expect(alarms[0]!.toString()).not.toContain('move');
	});

	it('a weekly talk reminds before every week, the alarm being part of the one recurring event', () => {
		const text = calendarFile([
			entry({ status: 'accepted', repeat: 'weekly', timeZone: NY, alarmMinutesBefore: 10 })
		]);
		const [event] = parse(text).events;
		expect(event!.isRecurring()).toBe(true);
		expect(event!.component.getAllSubcomponents('valarm')).toHaveLength(1);
	});

	it('a talk not (or no longer) agreed carries no reminder', () => {
		for (const status of ['proposed', 'cancelled', 'declined'] as const) {
			const text = calendarFile([entry({ status, alarmMinutesBefore: 10 })]);
			expect(text).not.toContain('BEGIN:VALARM');
		}
	});
});
