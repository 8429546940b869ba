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
		const night = { from: 22, until: 7 };
		expect(inQuietHours(night, LONDON, at('2031-05-06T21:59', LONDON))).toBe(false);
		expect(inQuietHours(night, LONDON, at('2031-05-06T22:00', LONDON))).toBe(true);
		expect(inQuietHours(night, LONDON, at('2031-05-07T03:00', LONDON))).toBe(true);
		expect(inQuietHours(night, LONDON, at('2031-05-07T06:59', LONDON))).toBe(true);
		expect(inQuietHours(night, LONDON, at('2031-05-07T07:00', LONDON))).toBe(false);
		// The same instant is 23:00 in London and 18:00 in New York: only one of them is quiet.
		const instant = at('2031-05-06T23:00', LONDON);
		expect(inQuietHours(night, 'America/New_York', instant)).toBe(false);
		// Within one day, and a start equal to the end means no quiet hours at all.
		const afternoon = { from: 13, until: 15 };
		expect(inQuietHours(afternoon, LONDON, at('2031-05-06T14:30', LONDON))).toBe(true);
		expect(inQuietHours(afternoon, LONDON, at('2031-05-06T15:00', LONDON))).toBe(false);
		expect(inQuietHours({ from: 9, until: 9 }, LONDON, at('2031-05-06T09:30', LONDON))).toBe(false);
	});

	it('follows the wall clock through daylight-saving changes', () => {
		const early = { from: 0, until: 2 };
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
		const ok = paceForm.safeParse({
			deepestSent: 'light',
			waitingLimit: '3',
			quiet: 'on',
			quietFrom: '22',
			quietUntil: '7'
		});
		expect(ok.success && ok.data).toEqual({
			deepestSent: 'light',
			waitingLimit: 3,
			quiet: { from: 22, until: 7 }
		});
		const none = paceForm.safeParse({
			deepestSent: 'vulnerable',
			waitingLimit: 'none',
			quietFrom: '22',
			quietUntil: '22'
		});
		expect(none.success && none.data).toEqual(DEFAULT_PACE);
		for (const bad of [
			{ deepestSent: 'deepest', waitingLimit: 'none' },
			{ deepestSent: 'light', waitingLimit: '4' },
			{ deepestSent: 'light', waitingLimit: '-1' },
			{ deepestSent: 'light', waitingLimit: 'none', quiet: 'on', quietFrom: '8', quietUntil: '8' },
			{ deepestSent: 'light', waitingLimit: 'none', quiet: 'on', quietFrom: '24', quietUntil: '8' },
			{ deepestSent: 'light', waitingLimit: 'none', quiet: 'on' }
		])
			expect(paceForm.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
	});
});
