import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hintsKey, wordingHints, type WordingHintId } from '$lib/deck/wording-hints';

const ids = (text: string) => wordingHints(text).map((h) => h.id);

describe('wording hints', () => {
	it.each<[string, WordingHintId[]]>([
		['You always go quiet after calls with your mum.', ['absolute']],
		["You NEVER tell me what's wrong", ['absolute']],
		['We need to talk about the weekend.', ['we-need-to-talk']],
		['we really have to talk', ['we-need-to-talk']],
		["Why didn't you call me back?", ['why-not']],
		['Why don’t you say something?', ['why-not']],
		['why wouldnt you tell me', ['why-not']],
		['You should rest more.', ['you-should']],
		["You shouldn't worry so much", ['you-should']],
		['Maybe you need to take a break.', ['you-should']],
		['Are you okay?', ['yes-no']],
		['Do you want to talk?', ['yes-no']],
		['Did you have a hard day?', ['yes-no']],
		['I noticed you seemed tired. Is everything all right?', ['yes-no']],
		['“Were you upset?” I wondered.', ['yes-no']]
	])('“%s” gets a hint: %j', (text, expected) => {
		expect(ids(text)).toEqual(expected);
	});

	it.each([
		"I noticed you've been quiet since your call with your mum.",
		'Would you like to tell me about it, now or later?',
		'What was that like for you?',
		'How are you feeling about the move?',
		'I wonder if you are tired — I did notice it.',
		'Hallways are long; the dog does what he likes.',
		'I miss our evenings and I’d love to hear how you are.',
		'Why is it that evenings matter so much to you?'
	])('“%s” gets none', (text) => {
		expect(wordingHints(text)).toEqual([]);
	});

	it('says what it found, why, and a kinder way, once per kind, in a stable order', () => {
		const hints = wordingHints('We need to talk. You always do this. Are you even listening?');
		expect(hints.map((h) => [h.id, h.found])).toEqual([
			['we-need-to-talk', 'We need to talk'],
			['absolute', 'always'],
			['yes-no', 'Are you']
		]);
		for (const hint of hints) {
			expect(hint.why.length).toBeGreaterThan(10);
			expect(hint.instead).toMatch(/^Try/);
		}
		// Found twice, said once.
		expect(ids('Always, always, always.')).toEqual(['absolute']);
	});

	it('the key changes only when what would be said changes', () => {
		const one = hintsKey(wordingHints('You always'));
		expect(hintsKey(wordingHints('You always '))).toBe(one);
		expect(hintsKey(wordingHints('You always forget'))).toBe(one);
		expect(hintsKey(wordingHints('You never'))).not.toBe(one);
		expect(hintsKey([])).toBe('');
	});

	it('never throws and never flags an empty text, whatever is typed', () => {
		expect(wordingHints('')).toEqual([]);
		fc.assert(
			fc.property(fc.string({ maxLength: 400 }), (text) => {
				const hints = wordingHints(text);
				expect(new Set(hints.map((h) => h.id)).size).toBe(hints.length);
				for (const hint of hints) expect(text.toLowerCase()).toContain(hint.found.toLowerCase());
			}),
			{ numRuns: 500 }
		);
	});
});
