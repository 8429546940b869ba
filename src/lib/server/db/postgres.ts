import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { resolve } from 'node:path';
import pg from 'pg';
import * as schema from './schema-pg';

/**
 * bigint (int8) comes back from node-postgres as a string, to be safe beyond 2^53. Hearth's
 * bigints are millisecond timestamps and counts, far below it: read them as numbers, as SQLite
 * does — also in plain SQL (count(*), max(...)). Set for the process, because Drizzle passes its
 * own per-query parsers, which fall back to the process-wide ones.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export const poolSize = () => Number(process.env.DATABASE_POOL_SIZE ?? 10);

export function postgresPool(url: string, max = poolSize()) {
	return new pg.Pool({ connectionString: url, max });
}

export async function openPostgres(url: string, migrationsFolder: string) {
	const pool = postgresPool(url);
	const db = drizzle(pool, { schema });
	// Several processes may start at once: one migrates, the others wait on the same lock.
	const client = await pool.connect();
	try {
		await client.query('select pg_advisory_lock(7366101)');
		await migrate(drizzle(client, { schema }), { migrationsFolder: resolve(migrationsFolder) });
	} finally {
		await client.query('select pg_advisory_unlock(7366101)').catch(() => {});
		client.release();
	}
	return { pool, db };
}
