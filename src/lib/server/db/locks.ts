import { sql } from 'drizzle-orm';
import { execute, postgresPoolOf } from './index';
import { dialect } from './target';

/** Tables whose rows a transaction may hold for itself while it decides. */
type Lockable = 'conversations' | 'couples' | 'users';

/**
 * Holds these rows until the current transaction ends, so that writers that share one take turns
 * (the second then sees what the first wrote). Taken in id order, so that two processes never wait
 * on each other in a circle. `for no key update`: rows that only refer to these (an event's foreign
 * key) can still be written beside it. SQLite needs nothing: its transactions are immediate, and the one
 * writer holds the whole database.
 */
export async function lockRows(table: Lockable, ids: string[]): Promise<void> {
	if (dialect() !== 'postgres' || ids.length === 0) return;
	const sorted = [...new Set(ids)].sort();
	await execute(
		sql`select id from ${sql.identifier(table)} where id in (${sql.join(
			sorted.map((id) => sql`${id}`),
			sql`, `
		)}) order by id for no key update`
	);
}

/**
 * Runs `job` unless another process is running the job of the same name right now (then it is
 * skipped: that process does the work). For the things that must happen once however many
 * processes serve Hearth — the idle-talk sweeper, plan reminders, today's questions, held pushes.
 * On SQLite there is one process, and the job simply runs.
 */
export async function runAlone(name: string, job: () => Promise<void>): Promise<boolean> {
	const pool = postgresPoolOf();
	if (!pool) {
		await job();
		return true;
	}
	// A session lock on a connection of its own, held for as long as the job runs.
	const client = await pool.connect();
	try {
		// Keyed by (Hearth's sweepers, the job's name hashed by PostgreSQL itself).
		const { rows } = await client.query<{ locked: boolean }>(
			'select pg_try_advisory_lock(7366102, hashtext($1)) as locked',
			[name]
		);
		if (!rows[0]?.locked) return false;
		try {
			await job();
			return true;
		} finally {
			await client.query('select pg_advisory_unlock(7366102, hashtext($1))', [name]);
		}
	} finally {
		client.release();
	}
}
