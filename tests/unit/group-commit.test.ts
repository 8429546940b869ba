import { describe, expect, it } from 'vitest';
import { BATCH_LIMIT, inNextCommit } from '$lib/server/conversations/group-commit';
import { TokenBucket } from '$lib/server/realtime/fairness';

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
