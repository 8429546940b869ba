import { type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import type pg from 'pg';
import { openPostgres } from './postgres';
import * as pgSchema from './schema-pg';
import { openSqlite, WriterGate } from './sqlite';
import { databaseTarget, dialect, type DatabaseTarget } from './target';

/**
 * The database, as every domain module sees it: Drizzle typed with the PostgreSQL model, used
 * asynchronously. On SQLite it is Drizzle's async SQLite driver over one better-sqlite3 connection;
 * the query builders the domains use (select, insert … on conflict, update, delete, returning)
 * exist on both. Plain SQL goes through `rows`/`execute` below, and dialect-specific SQL stays in
 * this folder.
 */
export type Db = NodePgDatabase<typeof pgSchema>;

type Connection = {
	target: DatabaseTarget;
	db: Db;
	/** A transaction with `fn` as its body; statements of other callers wait (SQLite) or run beside it. */
	begin<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
	rows<T>(query: SQL): Promise<T[]>;
	close(): Promise<void>;
	/** The PostgreSQL pool (null on SQLite). */
	pool: pg.Pool | null;
};

// Kept on globalThis so Vite's dev module reloads and the production bundle share one connection.
const KEY = Symbol.for('hearth.db');
type Holder = { [KEY]?: Connection; [KEY_OPENING]?: Promise<Connection> };
const KEY_OPENING = Symbol.for('hearth.db.opening');

/** The transaction the current async call chain runs in, if any: getDb() answers with it. */
type Ambient = { tx: Db; root: object };
const ambient = ((globalThis as { [k: symbol]: unknown })[Symbol.for('hearth.db.ambient')] ??=
	new AsyncLocalStorage<Ambient>()) as AsyncLocalStorage<Ambient>;

const migrations = () => process.env.MIGRATIONS_DIR ?? './drizzle';

function sqliteConnection(target: Extract<DatabaseTarget, { dialect: 'sqlite' }>): Connection {
	const { client, prepare, execute, schema, drizzle } = openSqlite(target.path, migrations());
	const gate = new WriterGate();
	// Each statement waits while another transaction is open, and runs in the same synchronous
	// stretch as the check that found none: no await in between, so nothing can slip in.
	const db = drizzle(
		async (sql, params, method) => {
			const root = ambient.getStore()?.root;
			for (let wait = gate.blocked(root); wait; wait = gate.blocked(root)) await wait;
			return execute(sql, params, method);
		},
		{ schema }
	) as unknown as Db;
	const sqlite = new SQLiteAsyncDialect();
	return {
		target,
		db,
		pool: null,
		begin: (fn) => {
			const root = {};
			return gate.hold(root, () =>
				ambient.run({ tx: db, root }, () =>
					(db as unknown as { transaction: SqliteTransaction }).transaction(
						(tx) => ambient.run({ tx, root }, () => fn(tx)),
						{ behavior: 'immediate' }
					)
				)
			);
		},
		async rows<T>(query: SQL) {
			const { sql, params } = sqlite.sqlToQuery(query);
			const root = ambient.getStore()?.root;
			for (let wait = gate.blocked(root); wait; wait = gate.blocked(root)) await wait;
			const statement = prepare(sql);
			return (statement.reader ? statement.all(params) : (statement.run(params), [])) as T[];
		},
		async close() {
			await gate.hold({}, async () => client.close());
		}
	};
}
type SqliteTransaction = <T>(
	fn: (tx: Db) => Promise<T>,
	config: { behavior: 'immediate' }
) => Promise<T>;

async function postgresConnection(
	target: Extract<DatabaseTarget, { dialect: 'postgres' }>
): Promise<Connection> {
	const { pool, db } = await openPostgres(target.url, join(migrations(), 'pg'));
	return {
		target,
		db,
		pool,
		begin: (fn) => db.transaction((tx) => ambient.run({ tx, root: tx }, () => fn(tx))),
		async rows<T>(query: SQL) {
			return (await getDb().execute(query)).rows as T[];
		},
		close: () => pool.end()
	};
}

/**
 * Opens (and migrates) the database named by DATABASE_URL, once per process. SQLite opens on first
 * use even without it; PostgreSQL must be opened here at start-up (its connection is asynchronous).
 */
export function openDatabase(): Promise<Connection> {
	const holder = globalThis as Holder;
	if (holder[KEY]) return Promise.resolve(holder[KEY]);
	const target = databaseTarget();
	if (target.dialect === 'sqlite') return Promise.resolve(connection());
	return (holder[KEY_OPENING] ??= postgresConnection(target).then(
		(opened) => (holder[KEY] = opened),
		(error) => {
			delete holder[KEY_OPENING];
			throw error;
		}
	));
}

function connection(): Connection {
	const holder = globalThis as Holder;
	if (holder[KEY]) return holder[KEY];
	const target = databaseTarget();
	if (target.dialect !== 'sqlite')
		throw new Error('PostgreSQL is opened at start-up: await openDatabase() first.');
	return (holder[KEY] = sqliteConnection(target));
}

/** The database — or, inside `transaction`, that transaction. */
export function getDb(): Db {
	return ambient.getStore()?.tx ?? connection().db;
}

/**
 * Runs `fn` in one transaction; every query made through getDb() in its call chain (however deep,
 * across awaits) belongs to it. Inside another transaction it is a savepoint: its failure undoes
 * only its own writes. On SQLite the transaction is IMMEDIATE (it takes the write lock at once).
 */
export function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
	const current = ambient.getStore();
	if (current)
		return current.tx.transaction((sp) =>
			ambient.run({ tx: sp as unknown as Db, root: current.root }, () => fn(sp as unknown as Db))
		);
	return connection().begin(fn);
}

/** Whether the current call chain runs inside a transaction. */
export const inTransaction = () => ambient.getStore() !== undefined;

/** A plain SQL query's rows, as objects keyed by the column names (quote camelCase aliases). */
export const rows = <T>(query: SQL): Promise<T[]> => connection().rows<T>(query);

/** The first row of a plain SQL query, if any. */
export const firstRow = async <T>(query: SQL): Promise<T | undefined> => (await rows<T>(query))[0];

/** A plain SQL statement. */
export const execute = async (query: SQL): Promise<void> => {
	await rows(query);
};

/** The PostgreSQL pool of this process (for the locks and stores that need a client of their own). */
export const postgresPoolOf = (): pg.Pool | null => connection().pool;

export async function closeDb(): Promise<void> {
	const holder = globalThis as Holder;
	const open = holder[KEY];
	delete holder[KEY];
	delete holder[KEY_OPENING];
	await open?.close();
}

export { databaseTarget, dialect };
