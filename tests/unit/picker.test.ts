import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { leaveCouple } from '$lib/server/couples/settings';
import { getDb } from '$lib/server/db';
import { cardUses } from '$lib/server/db/schema';
import { cardsForCouple, findCard, type DeckCard } from '$lib/server/deck/catalog';
import {
	createCustomCard,
	deleteCustomCard,
	updateCustomCard
} from '$lib/server/deck/custom-cards';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { startTalk } from '$lib/server/talk/talks';
import { mulberry32, pickNextCard } from '$lib/server/deck/picker';
import { bringBack, setAsidesOf, setCardAside } from '$lib/server/deck/set-aside';
import { recordCardUse } from '$lib/server/deck/usage';
import { pair, user } from '../helpers/domain';

/** The built-in pool of a category at a depth, by id. */
async function poolIds(coupleId: string, category: DeckCard['category'], depth: DeckCard['depth']) {
	return (await cardsForCouple(coupleId))
		.filter((c) => c.category === category && c.depth === depth)
		.map((c) => c.id);
}

describe('mulberry32', () => {
	it('is reproducible per seed and stays in [0, 1)', () => {
		const first = mulberry32(42);
		const again = mulberry32(42);
		const other = mulberry32(43);
		const a = Array.from({ length: 50 }, () => first());
		expect(Array.from({ length: 50 }, () => again())).toEqual(a);
		expect(Array.from({ length: 50 }, () => other())).not.toEqual(a);
		expect(a.every((n) => n >= 0 && n < 1)).toBe(true);
		expect(new Set(a).size).toBe(50);
	});
});

describe('pickNextCard', () => {
	it('never picks a used card until the pool is exhausted, then the least recently used', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		const pool = await poolIds(coupleId, 'play', 'light');
		expect(pool.length).toBeGreaterThanOrEqual(3);
		const order: string[] = [];
		let at = 1_000;
		for (let i = 0; i < pool.length; i++) {
			const picked = await pickNextCard(coupleId, {
				depth: 'light',
				category: 'play',
				seed: i * 7
			});
			expect(picked?.exhausted).toBe(false);
			expect(order).not.toContain(picked!.card.id);
			order.push(picked!.card.id);
			await recordCardUse(coupleId, picked!.card.id, (at += 10));
		}
		expect([...order].sort()).toEqual([...pool].sort());

		const lru = await pickNextCard(coupleId, { depth: 'light', category: 'play', seed: 1 });
		expect(lru).toEqual({ card: await findCard(coupleId, order[0]!), exhausted: true });
		await recordCardUse(coupleId, order[0]!, at + 10);
		const next = await pickNextCard(coupleId, { depth: 'light', category: 'play', seed: 1 });
		expect(next?.card.id).toBe(order[1]);
		expect(next?.exhausted).toBe(true);
	});

	it('keeps the latest use time and counts every use', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		await recordCardUse(coupleId, 'day-small-win', 500);
		await recordCardUse(coupleId, 'day-small-win', 900);
		await recordCardUse(coupleId, 'day-small-win', 700);
		const row = await getDb().select().from(cardUses).where(eq(cardUses.coupleId, coupleId));
		expect(row).toEqual([{ coupleId, cardId: 'day-small-win', lastUsedAt: 900, timesUsed: 3 }]);
	});

	it('uses of another couple do not count', async () => {
		const one = await pair(['Alex', 'Sam']);
		const two = await pair(['Kim', 'Lee']);
		const pool = await poolIds(one.coupleId, 'play', 'vulnerable');
		for (const id of pool) await recordCardUse(two.coupleId, id, 1_000);
		expect(
			(await pickNextCard(one.coupleId, { depth: 'vulnerable', category: 'play' }))?.exhausted
		).toBe(false);
		expect(
			(await pickNextCard(two.coupleId, { depth: 'vulnerable', category: 'play' }))?.exhausted
		).toBe(true);
	});

	it('never picks a set-aside card until its owner brings it back; only the owner can', async () => {
		const { a, b, coupleId } = await pair(['Alex', 'Sam']);
		const pool = await poolIds(coupleId, 'growing-up', 'personal');
		const [target, ...others] = pool;
		const card = (await findCard(coupleId, target!))!;
		const only = {
			depth: 'personal' as const,
			category: 'growing-up' as const,
			excludeIds: others
		};

		expect((await pickNextCard(coupleId, only))?.card.id).toBe(target);
		const aside = await setCardAside({
			coupleId,
			userId: a.id,
			card,
			conversationId: null,
			at: 2_000
		});
		expect(await pickNextCard(coupleId, only)).toBeNull();
		for (let seed = 0; seed < 40; seed++) {
			const picked = await pickNextCard(coupleId, {
				depth: 'personal',
				category: 'growing-up',
				seed
			});
			expect(picked?.card.id).not.toBe(target);
		}

		// Setting the same card aside again keeps the one open entry.
		expect(
			(await setCardAside({ coupleId, userId: a.id, card, conversationId: null, at: 2_500 })).id
		).toBe(aside.id);
		await expect(bringBack(b.id, aside.id, 3_000)).rejects.toThrow('We could not find that.');
		expect(await pickNextCard(coupleId, only)).toBeNull();

		const back = await bringBack(a.id, aside.id, 3_000);
		expect(back).toMatchObject({ id: aside.id, userId: a.id, broughtBackAt: 3_000 });
		expect((await pickNextCard(coupleId, only))?.card.id).toBe(target);
	});

	it("the partner's set-aside card is out of both partners' draws", async () => {
		const { b, coupleId } = await pair(['Alex', 'Sam']);
		const [target, ...others] = await poolIds(coupleId, 'appreciation', 'light');
		const only = { depth: 'light' as const, category: 'appreciation' as const, excludeIds: others };
		const card = (await findCard(coupleId, target!))!;
		await setCardAside({ coupleId, userId: b.id, card, conversationId: null, at: 1 });
		expect(await pickNextCard(coupleId, only)).toBeNull();
		// Another couple is not affected by it.
		const other = await pair(['Kim', 'Lee']);
		expect((await pickNextCard(other.coupleId, only))?.card.id).toBe(target);
	});

	it('picks only within the category and depth asked for', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		const seen = new Set<string>();
		for (let seed = 0; seed < 60; seed++) {
			const picked = await pickNextCard(coupleId, {
				depth: 'vulnerable',
				category: 'values-and-meaning',
				seed
			});
			expect(picked?.card).toMatchObject({ category: 'values-and-meaning', depth: 'vulnerable' });
			seen.add(picked!.card.id);
		}
		expect(seen.size).toBeGreaterThan(1);
		for (let seed = 0; seed < 30; seed++) {
			expect((await pickNextCard(coupleId, { depth: 'light', seed }))?.card.depth).toBe('light');
		}
	});

	it('is reproducible with a seed, and varies across seeds', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		const ids = async (seed: number | string) =>
			(await pickNextCard(coupleId, { depth: 'personal', seed }))?.card.id;
		for (const seed of [0, 1, 99, 123456, 'talk-1:3'])
			expect(await ids(seed)).toBe(await ids(seed));
		const spread = new Set<string | undefined>();
		for (let i = 0; i < 20; i++) spread.add(await ids(i));
		expect(spread.size).toBeGreaterThan(5);
	});

	it('returns null when nothing fits', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		const all = await poolIds(coupleId, 'play', 'personal');
		expect(
			await pickNextCard(coupleId, { depth: 'personal', category: 'play', excludeIds: all })
		).toBeNull();
	});

	it("never picks another couple's custom card, but picks the couple's own", async () => {
		const one = await pair(['Alex', 'Sam']);
		const two = await pair(['Kim', 'Lee']);
		const builtIns = await poolIds(one.coupleId, 'play', 'vulnerable');
		const theirs = await createCustomCard(two.a.id, {
			text: 'What would you dare to try if nobody ever found out?',
			category: 'play',
			depth: 'vulnerable'
		});
		const only = { depth: 'vulnerable' as const, category: 'play' as const, excludeIds: builtIns };
		expect(await pickNextCard(one.coupleId, only)).toBeNull();
		for (let seed = 0; seed < 40; seed++) {
			const picked = await pickNextCard(one.coupleId, {
				depth: 'vulnerable',
				category: 'play',
				seed
			});
			expect(picked?.card.id).not.toBe(theirs.id);
		}
		expect(await pickNextCard(two.coupleId, only)).toEqual({ card: theirs, exhausted: false });
	});
});

describe('set-asides', () => {
	it("lists a person's own open set-asides, newest first, ended spaces included", async () => {
		const { a, b, coupleId } = await pair(['Alex', 'Sam']);
		const [first, second, third] = await cardsForCouple(coupleId);
		await setCardAside({ coupleId, userId: a.id, card: first!, conversationId: null, at: 100 });
		const later = await setCardAside({
			coupleId,
			userId: a.id,
			card: second!,
			conversationId: null,
			at: 300
		});
		const back = await setCardAside({
			coupleId,
			userId: a.id,
			card: third!,
			conversationId: null,
			at: 200
		});
		await setCardAside({ coupleId, userId: b.id, card: third!, conversationId: null, at: 400 });
		await bringBack(a.id, back.id, 500);

		expect((await setAsidesOf(a.id)).map((s) => [s.cardId, s.cardText])).toEqual([
			[second!.id, second!.text],
			[first!.id, first!.text]
		]);
		expect((await setAsidesOf(a.id))[0]).toMatchObject({
			id: later.id,
			setAsideAt: 300,
			broughtBackAt: null
		});
		expect((await setAsidesOf(b.id)).map((s) => s.cardId)).toEqual([third!.id]);

		// The space ends: the list stays readable, but nothing changes any more.
		await leaveCouple(b.id);
		expect(await setAsidesOf(a.id)).toHaveLength(2);
		await expect(bringBack(a.id, later.id, 600)).rejects.toThrow('We could not find that.');
		await expect(
			setCardAside({ coupleId, userId: a.id, card: third!, conversationId: null, at: 700 })
		).rejects.toThrow('We could not find that.');
		expect(await setAsidesOf(a.id)).toHaveLength(2);
	});

	it('cannot set a card aside in a couple one is not part of', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		const eve = await user('Eve');
		const card = (await cardsForCouple(coupleId))[0]!;
		await expect(
			setCardAside({ coupleId, userId: eve.id, card, conversationId: null, at: 1 })
		).rejects.toThrow('We could not find that.');
		expect(await setAsidesOf(eve.id)).toEqual([]);
	});
});

describe('the picker’s memory of a couple’s deck stays true across writes', () => {
	const builtIns = async () => (await cardsForCouple(null)).map((c) => c.id);

	it('custom cards written, changed and deleted through the forms are picked (or not) at once', async () => {
		const { a, coupleId } = await pair(['Alex', 'Sam']);
		const only = { depth: 'light' as const, excludeIds: await builtIns() };
		expect(await pickNextCard(coupleId, only)).toBeNull(); // the memory now holds "no custom cards"
		const card = await createCustomCard(a.id, {
			text: 'What would you like more of this month?',
			category: 'play',
			depth: 'light'
		});
		expect((await pickNextCard(coupleId, only))?.card.id).toBe(card.id);
		await updateCustomCard(a.id, card.id, { text: card.text, category: 'play', depth: 'personal' });
		expect(await pickNextCard(coupleId, only)).toBeNull();
		expect((await pickNextCard(coupleId, { ...only, depth: 'personal' as const }))?.card.id).toBe(
			card.id
		);
		await deleteCustomCard(a.id, card.id);
		expect(await pickNextCard(coupleId, { ...only, depth: 'personal' as const })).toBeNull();
	});

	it('a draw from a socket is remembered: no card repeats while fresh ones remain', async () => {
		const { a, b, coupleId } = await pair(['Alex', 'Sam']);
		const { conversationId } = await startTalk(a.id, crypto.randomUUID());
		const pool = await poolIds(coupleId, 'play', 'light');
		const options = { depth: 'light' as const, category: 'play' as const };
		await pickNextCard(coupleId, options); // the memory is filled before any draw
		const drawn: string[] = [];
		for (const card of pool) {
			// The draw goes through the pipeline (as a socket's does) and records its use there.
			const speaker = drawn.length % 2 ? b.id : a.id;
			const done = await submitIntent('live', speaker, conversationId, crypto.randomUUID(), {
				type: 'draw',
				cardId: card
			});
			drawn.push(card);
			await submitIntent(
				'live',
				b.id === speaker ? a.id : b.id,
				conversationId,
				crypto.randomUUID(),
				{
					type: 'not-ready',
					scope: 'card'
				}
			).catch(() => done);
			const next = await pickNextCard(coupleId, options);
			if (drawn.length < pool.length) expect(drawn).not.toContain(next?.card.id);
		}
	});

	it('a card set aside is never picked, even by a process that remembered the deck before', async () => {
		const { a, coupleId } = await pair(['Alex', 'Sam']);
		const pool = await poolIds(coupleId, 'play', 'light');
		const options = { depth: 'light' as const, category: 'play' as const };
		await pickNextCard(coupleId, options);
		// Written straight to the database, as another process would.
		for (const id of pool.slice(1))
			await setCardAside({
				coupleId,
				userId: a.id,
				card: (await findCard(coupleId, id))!,
				conversationId: null,
				at: 1
			});
		expect((await pickNextCard(coupleId, options))?.card.id).toBe(pool[0]);
	});
});

describe('cards kept for live talks', () => {
	it('a talk may draw them; a pick for a card that travels alone never does', async () => {
		const { coupleId } = await pair(['Alex', 'Sam']);
		const live = (await cardsForCouple(coupleId)).filter((c) => c.liveOnly);
		expect(live.length).toBeGreaterThan(0);
		const card = live[0]!;
		// everything else at that depth and category is used, so the live-only card is the fresh one
		for (const other of await poolIds(coupleId, card.category, card.depth))
			if (other !== card.id) await recordCardUse(coupleId, other, 1_000);
		const inTalk = await pickNextCard(coupleId, { depth: card.depth, category: card.category });
		expect(inTalk).toEqual({ card, exhausted: false });
		for (let seed = 0; seed < 20; seed++) {
			const away = await pickNextCard(coupleId, {
				depth: card.depth,
				category: card.category,
				seed,
				away: true
			});
			expect(away?.card.liveOnly).toBeUndefined();
		}
	});
});
