import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Kept on globalThis so Vite's dev module reloads and the production bundle share one connection.
const KEY = Symbol.for('hearth.db');
type Holder = { [KEY]?: Db };

/**
 * Where the data lives: a SQLite file path (or `file:` URL). Any other URL scheme is refused at
 * start-up rather than quietly taken for a file name — an operator who writes `postgres://…` must
 * not believe they are on PostgreSQL while Hearth writes to a file called `postgres:`.
 */
export function databasePath(url = process.env.DATABASE_URL): string {
	// process.env, not $env: this module also runs at start-up, outside any request.
	if (!url) return resolve('./data/hearth.db');
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
	if (scheme === 'file') return resolve(decodeURIComponent(new URL(url).pathname));
	if (scheme)
		throw new Error(
			`DATABASE_URL must be a SQLite file path (or a file: URL); "${scheme}://" is not supported.`
		);
	return resolve(url);
}

function open(path: string): Db {
	mkdirSync(dirname(path), { recursive: true });
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	// FULL: an acknowledged event must survive a crash of the process and of the machine.
	client.pragma('synchronous = FULL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	cacheStatements(client);
	const db = drizzle(client, { schema }) as Db;
	migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? './drizzle') });
	return db;
}

/**
 * Drizzle prepares every query it runs (sqlite3_prepare each time); the same SQL text comes back
 * thousands of times a second, so keep the compiled statements. Drizzle switches `raw` on per call
 * when it wants arrays and expects it off otherwise, so a reused statement is reset first.
 */
function cacheStatements(client: Database.Database, limit = 500) {
	const prepare = client.prepare.bind(client);
	const cache = new Map<string, Database.Statement>();
	client.prepare = ((source: string) => {
		let statement = cache.get(source);
		if (statement) {
			cache.delete(source);
		} else {
			statement = prepare(source);
			if (cache.size >= limit) cache.delete(cache.keys().next().value!);
		}
		cache.set(source, statement);
		return statement.reader ? statement.raw(false) : statement;
	}) as typeof client.prepare;
}

/** The one connection of this process, opened (and migrated) on first use. */
export function getDb(): Db {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= open(databasePath()));
}

const preparedByConnection = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query built and prepared once per connection, for the hot paths that run it thousands of times
 * a second (Drizzle otherwise builds the SQL anew on every call). `build` uses sql.placeholder.
 */
export function prepared<T>(key: string, build: (db: Db) => T): T {
	const db = getDb();
	let cache = preparedByConnection.get(db);
	if (!cache) preparedByConnection.set(db, (cache = new Map()));
	let query = cache.get(key) as T | undefined;
	if (query === undefined) cache.set(key, (query = build(db)));
	return query;
}

export function closeDb(): void {
	const holder = globalThis as Holder;
	holder[KEY]?.$client.close();
	delete holder[KEY];
}

export { schema };
