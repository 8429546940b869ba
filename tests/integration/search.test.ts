import { beforeAll, describe, expect, it } from 'vitest';
import { sendCard } from '$lib/server/cards/cards';
import { searchHistory } from '$lib/server/history/history';
import { pair } from '../helpers/domain';

/**
 * Full-text search gives the same hits for the same words on both databases (FTS5 on SQLite, a
 * tsvector on PostgreSQL): this file runs in both test projects with the same expectations.
 * No stemming on either, accents and case folded, every word required, the last one as a prefix.
 */
let alex: string;
const cards: Record<string, string> = {};

const WORDS = {
	creme: 'We shared a crème brûlée after the long walk',
	cafe: 'The CAFÉ by the river is where I feel at home',
	naive: 'I was naïve about how tired the move would make us',
	walking: 'Walking together on Sundays keeps us close',
	numbers: 'Room 214 at the seaside hotel, summer 2019'
};

beforeAll(async () => {
	const { a } = await pair();
	alex = a.id;
	for (const [key, answer] of Object.entries(WORDS)) {
		const sent = await sendCard(a.id, {
			clientId: crypto.randomUUID(),
			text: 'What do you want to remember from this month?',
			category: 'day-to-day',
			depth: 'light',
			note: null,
			firstAnswer: answer,
			revealTogether: false
		});
		cards[key] = sent.conversationId;
	}
});

const found = async (query: string) =>
	[...new Set((await searchHistory(alex, query)).map((h) => h.conversationId))]
		.map((id) => Object.keys(cards).find((key) => cards[key] === id))
		.sort();

describe('search finds the same words on either database', () => {
	it.each([
		['creme', ['creme']],
		['CRÈME brulee', ['creme']],
		['cafe', ['cafe']],
		['café river', ['cafe']],
		['naive', ['naive']],
		['caf', ['cafe']], // the last word may be half typed
		['walk', ['creme', 'walking']], // "walk" and "walking" by prefix, no stemming
		['walked', []],
		['walking sundays', ['walking']], // every word must be there
		['walk sundays', []], // only the last word is a prefix
		['sundays walk', ['walking']],
		['river home', ['cafe']],
		['home river tired', []],
		['214', ['numbers']],
		['2019 seaside', ['numbers']],
		['"; drop table events; --', []], // nothing typed is query syntax
		['', []],
		['   ...   ', []]
	])('%j finds %j', async (query, expected) => {
		expect(await found(query)).toEqual(expected);
	});

	it('newest first', async () => {
		const hits = await searchHistory(alex, 'the');
		const order = hits.map((h) =>
			Object.keys(cards).find((key) => cards[key] === h.conversationId)
		);
		expect(order).toEqual(['numbers', 'naive', 'cafe', 'creme']);
	});

	it('a snippet marks the words that matched', async () => {
		const [hit] = await searchHistory(alex, 'seaside');
		expect(hit!.snippet).toContain('\u0001seaside\u0002');
	});
});
