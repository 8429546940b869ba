import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '$lib/server/db';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { toggleMoment } from '$lib/server/history/history';
import { createFeed } from '$lib/server/schedule/feeds';
import { startTalk } from '$lib/server/talk/talks';
import { pair } from '../helpers/domain';

/**
 * The same request twice at the same moment (two tabs, a double tap) — which on PostgreSQL, with
 * several connections, really runs side by side — ends as once, on both databases.
 */
describe('the same write twice at once', () => {
	it('two calendar feeds made at once leave one open', async () => {
		const { a } = await pair();
		await Promise.all([createFeed(a.id), createFeed(a.id), createFeed(a.id)]);
		const [open] = await rows<{ n: number }>(
			sql`select count(*) as n from calendar_feeds where user_id = ${a.id} and revoked_at is null`
		);
		expect(Number(open!.n)).toBe(1);
	});

	it('a moment tapped twice at once fails for neither, and ends as one moment or none', async () => {
		const { a, b } = await pair();
		const { conversationId } = await startTalk(a.id, crypto.randomUUID());
		await submitIntent('live', b.id, conversationId, crypto.randomUUID(), { type: 'deeper' });
		// Neither fails: either both saw no moment (both "marked": one moment), or one came after the
		// other (marked, then unmarked: none).
		const taps = await Promise.all([1, 2].map(() => toggleMoment(a.id, conversationId, 2)));
		const count = async () =>
			Number(
				(
					await rows<{ n: number }>(
						sql`select count(*) as n from moments where conversation_id = ${conversationId}`
					)
				)[0]!.n
			);
		expect(await count()).toBe(taps.every(Boolean) ? 1 : 0);
		if (taps.every(Boolean)) {
			expect(await toggleMoment(b.id, conversationId, 2)).toBe(false);
			expect(await count()).toBe(0);
		} else expect(taps.sort()).toEqual([false, true]);
	});
});
