import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { paceForm } from '$lib/schemas/pace';
import {
	DEFAULT_PACE,
	deeperThanWanted,
	inQuietHours,
	waitingIsFull,
	type Pace
} from '$lib/server/pace/rules';
import { clockTime, minuteOfDay } from '$lib/time-of-day';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const LONDON = 'Europe/London';

describe('a pace of one’s own', () => {
	it('holds nothing back until a person chooses', () => {
		for (const depth of ['light', 'personal', 'vulnerable'] as const)
			expect(deeperThanWanted(depth, DEFAULT_PACE)).toBe(false);
		expect(waitingIsFull(1_000, DEFAULT_PACE)).toBe(false);
		expect(inQuietHours(DEFAULT_PACE.quiet, LONDON, Date.now())).toBe(false);
	});

	it('keeps deeper cards for a talk, and lets cards wait up to the limit', () => {
		const pace: Pace = { deepestSent: 'personal', waitingLimit: 2, quiet: null };
		expect(deeperThanWanted('light', pace)).toBe(false);
		expect(deeperThanWanted('personal', pace)).toBe(false);
		expect(deeperThanWanted('vulnerable', pace)).toBe(true);
		expect(waitingIsFull(1, pace)).toBe(false);
		expect(waitingIsFull(2, pace)).toBe(true);
	});

	it('quiet hours across midnight, on the person’s own clock', () => {
		const night = { from: 22 * 60, until: 7 * 60 };
		expect(inQuietHours(night, LONDON, at('2031-05-06T21:59', LONDON))).toBe(false);
		expect(inQuietHours(night, LONDON, at('2031-05-06T22:00', LONDON))).toBe(true);
		expect(inQuietHours(night, LONDON, at('2031-05-07T03:00', LONDON))).toBe(true);
		expect(inQuietHours(night, LONDON, at('2031-05-07T06:59', LONDON))).toBe(true);
		expect(inQuietHours(night, LONDON, at('2031-05-07T07:00', LONDON))).toBe(false);
		// The same instant is 23:00 in London and 18:00 in New York: only one of them is quiet.
		const instant = at('2031-05-06T23:00', LONDON);
		expect(inQuietHours(night, 'America/New_York', instant)).toBe(false);
		// Within one day, and a start equal to the end means no quiet hours at all.
		const afternoon = { from: 13 * 60, until: 15 * 60 };
		expect(inQuietHours(afternoon, LONDON, at('2031-05-06T14:30', LONDON))).toBe(true);
		expect(inQuietHours(afternoon, LONDON, at('2031-05-06T15:00', LONDON))).toBe(false);
		expect(inQuietHours({ from: 540, until: 540 }, LONDON, at('2031-05-06T09:30', LONDON))).toBe(
			false
		);
	});

	it('to the minute: 22:30 until 06:45', () => {
		const night = { from: 22 * 60 + 30, until: 6 * 60 + 45 };
		for (const [time, quiet] of [
			['22:29', false],
			['22:30', true],
			['23:59', true],
			['00:00', true],
			['06:44', true],
			['06:45', false],
			['12:00', false]
		] as const) {
			const day = time < '12:00' ? '2031-05-07' : '2031-05-06';
			expect(inQuietHours(night, LONDON, at(`${day}T${time}`, LONDON)), time).toBe(quiet);
		}
	});

	it('a time of day is written and read back the same, for every minute of the day', () => {
		for (let minute = 0; minute < 24 * 60; minute++) {
			const written = clockTime(minute);
			expect(written).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
			expect(minuteOfDay(written)).toBe(minute);
		}
		// What a time field may send with seconds on; and what it never sends.
		expect(minuteOfDay('07:05:30')).toBe(7 * 60 + 5);
		for (const bad of [
			'',
			'7',
			'7:05',
			'24:00',
			'12:60',
			'12:5',
			' 12:00x',
			'12:00:61',
			'１２:００'
		])
			expect(minuteOfDay(bad), bad).toBeNull();
	});

	it('follows the wall clock through daylight-saving changes', () => {
		const early = { from: 0, until: 2 * 60 };
		// London springs forward at 01:00 on 2031-03-30: 00:59 GMT is followed by 02:00 BST.
		expect(inQuietHours(early, LONDON, at('2031-03-30T00:30', LONDON))).toBe(true);
		expect(inQuietHours(early, LONDON, at('2031-03-30T00:30', LONDON) + 60 * 60 * 1000)).toBe(
			false
		);
		// In autumn 01:00–02:00 happens twice (BST, then GMT); both are quiet.
		const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();
		expect(inQuietHours(early, LONDON, utc('2031-10-26T00:30'))).toBe(true); // 01:30 BST
		expect(inQuietHours(early, LONDON, utc('2031-10-26T01:30'))).toBe(true); // 01:30 GMT
		expect(inQuietHours(early, LONDON, utc('2031-10-26T02:30'))).toBe(false); // 02:30 GMT
	});

	it('the settings form: no limit, a limit, quiet hours that begin and end', () => {
		const form = (fields: Record<string, string>) =>
			paceForm.safeParse({ deepestSent: 'light', waitingLimit: 'none', ...fields });
		const quiet = (quietFrom: string, quietUntil: string) =>
			form({ quiet: 'on', quietFrom, quietUntil });
		expect(
			form({ waitingLimit: '3', quiet: 'on', quietFrom: '22:30', quietUntil: '07:00' }).data
		).toEqual({
			deepestSent: 'light',
			waitingLimit: 3,
			quiet: { from: 22 * 60 + 30, until: 7 * 60 }
		});
		// Quiet hours switched off: whatever is left in their fields refuses nothing.
		for (const [quietFrom, quietUntil] of [
			['22:00', '22:00'],
			['', 'soon']
		])
			expect(form({ quietFrom, quietUntil }).data).toEqual({
				...DEFAULT_PACE,
				deepestSent: 'light'
			});
		// Switched on, a time that is not one is said at its own field.
		for (const [quietFrom, quietUntil, field] of [
			['08:00', '08:00', 'quietUntil'],
			['24:00', '08:00', 'quietFrom'],
			['22', '08:00', 'quietFrom'],
			['22:60', '08:00', 'quietFrom'],
			['', '08:00', 'quietFrom'],
			['22:00', '8 am', 'quietUntil']
		] as const) {
			const refused = quiet(quietFrom, quietUntil);
			expect(refused.success, `${quietFrom}–${quietUntil}`).toBe(false);
			expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
		}
		for (const bad of [
			{ deepestSent: 'deepest' } as Record<string, string>,
			{ waitingLimit: '4' },
			{ waitingLimit: '-1' },
			{ quiet: 'on' }
		])
			expect(form(bad).success, JSON.stringify(bad)).toBe(false);
	});
});
