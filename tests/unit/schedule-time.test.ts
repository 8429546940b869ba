/**
 * Time zones for two partners, one in New York and one in London: what each reads, the plan form
 * read on the proposer's own clock (a time the clocks skip gets a clear message), and a weekly
 * series that keeps its wall-clock time through the weeks of March and October/November when the
 * US and EU clocks change on different days.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planForm } from '$lib/schemas/schedule';
import { reminderText, scheduleChangeText } from '$lib/schedule/messages';
import { describeTime, durationLabel, fromLocal } from '$lib/schedule/time';
import {
	joinableOccurrence,
	nextOccurrences,
	occurrencesBetween,
	type Pattern
} from '$lib/server/schedule/occurrences';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('what each partner reads', () => {
	it('both zones when they differ: "Tue 20:00 for you · 01:00 for Sam" (another day is named)', () => {
		const instant = at('2025-02-04T20:00', NY);
		expect(describeTime(instant, NY, LONDON, 'Sam')).toBe('Tue 20:00 for you · Wed 01:00 for Sam');
		expect(describeTime(instant, LONDON, NY, 'Alex')).toBe(
			'Wed 01:00 for you · Tue 20:00 for Alex'
		);
	});

	it('the same day: only the partner’s time is added', () => {
		const instant = at('2025-02-04T14:00', NY);
		expect(describeTime(instant, NY, LONDON, 'Sam')).toBe('Tue 14:00 for you · 19:00 for Sam');
		expect(describeTime(instant, LONDON, NY, 'Alex', { date: true })).toBe(
			'Tue 4 Feb, 19:00 for you · 14:00 for Alex'
		);
	});

	it('one time when both clocks read the same', () => {
		const instant = at('2025-02-04T20:00', LONDON);
		expect(describeTime(instant, LONDON, LONDON, 'Sam')).toBe('Tue 20:00');
		expect(describeTime(instant, LONDON, 'Europe/Lisbon', 'Sam', { date: true })).toBe(
			'Tue 4 Feb, 20:00'
		);
	});

	it('the gap between New York and London is 4 hours in the weeks the clocks disagree', () => {
		// 10 Mar 2025: New York is on summer time, London not yet.
		const instant = at('2025-03-11T15:00', NY);
		expect(describeTime(instant, NY, LONDON, 'Sam')).toBe('Tue 15:00 for you · 19:00 for Sam');
		// 28 Oct 2025: London is back on winter time, New York not yet.
		expect(describeTime(at('2025-10-28T15:00', NY), NY, LONDON, 'Sam')).toBe(
			'Tue 15:00 for you · 19:00 for Sam'
		);
		// 4 Nov 2025: both on winter time again, 5 hours.
		expect(describeTime(at('2025-11-04T15:00', NY), NY, LONDON, 'Sam')).toBe(
			'Tue 15:00 for you · 20:00 for Sam'
		);
	});

	it('an unknown zone reads as UTC, never "Invalid DateTime"', () => {
		expect(describeTime(Date.UTC(2025, 1, 4, 20), 'Not/AZone', 'UTC', 'Sam')).toBe('Tue 20:00');
	});

	it('lengths and messages read kindly', () => {
		expect(durationLabel(30)).toBe('30 minutes');
		expect(durationLabel(60)).toBe('1 hour');
		expect(durationLabel(90)).toBe('1 hour 30 minutes');
		expect(scheduleChangeText('declined', 'Sam')).toBe('Sam said: not now — thank you for asking.');
		expect(scheduleChangeText('skipped', 'Sam')).not.toMatch(/skipped/i);
		const start = Date.UTC(2025, 1, 4, 20);
		expect(
			reminderText({ kind: 'soon', occurrenceAt: start, intention: null }, start - 10 * 60_000)
		).toBe('Your talk starts in 10 minutes.');
		expect(
			reminderText(
				{ kind: 'soon', occurrenceAt: start, intention: null, checkin: true },
				start - 60_000
			)
		).toBe('Your check-in starts in a minute.');
		expect(reminderText({ kind: 'start', occurrenceAt: start, intention: 'the move' }, start)).toBe(
			"It's time for your talk — “the move”."
		);
	});
});

describe('the plan form, on the proposer’s own clock', () => {
	const now = Date.UTC(2025, 0, 15, 12);
	const form = (zone: string, fields: Record<string, string>) =>
		planForm(zone, now).safeParse({ duration: '30', repeat: 'none', ...fields });

	it('marks a weekly plan as "our check-in", and only a weekly one', () => {
		const weekly = form(NY, { date: '2025-02-04', time: '20:00', repeat: 'weekly', checkin: 'on' });
		expect(weekly.success && weekly.data.checkin).toBe(true);
		const unticked = form(NY, { date: '2025-02-04', time: '20:00', repeat: 'weekly' });
		expect(unticked.success && unticked.data.checkin).toBe(false);
		const once = form(NY, { date: '2025-02-04', time: '20:00', repeat: 'none', checkin: 'on' });
		expect(once.success).toBe(false);
		expect(once.error?.issues[0]).toMatchObject({
			path: ['checkin'],
			message: 'A check-in is weekly: choose “Every week at this time” for it.'
		});
		const odd = form(NY, { date: '2025-02-04', time: '20:00', repeat: 'weekly', checkin: 'yes!' });
		expect(odd.success).toBe(false);
	});

	it('reads the day and time in the proposer’s zone', () => {
		const ny = form(NY, {
			date: '2025-02-04',
			time: '20:00',
			intention: '  how we’re doing with the move '
		});
		expect(ny.success && ny.data).toEqual({
			startsAt: Date.UTC(2025, 1, 5, 1, 0),
			durationMinutes: 30,
			intention: 'how we’re doing with the move',
			repeat: 'none',
			checkin: false
		});
		const london = form(LONDON, {
			date: '2025-02-04',
			time: '20:00',
			repeat: 'weekly',
			intention: ''
		});
		expect(london.success && london.data).toMatchObject({
			startsAt: Date.UTC(2025, 1, 4, 20, 0),
			intention: null,
			repeat: 'weekly'
		});
	});

	const errorOf = (result: ReturnType<typeof form>, field: string) =>
		result.success ? null : result.error.issues.find((i) => i.path[0] === field)?.message;

	it('a time the clocks skip on a daylight-saving night gets a clear message', () => {
		const gapNy = form(NY, { date: '2025-03-09', time: '02:30' });
		expect(errorOf(gapNy, 'time')).toBe('The clocks skip 02:30 that night in New York. Try 03:30.');
		const gapLondon = form(LONDON, { date: '2025-03-30', time: '01:15' });
		expect(errorOf(gapLondon, 'time')).toBe(
			'The clocks skip 01:15 that night in London. Try 02:15.'
		);
		// The same wall-clock time exists the night before, and in the other zone.
		expect(form(NY, { date: '2025-03-08', time: '02:30' }).success).toBe(true);
		expect(form(LONDON, { date: '2025-03-09', time: '02:30' }).success).toBe(true);
	});

	it('a day not in the calendar, a past time and a year away are refused kindly', () => {
		expect(errorOf(form(NY, { date: '2025-02-30', time: '20:00' }), 'date')).toBe(
			'That day is not in the calendar.'
		);
		expect(errorOf(form(NY, { date: '2025-01-14', time: '20:00' }), 'time')).toMatch(
			/already passed/
		);
		expect(errorOf(form(NY, { date: '2026-06-01', time: '20:00' }), 'date')).toMatch(
			/within the next year/
		);
	});

	it('every field is checked: format, length, duration range, repeat', () => {
		expect(errorOf(form(NY, { date: '4/2/2025', time: '20:00' }), 'date')).toMatch(/Choose a day/);
		expect(errorOf(form(NY, { date: '2025-02-04', time: '8pm' }), 'time')).toMatch(/like 20:00/);
		expect(errorOf(form(NY, { date: '2025-02-04', time: '24:00' }), 'time')).toMatch(/like 20:00/);
		expect(
			errorOf(form(NY, { date: '2025-02-04', time: '20:00', duration: '5' }), 'duration')
		).toMatch(/at least 10/);
		expect(
			errorOf(form(NY, { date: '2025-02-04', time: '20:00', duration: '181' }), 'duration')
		).toMatch(/three hours/);
		expect(
			errorOf(form(NY, { date: '2025-02-04', time: '20:00', duration: 'ten' }), 'duration')
		).toMatch(/how long/);
		expect(
			errorOf(
				form(NY, { date: '2025-02-04', time: '20:00', intention: 'x'.repeat(201) }),
				'intention'
			)
		).toMatch(/under 200/);
		expect(
			errorOf(form(NY, { date: '2025-02-04', time: '20:00', repeat: 'daily' }), 'repeat')
		).toMatch(/once or every week/);
		expect(
			form(NY, { date: '2025-02-04', time: '20:00', duration: '180', intention: 'x'.repeat(200) })
				.success
		).toBe(true);
	});

	it('fromLocal tells a skipped hour from a day that does not exist', () => {
		expect(fromLocal('2025-03-09', '02:00', NY)).toEqual({
			ok: false,
			problem: 'skipped-hour',
			suggestion: '03:00'
		});
		expect(fromLocal('2025-13-01', '10:00', NY)).toEqual({ ok: false, problem: 'no-such-day' });
		expect(fromLocal('2025-03-09', '03:00', NY)).toEqual({
			ok: true,
			instant: Date.UTC(2025, 2, 9, 7)
		});
	});
});

describe('a weekly series across the US and EU clock changes', () => {
	// Alex in New York proposes every Tuesday at 15:00 New York time; Sam reads it in London.
	const alexSeries: Pattern = {
		startsAt: at('2025-02-25T15:00', NY),
		timeZone: NY,
		durationMinutes: 30,
		repeat: 'weekly',
		skipped: []
	};
	const spring = occurrencesBetween(alexSeries, at('2025-03-01', NY), at('2025-04-09', NY));
	const autumn = occurrencesBetween(alexSeries, at('2025-10-14', NY), at('2025-11-12', NY));
	const view = (list: number[], zone: string) =>
		list.map((x) => DateTime.fromMillis(x, { zone }).toFormat('dd LLL HH:mm'));

	it('stays at 15:00 for Alex in New York, every week', () => {
		expect(view(spring, NY)).toEqual([
			'04 Mar 15:00',
			'11 Mar 15:00',
			'18 Mar 15:00',
			'25 Mar 15:00',
			'01 Apr 15:00',
			'08 Apr 15:00'
		]);
		expect(view(autumn, NY)).toEqual([
			'14 Oct 15:00',
			'21 Oct 15:00',
			'28 Oct 15:00',
			'04 Nov 15:00',
			'11 Nov 15:00'
		]);
	});

	it('moves for Sam in London only in the weeks the two clocks disagree', () => {
		// US summer time from 9 Mar, EU from 30 Mar: three weeks at 19:00 instead of 20:00.
		expect(view(spring, LONDON)).toEqual([
			'04 Mar 20:00',
			'11 Mar 19:00',
			'18 Mar 19:00',
			'25 Mar 19:00',
			'01 Apr 20:00',
			'08 Apr 20:00'
		]);
		// EU winter time from 26 Oct, US from 2 Nov: one week at 19:00.
		expect(view(autumn, LONDON)).toEqual([
			'14 Oct 20:00',
			'21 Oct 20:00',
			'28 Oct 19:00',
			'04 Nov 20:00',
			'11 Nov 20:00'
		]);
	});

	it('and the UTC instants move by the hour at each US change', () => {
		expect(spring.map((x) => new Date(x).toISOString().slice(11, 16))).toEqual([
			'20:00',
			'19:00',
			'19:00',
			'19:00',
			'19:00',
			'19:00'
		]);
		expect(autumn.map((x) => new Date(x).toISOString().slice(11, 16))).toEqual([
			'19:00',
			'19:00',
			'19:00',
			'20:00',
			'20:00'
		]);
	});

	it('a London series keeps 20:00 London time; New York sees it move instead', () => {
		const samSeries: Pattern = {
			...alexSeries,
			startsAt: at('2025-03-04T20:00', LONDON),
			timeZone: LONDON
		};
		const weeks = occurrencesBetween(samSeries, at('2025-03-01', LONDON), at('2025-04-09', LONDON));
		expect(view(weeks, LONDON).every((w) => w.endsWith('20:00'))).toBe(true);
		expect(view(weeks, NY).map((w) => w.slice(-5))).toEqual([
			'15:00',
			'16:00',
			'16:00',
			'16:00',
			'15:00',
			'15:00'
		]);
		expect(describeTime(weeks[1]!, NY, LONDON, 'Sam')).toBe('Tue 16:00 for you · 20:00 for Sam');
	});

	it('a week taken off is left out; the series goes on; "Join now" opens 10 minutes before', () => {
		const off = { ...alexSeries, skipped: [spring[1]!] };
		expect(nextOccurrences(off, spring[0]! + 3600e3, 2)).toEqual([spring[2], spring[3]]);
		expect(nextOccurrences(off, spring[0]! + 3600e3, 2, { includeSkipped: true })).toEqual([
			spring[1],
			spring[2]
		]);
		const start = spring[2]!;
		expect(joinableOccurrence(off, start - 11 * 60_000)).toBeNull();
		expect(joinableOccurrence(off, start - 10 * 60_000)).toBe(start);
		expect(joinableOccurrence(off, start + 29 * 60_000)).toBe(start);
		expect(joinableOccurrence(off, start + 30 * 60_000)).toBeNull();
		// The week taken off cannot be joined.
		expect(joinableOccurrence(off, spring[1]!)).toBeNull();
	});
});
