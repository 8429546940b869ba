import Database from 'better-sqlite3';
import { drizzle as nativeDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema-sqlite';

/**
 * One SQLite connection, used asynchronously like PostgreSQL's pool. Statements run synchronously
 * in better-sqlite3; what makes them safe to interleave is the writer gate: while a transaction is
 * open (across awaits), every statement that is not part of it waits for it to end — otherwise it
 * would run inside it on the shared connection, and be rolled back with it.
 */
export class WriterGate {
	private owner: object | null = null;
	private waiters: (() => void)[] = [];

	/**
	 * Null when `caller` may run a statement now (no transaction is open, or it is the caller's
	 * own); otherwise a promise to wait on before asking again. The caller must run its statement in
	 * the same synchronous stretch as a null answer: after any await, another transaction may open.
	 */
	blocked(caller: object | undefined): Promise<void> | null {
		if (!this.owner || this.owner === caller) return null;
		return new Promise<void>((wake) => this.waiters.push(wake));
	}

	/** Runs `work` as the one open transaction, after any other has ended. */
	async hold<T>(token: object, work: () => Promise<T>): Promise<T> {
		while (this.owner) await new Promise<void>((wake) => this.waiters.push(wake));
		this.owner = token; // in the same synchronous stretch as the check above
		try {
			return await work();
		} finally {
			this.owner = null;
			const waiters = this.waiters;
			this.waiters = [];
			for (const wake of waiters) wake();
		}
	}
}

export type SqliteMethod = 'run' | 'all' | 'values' | 'get';

export function openSqlite(path: string, migrationsFolder: string) {
	mkdirSync(dirname(path), { recursive: true });
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	// FULL: an acknowledged event must survive a crash of the process and of the machine.
	client.pragma('synchronous = FULL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	migrate(nativeDrizzle(client), { migrationsFolder: resolve(migrationsFolder) });
	const prepare = statementCache(client);

	/** Runs one statement now (the caller has passed the gate). Rows as arrays for Drizzle. */
	const execute = (sql: string, params: unknown[], method: SqliteMethod) => {
		const statement = prepare(sql);
		if (method === 'run' && !statement.reader) return { rows: [], ...statement.run(params) };
		statement.raw(true);
		if (method === 'get') return { rows: statement.get(params) as unknown[] };
		return { rows: statement.all(params) as unknown[] };
	};
	return { client, prepare, execute, schema, drizzle };
}

/**
 * The same SQL text comes back thousands of times a second: keep compiled statements (an LRU of
 * 500). A reused statement is switched back to objects; Drizzle's path asks for arrays itself.
 */
function statementCache(client: Database.Database, limit = 500) {
	const cache = new Map<string, Database.Statement>();
	return (source: string): Database.Statement => {
		let statement = cache.get(source);
		if (statement) cache.delete(source);
		else {
			statement = client.prepare(source);
			if (cache.size >= limit) cache.delete(cache.keys().next().value!);
		}
		cache.set(source, statement);
		return statement.reader ? statement.raw(false) : statement;
	};
}
