import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { dropDatabase, newDatabase, startCluster } from '../../scripts/postgres-cluster.mjs';
import { TEMPLATE } from '../helpers/database';

/**
 * The `postgres` project's cluster: the one TEST_POSTGRES_URL names, or a throwaway one started
 * here and stopped at the end. Its template database is migrated once; each test file (and each
 * server a test starts) gets a copy of it.
 */
export default async function setup() {
	let stop = () => {};
	if (!process.env.TEST_POSTGRES_URL) {
		const cluster = await startCluster();
		process.env.TEST_POSTGRES_URL = cluster.url;
		stop = cluster.stop;
	}
	await dropDatabase(process.env.TEST_POSTGRES_URL, TEMPLATE);
	const url = await newDatabase(process.env.TEST_POSTGRES_URL, TEMPLATE);
	const pool = new pg.Pool({ connectionString: url, max: 1 });
	await migrate(drizzle(pool), { migrationsFolder: 'drizzle/pg' });
	await pool.end();
	return () => stop();
}
