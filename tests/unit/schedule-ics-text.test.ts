/**
 * Whatever text a plan carries (names and intentions, old rows included), the .ics file stays
 * valid RFC 5545: read back by ical.js to the same words, minus control characters, and checked
 * line by line against the grammar (CRLF only, no control characters, folded at 75 octets).
 */
import ICAL from 'ical.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFile, type CalendarEntry } from '$lib/server/schedule/calendar';
import { cleanLine, cleanText } from '$lib/schemas/text';
import { rfc5545Problems } from '../helpers/ics';

const NOW = Date.UTC(2025, 0, 15);

function entry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
	return {
		uid: '6f1c2b9e-3d4a-4c8e-9a10-1b2c3d4e5f60',
		sequence: 0,
		status: 'proposed',
		startsAt: Date.UTC(2025, 1, 4, 20, 0),
		timeZone: 'Europe/London',
		durationMinutes: 30,
		repeat: 'none',
		skipped: [],
		title: 'Talk with Sam',
		description: 'An intention',
		url: 'https://hearth.example/schedule/6f1c2b9e-3d4a-4c8e-9a10-1b2c3d4e5f60',
		createdAt: NOW,
		updatedAt: NOW,
		...overrides
	};
}

function parseEvents(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return {
		calendar,
		events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
	};
}

const HOSTILE = [
	['NUL', 'before\u0000after'],
	['BEL and ESC', 'ring\u0007 the \u001b[31mbell'],
	['DEL and C1', 'del\u007f c1\u0085\u009b end'],
	['CR alone and CR LF', 'one\rtwo\r\nthree'],
	['an unpaired surrogate', 'half \uD83D of a pair'],
	['emoji', '🔥 our weekend 👩‍❤️‍👨 plans 🌧️'],
	['commas, semicolons, backslashes', 'a, b; c\\d \\n not a newline; "quoted", \\;'],
	['a long line', 'how we are doing with the move, '.repeat(12)],
	['a long line of emoji', '🔥'.repeat(120)],
	['a long line of accents', 'é'.repeat(150)]
] as const;

describe('calendar text stays valid iCalendar', () => {
	for (const [label, value] of HOSTILE) {
		it(`a name and an intention with ${label}`, () => {
			const title = `Talk with ${value}`;
			const description = `What we'd like to talk about: ${value}\nOpen it in Hearth: x`;
			for (const repeat of ['none', 'weekly'] as const) {
				const text = calendarFile(
					[entry({ title, description, repeat, timeZone: 'America/New_York' })],
					{ name: `Hearth ${value}`, now: NOW }
				);
				expect(rfc5545Problems(text)).toEqual([]);
				const { calendar, events } = parseEvents(text);
				expect(events).toHaveLength(1);
				expect(events[0]!.summary).toBe(cleanLine(title));
				expect(events[0]!.description).toBe(cleanText(description));
				expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(cleanLine(`Hearth ${value}`));
				// What is kept is the words themselves: emoji, punctuation and accents come back whole.
				for (const kept of ['🔥', ', b; c\\d', 'é'.repeat(10)])
					if (value.includes(kept)) expect(events[0]!.description).toContain(kept);
			}
		});
	}

	it('a feed of several plans with generated text parses to the cleaned words', () => {
		const unit = fc.oneof(
			fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
			fc.constantFrom('\u0000', '\u0007', '\r', '\n', '\r\n', ',', ';', '\\', '🔥', 'é', ' ')
		);
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(fc.string({ unit, maxLength: 120 }), fc.string({ unit, maxLength: 300 })),
					{
						minLength: 1,
						maxLength: 4
					}
				),
				(texts) => {
					const entries = texts.map(([name, intention], i) =>
						entry({
							uid: `00000000-0000-4000-8000-00000000000${i}`,
							title: `Talk with ${name}`,
							description: `Intention: ${intention}`,
							repeat: i % 2 ? 'weekly' : 'none'
						})
					);
					const text = calendarFile(entries, { name: 'Hearth talks', now: NOW });
					expect(rfc5545Problems(text)).toEqual([]);
					const { events } = parseEvents(text);
					expect(events.map((e) => [e.summary, e.description])).toEqual(
						texts.map(([name, intention]) => [
							cleanLine(`Talk with ${name}`),
							cleanText(`Intention: ${intention}`)
						])
					);
				}
			),
			{ seed: 5545, numRuns: 200 }
		);
	});
});
