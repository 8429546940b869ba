import { describe, it, expect } from 'vitest';
import { BUILT_IN_CARDS } from '../../src/lib/deck/cards';
import { CATEGORY_INFO } from '../../src/lib/deck/categories';
import {
	ALL_FEELINGS,
	FEELING_FAMILIES,
	NEEDS,
	THOUGHT_FEELINGS
} from '../../src/lib/deck/feelings';
import {
	BLANK,
	insertStem,
	OPENING_LINES,
	REFLECTION_STEMS,
	rotated,
	seedOf
} from '../../src/lib/deck/phrases';
import { CATEGORIES, DEPTHS, type CategoryId, type Depth } from '../../src/lib/deck/types';

const YES_NO_START =
	/^(do|does|did|are|is|was|were|have|has|had|would|will|could|can|should|shall|may|might|must|am)\b/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function duplicates(values: readonly string[]): string[] {
	const seen = new Set<string>();
	const dupes = new Set<string>();
	for (const value of values) {
		if (seen.has(value)) dupes.add(value);
		seen.add(value);
	}
	return [...dupes];
}

describe('built-in cards', () => {
	it('has at least 180 cards', () => {
		expect(BUILT_IN_CARDS.length).toBeGreaterThanOrEqual(180);
	});

	it('uses at least 8 categories', () => {
		const used = new Set(BUILT_IN_CARDS.map((c) => c.category));
		expect(used.size).toBeGreaterThanOrEqual(8);
	});

	it('has at least 40 cards per depth', () => {
		for (const depth of DEPTHS) {
			const count = BUILT_IN_CARDS.filter((c) => c.depth === depth).length;
			expect(count, `cards at depth "${depth}"`).toBeGreaterThanOrEqual(40);
		}
	});

	it('gives every used category cards at two or more depths', () => {
		const depthsByCategory = new Map<CategoryId, Set<Depth>>();
		for (const card of BUILT_IN_CARDS) {
			const set = depthsByCategory.get(card.category) ?? new Set<Depth>();
			set.add(card.depth);
			depthsByCategory.set(card.category, set);
		}
		expect(depthsByCategory.size).toBeGreaterThan(0);
		for (const [category, depths] of depthsByCategory) {
			expect(depths.size, `depths in "${category}"`).toBeGreaterThanOrEqual(2);
		}
	});

	it('has unique kebab-case ids', () => {
		const ids = BUILT_IN_CARDS.map((c) => c.id);
		expect(duplicates(ids)).toEqual([]);
		const bad = ids.filter((id) => !SLUG.test(id));
		expect(bad).toEqual([]);
	});

	it('only uses known categories and depths', () => {
		const categories: readonly string[] = CATEGORIES;
		const depths: readonly string[] = DEPTHS;
		const bad = BUILT_IN_CARDS.filter(
			(c) => !categories.includes(c.category) || !depths.includes(c.depth)
		).map((c) => c.id);
		expect(bad).toEqual([]);
	});

	it('keeps card text between 5 and 280 characters', () => {
		const bad = BUILT_IN_CARDS.filter((c) => c.text.trim().length < 5 || c.text.length > 280).map(
			(c) => c.id
		);
		expect(bad).toEqual([]);
	});

	it('never starts a card with a yes/no word unless an exception is explained', () => {
		const bad = BUILT_IN_CARDS.filter(
			(c) => YES_NO_START.test(c.text.trim()) && !(c.yesNoException && c.yesNoException.trim())
		).map((c) => `${c.id}: ${c.text}`);
		expect(bad).toEqual([]);
	});

	it('has no duplicate card texts', () => {
		const texts = BUILT_IN_CARDS.map((c) => c.text.trim().toLowerCase());
		expect(duplicates(texts)).toEqual([]);
	});

	it('has non-empty follow-ups when present', () => {
		const bad = BUILT_IN_CARDS.filter(
			(c) => c.followUp !== undefined && c.followUp.trim().length < 5
		).map((c) => c.id);
		expect(bad).toEqual([]);
	});
});

describe('category info', () => {
	it('describes every category, in order', () => {
		expect(CATEGORY_INFO.map((c) => c.id)).toEqual([...CATEGORIES]);
		const bad = CATEGORY_INFO.filter((c) => !c.label.trim() || !c.description.trim()).map(
			(c) => c.id
		);
		expect(bad).toEqual([]);
	});
});

describe('feelings and needs', () => {
	it('has at least 60 unique feelings', () => {
		expect(ALL_FEELINGS.length).toBeGreaterThanOrEqual(60);
		expect(duplicates(ALL_FEELINGS.map((f) => f.toLowerCase()))).toEqual([]);
	});

	it('flattens every family into ALL_FEELINGS', () => {
		expect(FEELING_FAMILIES.length).toBeGreaterThanOrEqual(12);
		expect([...ALL_FEELINGS]).toEqual(FEELING_FAMILIES.flatMap((f) => f.feelings));
	});

	it('has at least 30 unique needs', () => {
		expect(NEEDS.length).toBeGreaterThanOrEqual(30);
		expect(duplicates(NEEDS.map((n) => n.toLowerCase()))).toEqual([]);
	});
});

describe('phrases', () => {
	it('has at least 12 gentle opening lines', () => {
		expect(OPENING_LINES.length).toBeGreaterThanOrEqual(12);
		const bad = OPENING_LINES.filter((line) => /need to talk/i.test(line));
		expect(bad).toEqual([]);
	});

	it('offers paraphrasing reflection stems', () => {
		expect(REFLECTION_STEMS.length).toBeGreaterThanOrEqual(8);
		expect(REFLECTION_STEMS.some((s) => /^what i hear is/i.test(s))).toBe(true);
		expect(REFLECTION_STEMS.some((s) => /^it sounds like you felt/i.test(s))).toBe(true);
	});
});

describe('every line of the vocabulary is reachable', () => {
	it('rotation keeps every entry exactly once, and every entry comes first for some seed', () => {
		for (const list of [OPENING_LINES, REFLECTION_STEMS]) {
			const fronts = new Set<string>();
			for (let seed = -3; seed < list.length * 2; seed++) {
				const r = rotated(list, seed);
				expect([...r].sort()).toEqual([...list].sort());
				fronts.add(r[0]!);
			}
			expect(fronts.size).toBe(list.length);
		}
		expect(seedOf('abc')).toBe(seedOf('abc'));
		expect(rotated([], 3)).toEqual([]);
	});

	it('a stem keeps its blanks and selects the first one, after what is written', () => {
		const first = insertStem('', 'It sounds like you felt … because …');
		expect(first.text).toBe('It sounds like you felt … because …');
		expect(first.text.slice(...first.selection)).toBe(BLANK);
		expect(first.selection[0]).toBe('It sounds like you felt '.length);
		const after = insertStem('Thank you. ', 'What I hear is…');
		expect(after.text).toBe('Thank you. What I hear is…');
		expect(after.text.slice(...after.selection)).toBe(BLANK);
		const plain = insertStem('So', 'Did I get that right?');
		expect(plain.text).toBe('So Did I get that right? ');
		expect(plain.selection).toEqual([plain.text.length, plain.text.length]);
		// the validation stem and "Is there more?" are in the list, reachable like any other
		expect(REFLECTION_STEMS).toContain("Is there more you'd like me to know?");
		expect(REFLECTION_STEMS.some((s) => s.startsWith('That makes sense to me'))).toBe(true);
	});
});

describe('feelings people use', () => {
	it('has the everyday words, and marks thoughts dressed as feelings with a note', () => {
		for (const word of ['mad', 'upset', 'jealous', 'offended'])
			expect(ALL_FEELINGS).toContain(word);
		for (const word of ['rejected', 'betrayed', 'unappreciated']) {
			expect(ALL_FEELINGS).toContain(word);
			expect(THOUGHT_FEELINGS[word]).toMatch(/underneath/i);
		}
		for (const word of Object.keys(THOUGHT_FEELINGS)) expect(ALL_FEELINGS).toContain(word);
	});
});

describe('the deck, closer to its sources', () => {
	it('asks "best and worst decision" once, and invites rather than ambushes', () => {
		expect(BUILT_IN_CARDS.filter((c) => /best and the worst decision/i.test(c.text))).toHaveLength(
			1
		);
		expect(BUILT_IN_CARDS.filter((c) => /wasn't (quite )?there|let me down/i.test(c.text))).toEqual(
			[]
		);
		// near-duplicates are asked once each
		for (const theme of [/learning to forgive/i, /feel (truly )?heard/i, /hard(est)? to ask for/i])
			expect(
				BUILT_IN_CARDS.filter((c) => theme.test(c.text)),
				String(theme)
			).toHaveLength(1);
		expect(BUILT_IN_CARDS.filter((c) => /(most alone|lonely) even/i.test(c.text))).toHaveLength(1);
	});
});

/** A second question joined on with a comma: "…, and what would help?" */
const SECOND_QUESTION = /, (and|or) (what|how|where|when|which|whose|who)\b/i;

describe('one question at a time, inviting rather than ambushing', () => {
	it('no card or follow-up asks two questions with two question marks', () => {
		const twice = (text?: string) => (text ?? '').split('?').length - 1 > 1;
		const bad = BUILT_IN_CARDS.filter((c) => twice(c.text) || twice(c.followUp)).map(
			(c) => `${c.id}: ${c.text}`
		);
		expect(bad).toEqual([]);
	});

	it('a vulnerable card asks one thing; a second question goes in its follow-up or a card of its own', () => {
		const bad = BUILT_IN_CARDS.filter(
			(c) => c.depth === 'vulnerable' && SECOND_QUESTION.test(c.text)
		).map((c) => `${c.id}: ${c.text}`);
		expect(bad).toEqual([]);
		// the halves of a split card: the old id keeps one, the other has a new id
		for (const [kept, added] of [
			['day-not-enough', 'day-not-enough-voice'],
			['grow-family-role', 'grow-family-role-now'],
			['feel-hidden-feeling', 'feel-hidden-fear'],
			['close-safe-not-now', 'close-not-now-response'],
			['play-joy-undeserved', 'play-enjoy-fully']
		]) {
			const a = BUILT_IN_CARDS.find((c) => c.id === kept);
			const b = BUILT_IN_CARDS.find((c) => c.id === added);
			expect(a && b, `${kept} / ${added}`).toBeTruthy();
			expect(a!.category).toBe(b!.category);
			expect(a!.text).not.toBe(b!.text);
		}
	});

	it('a card kept for live talks says why, and the ones about a hurt between the two are kept so', () => {
		const live = BUILT_IN_CARDS.filter((c) => c.liveOnly !== undefined);
		expect(live.length).toBeGreaterThan(0);
		for (const card of live) expect(card.liveOnly!.trim().length, card.id).toBeGreaterThan(20);
		const ids = live.map((c) => c.id);
		for (const id of ['repair-still-hurts', 'close-turned-away']) expect(ids).toContain(id);
		// and none of them asks "what have I done" of the partner any more
		expect(BUILT_IN_CARDS.filter((c) => /what have I done/i.test(c.text))).toEqual([]);
	});

	it('cards that assumed a grievance now invite', () => {
		for (const words of [
			/least seen/i,
			/taken for granted/i,
			/goes unnoticed/i,
			/gone unmet/i,
			/during our fights/i
		])
			expect(
				BUILT_IN_CARDS.filter((c) => words.test(c.text)).map((c) => c.id),
				String(words)
			).toEqual([]);
	});
});
