import { describe, expect, it } from 'vitest';
import { BATCH_LIMIT, inNextCommit } from '$lib/server/conversations/group-commit';
import { TokenBucket } from '$lib/server/realtime/fairness';
import { BUILT_IN_CARDS } from '$lib/deck/cards';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { execute, rows as query } from '$lib/server/db';
import { sql } from 'drizzle-orm';
import { onPostgres } from '../helpers/database';
import { startTalk } from '$lib/server/talk/talks';
import { pair } from '../helpers/domain';

describe('group commit takes conversations in turn', () => {
	it('a long queue of one conversation cannot hold another back, and each keeps its own order', async () => {
		const done: string[] = [];
		const long = Array.from({ length: BATCH_LIMIT * 8 }, (_, i) =>
			inNextCommit('long', () => i).then((i) => done.push(`long:${i}`))
		);
		const other = inNextCommit('other', () => 'x').then(() => done.push('other'));
		await Promise.all([...long, other]);
		// The other conversation's one job rode in the first batch, not behind 2,048 others.
		expect(done.indexOf('other')).toBeLessThan(BATCH_LIMIT);
		const order = done.filter((d) => d.startsWith('long:')).map((d) => Number(d.slice(5)));
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	it('yields to the event loop between batches', async () => {
		let ticks = 0;
		const timer = setInterval(() => ticks++, 0);
		const seenAt: number[] = [];
		await Promise.all(
			Array.from({ length: BATCH_LIMIT * 6 }, (_, i) =>
				inNextCommit(`c${i % 3}`, () => i).then(() => seenAt.push(ticks))
			)
		);
		clearInterval(timer);
		// Timers ran while the jobs were being committed: not one long synchronous stretch.
		expect(seenAt.at(-1)!).toBeGreaterThan(seenAt[0]!);
	});
});

describe('token bucket', () => {
	it('allows a burst, then the rate, and refills with time', () => {
		const bucket = new TokenBucket(20, 40, 0);
		let allowed = 0;
		for (let i = 0; i < 100; i++) if (bucket.take(0)) allowed++;
		expect(allowed).toBe(40);
		expect(bucket.take(49)).toBe(false); // 49 ms: not yet a whole token
		expect(bucket.take(50)).toBe(true); // 50 ms at 20/s: one token
		let later = 0;
		for (let i = 0; i < 100; i++) if (bucket.take(10_000)) later++;
		expect(later).toBe(40); // never more than the burst, however long the wait
	});
});

describe('one batch, no savepoint per intent, and the fallback when one fails half-way', () => {
	it('a projection failing after the event was written rolls back only that intent', async () => {
		const { a, b } = await pair();
		const talks = [await startTalk(a.id, `gc-${crypto.randomUUID()}`)];
		const other = await pair();
		talks.push(await startTalk(other.a.id, `gc-${crypto.randomUUID()}`));
		const [broken, fine] = [BUILT_IN_CARDS[0]!.id, BUILT_IN_CARDS[1]!.id];
		// A real failure inside the append's transaction, after the event row is written: the
		// card-use projection of one card is refused by the database itself.
		if (onPostgres()) {
			await execute(
				sql.raw(`create function refuse_use() returns trigger language plpgsql as $$
				begin if new.card_id = '${broken}' then raise exception 'refused for the test'; end if;
				return new; end $$`)
			);
			await execute(
				sql.raw(`create trigger refuse_use before insert on card_uses
				for each row execute function refuse_use()`)
			);
		} else
			await execute(
				sql.raw(`create trigger refuse_use before insert on card_uses
				when new.card_id = '${broken}' begin select raise(abort, 'refused for the test'); end`)
			);
		try {
			const results = await Promise.allSettled([
				submitIntent('live', a.id, talks[0]!.conversationId, 'gc-draw-broken', {
					type: 'draw',
					cardId: broken
				}),
				submitIntent('live', other.a.id, talks[1]!.conversationId, 'gc-draw-fine', {
					type: 'draw',
					cardId: fine
				}),
				submitIntent('live', b.id, talks[0]!.conversationId, 'gc-deeper', { type: 'deeper' })
			]);
			expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
			const rows = await query<{ type: string }>(
				sql`select type from events where client_id like ${'gc-%'} and type <> 'talk.started'`
			);
			expect(rows.map((r) => r.type).sort()).toEqual(['card.drawn', 'depth.deeper']);
			// Nothing of the failed one is left: the talk's log has no gap and no drawn card.
			const seqs = await query<{ seq: number }>(
				sql`select seq from events where conversation_id = ${talks[0]!.conversationId} order by seq`
			);
			expect(seqs.map((r) => r.seq)).toEqual([1, 2]);
		} finally {
			await execute(sql.raw(`drop trigger refuse_use${onPostgres() ? ' on card_uses' : ''}`));
		}
	});

	it('a retried intent that meets the unique index in a batch with others is answered with its event', async () => {
		const { a, b } = await pair();
		const { conversationId } = await startTalk(a.id, `gc-${crypto.randomUUID()}`);
		const first = await submitIntent('live', b.id, conversationId, 'gc-retry-1', {
			type: 'deeper'
		});
		// The same intent again, in one batch with another: the rules would refuse a second vote,
		// but the retry is recognised and answered with the event it became.
		const [again, lighter] = await Promise.all([
			submitIntent('live', b.id, conversationId, 'gc-retry-1', { type: 'deeper' }),
			submitIntent('live', a.id, conversationId, 'gc-retry-2', { type: 'lighter' }).catch(
				(e: Error) => e
			)
		]);
		expect(again).toMatchObject({ duplicate: true, event: { seq: first.event.seq } });
		expect(lighter).toBeDefined();
		const [count] = await query<{ n: number }>(
			sql`select count(*) as n from events where client_id = ${'gc-retry-1'}`
		);
		expect(count!.n).toBe(1);
	});
});
