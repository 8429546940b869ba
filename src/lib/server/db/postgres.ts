import { createHash } from 'node:crypto';
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

const names = new Map<string, string>();
/** A name for a statement's text (the same text, the same name), kept for the 2,000 latest texts. */
function statementName(text: string): string {
	let name = names.get(text);
	if (name === undefined) {
		name = `h${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
		if (names.size >= 2000) names.delete(names.keys().next().value!);
	}
	names.delete(text);
	names.set(text, name);
	return name;
}

const lost = (error: Error) => console.error('[database] a connection was lost:', error.message);

/**
 * A connection that never takes the process down with it: when PostgreSQL restarts, every
 * connection errors, also one a library holds checked out with nothing in flight (Socket.io's
 * adapter keeps one for LISTEN, and reconnects on its 'end'). Unheard, that error would end the
 * process; heard, the connection is dropped and a new one made when next needed.
 */
class SteadyClient extends pg.Client {
	constructor(config?: string | pg.ClientConfig) {
		super(config);
		this.on('error', lost);
	}
}

/**
 * A steady connection that prepares each statement once and runs it by name afterwards: Drizzle
 * sends the same few statement texts thousands of times a second with different values, and
 * PostgreSQL would otherwise parse and plan each one every time.
 */
class PreparingClient extends SteadyClient {
	// @ts-expect-error -- one override for query()'s many overloads; it only adds a name.
	override query(config: unknown, values?: unknown, callback?: unknown) {
		const query = config as { text?: unknown; name?: string };
		// Only statements with values: the others (migrations, begin, commit) go as they are.
		const given = Array.isArray(values) && values.length > 0;
		if (
			given &&
			query &&
			typeof query === 'object' &&
			typeof query.text === 'string' &&
			!query.name
		)
			query.name = statementName(query.text);
		// @ts-expect-error -- passed on as given.
		return super.query(config, values, callback);
	}
}

/** `Client`: a connection class of this file (typed loosely: query() is overridden). */
function pool(url: string, max: number, Client: unknown) {
	const made = new pg.Pool({
		connectionString: url,
		max,
		Client: Client as unknown as typeof pg.Client
	});
	made.on('error', lost); // an idle connection's error, heard by the pool
	return made;
}

/** A pool of steady connections (Socket.io's adapter has one of its own). */
export const postgresPool = (url: string, max = poolSize()) => pool(url, max, SteadyClient);

export async function openPostgres(url: string, migrationsFolder: string) {
	// The pool the queries run on: prepared statements, by name, on each connection.
	const queries = pool(url, poolSize(), PreparingClient);
	const db = drizzle(queries, { schema });
	// Several processes may start at once: one migrates, the others wait on the same lock.
	const client = await queries.connect();
	try {
		await client.query('select pg_advisory_lock(7366101)');
		await migrate(drizzle(client, { schema }), { migrationsFolder: resolve(migrationsFolder) });
	} finally {
		await client.query('select pg_advisory_unlock(7366101)').catch(() => {});
		client.release();
	}
	return { pool: queries, db };
}
