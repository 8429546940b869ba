import { describe, expect, it } from 'vitest';
import { postgresPool } from '$lib/server/db/postgres';
import { runAlone } from '$lib/server/db/locks';

/**
 * The sweepers (idle conversations, plan reminders, today's questions, held pushes) run under
 * runAlone: however many processes serve Hearth, one runs each at a time and the others skip it.
 */
describe('runAlone on PostgreSQL', () => {
	it('a job of the same name never runs twice at once; another name runs beside it', async () => {
		let running = 0;
		let most = 0;
		const job = async () => {
			running++;
			most = Math.max(most, running);
			await new Promise((r) => setTimeout(r, 150));
			running--;
		};
		const ran = await Promise.all([
			runAlone('sweep', job),
			runAlone('sweep', job),
			runAlone('sweep', job),
			runAlone('another sweep', async () => {})
		]);
		expect(ran.slice(0, 3).filter(Boolean)).toHaveLength(1);
		expect(ran[3]).toBe(true);
		expect(most).toBe(1);
		// Released once done, also after a failure: the next round runs.
		await expect(
			runAlone('sweep', async () => {
				throw new Error('a round that broke');
			})
		).rejects.toThrow('a round that broke');
		expect(await runAlone('sweep', job)).toBe(true);
	});

	it('another process holding the lock makes this one skip its round, until it lets go', async () => {
		// A connection of its own stands for the other process, in the middle of its round.
		const other = postgresPool(process.env.DATABASE_URL!, 1);
		const client = await other.connect();
		try {
			await client.query("select pg_advisory_lock(7366102, hashtext('plan-reminders'))");
			let ran = false;
			expect(await runAlone('plan-reminders', async () => void (ran = true))).toBe(false);
			expect(ran).toBe(false);
			await client.query("select pg_advisory_unlock(7366102, hashtext('plan-reminders'))");
			expect(await runAlone('plan-reminders', async () => void (ran = true))).toBe(true);
			expect(ran).toBe(true);
		} finally {
			client.release();
			await other.end();
		}
	});
});
