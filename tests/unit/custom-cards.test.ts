import { describe, expect, it } from 'vitest';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import { CATEGORIES, DEPTHS } from '$lib/deck/types';
import { cardIdSchema, customCardForm, parseDeckQuery } from '$lib/schemas/deck';
import { leaveCouple } from '$lib/server/couples/settings';
import { cardsForCouple, findCard, searchDeck } from '$lib/server/deck/catalog';
import {
	createCustomCard,
	customCardOf,
	deleteCustomCard,
	updateCustomCard
} from '$lib/server/deck/custom-cards';
import { AppError } from '$lib/server/errors';
import { pair, user } from '../helpers/domain';

const NOT_FOUND = 'We could not find that.';
const card = (text: string) => ({ text, category: 'play' as const, depth: 'light' as const });

function errorsOf(input: Record<string, unknown>) {
	const result = customCardForm.safeParse(input);
	if (result.success) return {};
	return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe('custom card form', () => {
	it('accepts 5 to 280 characters after trimming', () => {
		expect(customCardForm.parse(card('  Why?!  '))).toBeTruthy();
		expect(customCardForm.parse(card('  Why?!  ')).text).toBe('Why?!');
		expect(customCardForm.safeParse(card('x'.repeat(280))).success).toBe(true);
		expect(errorsOf(card('Why?'))).toEqual({ text: 'A card needs at least 5 characters.' });
		expect(errorsOf(card('   Why?     '))).toEqual({ text: 'A card needs at least 5 characters.' });
		expect(errorsOf(card('x'.repeat(281)))).toEqual({
			text: 'Keep it to 280 characters, so it fits on a card.'
		});
		expect(errorsOf(card('   '))).toEqual({ text: 'Please write your question.' });
	});

	it('asks for a known category and depth', () => {
		for (const category of CATEGORIES)
			for (const depth of DEPTHS)
				expect(
					customCardForm.safeParse({ text: 'What lights you up?', category, depth }).success
				).toBe(true);
		expect(errorsOf({ text: 'What lights you up?', category: 'gossip', depth: 'deepest' })).toEqual(
			{
				category: 'Please choose a category.',
				depth: 'Please choose how deep the card goes.'
			}
		);
		expect(errorsOf({})).toEqual({
			text: 'Please write your question.',
			category: 'Please choose a category.',
			depth: 'Please choose how deep the card goes.'
		});
	});
});

describe('deck URL parameters and card ids', () => {
	it('keeps valid filters and explains, then ignores, invalid ones', () => {
		const ok = parseDeckQuery(new URLSearchParams('category=play&depth=personal&q=%20dream%20'));
		expect(ok).toEqual({
			filters: { category: 'play', depth: 'personal', q: 'dream', page: 1 },
			problems: []
		});
		const bad = parseDeckQuery(
			new URLSearchParams({ category: 'gossip', depth: 'abyss', q: 'x'.repeat(101), page: 'zz' })
		);
		expect(bad.filters).toEqual({ page: 1 });
		expect(bad.problems).toEqual([
			expect.stringContaining('category'),
			expect.stringContaining('depth'),
			expect.stringContaining('100 characters')
		]);
		const mixed = parseDeckQuery(new URLSearchParams('category=nope&depth=light&page=3'));
		expect(mixed.filters).toEqual({ depth: 'light', page: 3 });
		expect(mixed.problems).toHaveLength(1);
		expect(parseDeckQuery(new URLSearchParams('category=&depth=&q='))).toEqual({
			filters: { page: 1 },
			problems: []
		});
	});

	it('accepts built-in slugs and custom:<uuid> only', () => {
		expect(cardIdSchema.safeParse(BUILT_IN_CARDS[0]!.id).success).toBe(true);
		expect(cardIdSchema.safeParse(`custom:${crypto.randomUUID()}`).success).toBe(true);
		for (const bad of [
			'custom:123',
			'Day-Small',
			'../secret',
			'a b',
			'',
			`custom:${'x'.repeat(36)}`
		])
			expect(cardIdSchema.safeParse(bad).success, bad).toBe(false);
	});
});

describe('custom cards on a real database', () => {
	it('validates on the server too', async () => {
		const { a, coupleId } = await pair(['Alex', 'Sam']);
		await expect(createCustomCard(a.id, card('Hm?'))).rejects.toThrow(AppError);
		await expect(createCustomCard(a.id, card('y'.repeat(281)))).rejects.toThrow(/280 characters/);
		expect((await cardsForCouple(coupleId)).filter((c) => c.custom)).toEqual([]);
	});

	it('only that couple sees, edits and deletes it; both partners can', async () => {
		const { a, b, coupleId } = await pair(['Alex', 'Sam']);
		const other = await pair(['Eve', 'Mallory']);
		const loner = await user('Lonely');
		const text = 'What is one tiny ritual of ours you would never want to lose?';
		const made = await createCustomCard(
			a.id,
			{ text, category: 'us-right-now', depth: 'personal' },
			1_000
		);
		expect(made).toEqual({
			id: expect.stringMatching(/^custom:[0-9a-f-]{36}$/),
			text,
			category: 'us-right-now',
			depth: 'personal',
			custom: true,
			authorId: a.id
		});

		// Seen by the couple, nobody else.
		expect(await cardsForCouple(coupleId)).toContainEqual(made);
		expect(await findCard(coupleId, made.id)).toEqual(made);
		expect(await customCardOf(b.id, made.id)).toEqual(made);
		expect(await searchDeck(coupleId, { text: 'lose tiny RITUAL' })).toEqual([made]);
		expect((await cardsForCouple(other.coupleId)).some((c) => c.text === text)).toBe(false);
		expect((await cardsForCouple(null)).some((c) => c.custom)).toBe(false);
		expect(await findCard(other.coupleId, made.id)).toBeUndefined();
		expect(await findCard(null, made.id)).toBeUndefined();
		expect(await searchDeck(other.coupleId, { text: 'lose tiny ritual' })).toEqual([]);

		// Strangers get "not found", exactly as for an id that does not exist.
		const missing = `custom:${crypto.randomUUID()}`;
		for (const stranger of [other.a.id, loner.id]) {
			await expect(customCardOf(stranger, made.id)).rejects.toThrow(NOT_FOUND);
			await expect(updateCustomCard(stranger, made.id, card('What is mine now?'))).rejects.toThrow(
				NOT_FOUND
			);
			await expect(deleteCustomCard(stranger, made.id)).rejects.toThrow(NOT_FOUND);
		}
		await expect(customCardOf(a.id, missing)).rejects.toThrow(NOT_FOUND);
		await expect(deleteCustomCard(a.id, 'not-a-card')).rejects.toThrow(NOT_FOUND);
		expect(await findCard(coupleId, made.id)).toEqual(made);

		// The partner edits it (by bare uuid too), then the author deletes it.
		const edited = await updateCustomCard(
			b.id,
			made.id.slice('custom:'.length),
			{
				text: '  Which small ritual of ours matters most to you?  ',
				category: 'appreciation',
				depth: 'light'
			},
			2_000
		);
		expect(edited).toMatchObject({
			id: made.id,
			text: 'Which small ritual of ours matters most to you?',
			category: 'appreciation',
			depth: 'light',
			authorId: a.id
		});
		expect(await findCard(coupleId, made.id)).toEqual(edited);
		await deleteCustomCard(a.id, made.id);
		expect(await findCard(coupleId, made.id)).toBeUndefined();
		await expect(deleteCustomCard(b.id, made.id)).rejects.toThrow(NOT_FOUND);
	});

	it('needs a shared space to write one', async () => {
		const loner = await user('Lonely');
		await expect(createCustomCard(loner.id, card('What made you laugh today?'))).rejects.toThrow(
			NOT_FOUND
		);
	});

	it('an ended space is read-only: nothing can be written, changed or deleted', async () => {
		const { a, b, coupleId } = await pair(['Alex', 'Sam']);
		const made = await createCustomCard(a.id, card('What game would you invent for us?'));
		await leaveCouple(a.id);
		for (const who of [a.id, b.id]) {
			await expect(createCustomCard(who, card('What would you add to our deck?'))).rejects.toThrow(
				NOT_FOUND
			);
			await expect(customCardOf(who, made.id)).rejects.toThrow(NOT_FOUND);
			await expect(updateCustomCard(who, made.id, card('What changed for you?'))).rejects.toThrow(
				NOT_FOUND
			);
			await expect(deleteCustomCard(who, made.id)).rejects.toThrow(NOT_FOUND);
		}
		// Kept as it was, for the history that refers to it.
		expect(await findCard(coupleId, made.id)).toEqual(made);
	});

	it('searches by words in any order, ignoring case and accents, with filters', async () => {
		const { a, coupleId } = await pair(['Alex', 'Sam']);
		const made = await createCustomCard(a.id, {
			text: 'Which café from our first year would you go back to, and why?',
			category: 'dreams-and-future',
			depth: 'light'
		});
		expect(await searchDeck(coupleId, { text: 'WHY cafe' })).toContainEqual(made);
		expect(await searchDeck(coupleId, { text: 'cafe', depth: 'personal' })).not.toContainEqual(
			made
		);
		expect(await searchDeck(coupleId, { text: 'cafe', category: 'play' })).not.toContainEqual(made);
		const vulnerablePlay = await searchDeck(coupleId, { category: 'play', depth: 'vulnerable' });
		expect(vulnerablePlay.length).toBe(
			BUILT_IN_CARDS.filter((c) => c.category === 'play' && c.depth === 'vulnerable').length
		);
		expect(vulnerablePlay.length).toBeGreaterThan(0);
		expect(await searchDeck(coupleId, { text: 'zzzz nothing like this' })).toEqual([]);
	});
});
