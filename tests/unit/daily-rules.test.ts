/**
 * The rules of "a question for today": each person's due moment on their own clock (across zones
 * and the US and EU clock changes, which fall on different days), the "at most one open" rule,
 * and the depth rule (never deeper than the lighter of the two choices, never a set-aside card).
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEPTHS } from '$lib/deck/types';
import { pickDailyCard } from '$lib/server/daily/deliver';
import {
	depthsUpTo,
	dueDay,
	hourOn,
	lighterDepth,
	nextStep,
	SHARE_WINDOW_MS,
	type DailyChoice
} from '$lib/server/daily/rules';
import { cardsForCouple } from '$lib/server/deck/catalog';
import { setCardAside } from '$lib/server/deck/set-aside';
import { recordCardUse } from '$lib/server/deck/usage';
import { pair } from '../helpers/domain';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const TOKYO = 'Asia/Tokyo';
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

const every = (hour: number, overrides: Partial<DailyChoice> = {}): DailyChoice => ({
	enabled: true,
	hour,
	days: '1234567',
	depth: 'light',
	...overrides
});
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

/** The first minute (on a one-minute clock) at which the day becomes due, scanning a window. */
function firstDue(choice: DailyChoice, zone: string, from: number, to: number) {
	for (let t = from; t < to; t += MINUTE) {
		const day = dueDay(choice, zone, t);
		if (day) return { at: t, day };
	}
	return null;
}

describe('each person at their own hour, on their own clock', () => {
	it('New York at 08:00 and London at 08:00 are five hours apart, each on their own date', () => {
		const nyChoice = every(8);
		const londonChoice = every(8);
		// Scanning each person's 14 January from their own midnight.
		const nyDay = at('2031-01-14T00:00', NY);
		const londonDay = at('2031-01-14T00:00', LONDON);
		const ny = firstDue(nyChoice, NY, nyDay, nyDay + 24 * HOUR)!;
		const london = firstDue(londonChoice, LONDON, londonDay, londonDay + 24 * HOUR)!;
		expect(ny).toEqual({ at: at('2031-01-14T08:00', NY), day: '2031-01-14' });
		expect(london).toEqual({ at: at('2031-01-14T08:00', LONDON), day: '2031-01-14' });
		expect(ny.at - london.at).toBe(5 * HOUR);
	});

	it('stays at 08:00 local through the weeks the US and EU clocks disagree (March)', () => {
		// US clocks go forward on 9 March 2031, EU clocks on 30 March.
		for (const [date, gap] of [
			['2031-03-05', 5],
			['2031-03-12', 4],
			['2031-03-26', 4],
			['2031-04-02', 5]
		] as const) {
			const nyDay = at(`${date}T00:00`, NY);
			const londonDay = at(`${date}T00:00`, LONDON);
			const ny = firstDue(every(8), NY, nyDay, nyDay + 24 * HOUR)!;
			const london = firstDue(every(8), LONDON, londonDay, londonDay + 24 * HOUR)!;
			expect(DateTime.fromMillis(ny.at, { zone: NY }).toFormat('HH:mm')).toBe('08:00');
			expect(DateTime.fromMillis(london.at, { zone: LONDON }).toFormat('HH:mm')).toBe('08:00');
			expect(ny.day).toBe(date);
			expect(london.day).toBe(date);
			expect((ny.at - london.at) / HOUR).toBe(gap);
		}
	});

	it('an hour the clocks skip comes at the first moment after the gap, once', () => {
		// 02:00 does not exist in New York on 9 March 2031: it is 03:00 EDT.
		const choice = every(2);
		expect(hourOn('2031-03-09', 2, NY)).toBe(at('2031-03-09T03:00', NY));
		expect(dueDay(choice, NY, at('2031-03-09T01:59', NY))).toBeNull();
		expect(dueDay(choice, NY, at('2031-03-09T03:00', NY))).toBe('2031-03-09');
	});

	it('an hour that happens twice (clocks go back) is due from its first time, one day all the same', () => {
		// 01:00 happens twice in New York on 2 November 2031.
		const first = DateTime.fromObject(
			{ year: 2031, month: 11, day: 2, hour: 1 },
			{ zone: NY }
		).toMillis();
		expect(hourOn('2031-11-02', 1, NY)).toBe(first);
		expect(dueDay(every(1), NY, first)).toBe('2031-11-02');
		// An hour later the clock reads 01:00 again: still the same day, so never a second question.
		expect(dueDay(every(1), NY, first + HOUR)).toBe('2031-11-02');
	});

	it('due from the hour until the day ends on one’s own clock, then the next day begins', () => {
		expect(dueDay(every(8), NY, at('2031-01-14T23:59', NY))).toBe('2031-01-14');
		expect(dueDay(every(8), NY, at('2031-01-15T00:00', NY))).toBeNull();
	});

	it('only on the chosen days, and nothing is caught up the next day', () => {
		const weekdays = every(9, { days: '12345' });
		// Saturday 15 March 2031 in London.
		expect(dueDay(weekdays, LONDON, at('2031-03-15T10:00', LONDON))).toBeNull();
		expect(dueDay(weekdays, LONDON, at('2031-03-17T10:00', LONDON))).toBe('2031-03-17');
		// Before the hour, nothing: not yesterday's, not today's.
		expect(dueDay(weekdays, LONDON, at('2031-03-18T08:59', LONDON))).toBeNull();
		expect(dueDay({ ...weekdays, enabled: false }, LONDON, at('2031-03-17T10:00', LONDON))).toBe(
			null
		);
	});

	it('the same instant is a different day for Tokyo and New York', () => {
		const instant = Date.UTC(2031, 5, 10, 23, 30); // Tue 19:30 in New York, Wed 08:30 in Tokyo
		expect(dueDay(every(8), TOKYO, instant)).toBe('2031-06-11');
		expect(dueDay(every(8), NY, instant)).toBe('2031-06-10');
	});
});

describe('at most one open question', () => {
	const base = { deliveredTo: ['alex'], rested: false, revealed: false, drawnAt: 0 };

	it('the partner gets the same question at their own hour, within a day', () => {
		expect(nextStep(base, 'sam', 5 * HOUR)).toBe('share');
		expect(nextStep(base, 'sam', SHARE_WINDOW_MS - 1)).toBe('share');
	});

	it('a new day’s question replaces an unanswered one, quietly, rather than stacking', () => {
		expect(nextStep(base, 'alex', 24 * HOUR)).toBe('replace');
		expect(nextStep({ ...base, deliveredTo: ['alex', 'sam'] }, 'sam', 30 * HOUR)).toBe('replace');
		// Too old to share: it rests, and both get the new one.
		expect(nextStep(base, 'sam', SHARE_WINDOW_MS)).toBe('replace');
	});

	it('one both answered, or one resting already, is simply followed by a new one', () => {
		expect(nextStep({ ...base, revealed: true }, 'alex', 24 * HOUR)).toBe('new');
		expect(nextStep({ ...base, rested: true }, 'sam', HOUR)).toBe('new');
		expect(nextStep(null, 'alex', 0)).toBe('new');
	});
});

describe('the depth rule', () => {
	it('the lighter of the two choices, and every depth up to it', () => {
		expect(lighterDepth('vulnerable', 'light')).toBe('light');
		expect(lighterDepth('personal', 'vulnerable')).toBe('personal');
		expect(lighterDepth('vulnerable', 'vulnerable')).toBe('vulnerable');
		expect(depthsUpTo('light')).toEqual(['light']);
		expect(depthsUpTo('personal')).toEqual(['light', 'personal']);
		expect(depthsUpTo('vulnerable')).toEqual([...DEPTHS]);
	});

	it('never deeper than allowed, unused first, never a card someone set aside', async () => {
		const { a, coupleId } = await pair(['Alex', 'Sam']);
		const light = (await cardsForCouple(coupleId)).filter((c) => c.depth === 'light');
		// Alex set one light card aside; every light card but two others was used already.
		const resting = light[0]!;
		await setCardAside({
			coupleId,
			userId: a.id,
			card: resting,
			conversationId: null,
			at: 1
		});
		const unused = new Set([light[1]!.id, light[2]!.id]);
		for (const card of light.slice(3)) await recordCardUse(coupleId, card.id, 10);
		const seen = new Set<string>();
		for (let i = 0; i < 40; i++) {
			const picked = (await pickDailyCard(coupleId, 'light'))!;
			expect(picked.card.depth).toBe('light');
			expect(picked.card.id).not.toBe(resting.id);
			expect(unused.has(picked.card.id)).toBe(true);
			seen.add(picked.card.id);
		}
		expect(seen.size).toBe(2);
		for (let i = 0; i < 40; i++) {
			expect(['light', 'personal']).toContain(
				(await pickDailyCard(coupleId, 'personal'))!.card.depth
			);
		}
	});
});
