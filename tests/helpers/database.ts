import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

/**
 * The database a test runs on: a SQLite file (the default project), or a database of its own in
 * the PostgreSQL cluster the `postgres` project starts (tests/setup/postgres-global.ts), copied
 * from a migrated template.
 */
export const onPostgres = () => process.env.HEARTH_TEST_DIALECT === 'postgres';

const TMP = resolve('tests/.tmp');
export const TEMPLATE = 'hearth_template';

export const adminUrl = () => {
	const url = process.env.TEST_POSTGRES_URL;
	if (!url) throw new Error('TEST_POSTGRES_URL is set by the postgres project’s global setup.');
	return url;
};

const withDatabase = (url: string, name: string) => {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
};

const int8AsNumber = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
};

/** Work as the cluster's superuser (creating and dropping databases). */
export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl() });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** A name for a new database of this test (a SQLite path, or a PostgreSQL URL not yet created). */
export function databaseName(label: string): string {
	const id = `${label}-${process.pid}-${crypto.randomUUID()}`;
	if (!onPostgres()) {
		mkdirSync(TMP, { recursive: true });
		return join(TMP, `${id}.db`);
	}
	return withDatabase(
		adminUrl(),
		`hearth_${id.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`.slice(0, 63)
	);
}

/**
 * Creates the PostgreSQL database a URL names, from the migrated template, unless it exists (a
 * server restarted on it). SQLite: nothing (the server makes the file).
 */
export async function createDatabase(url: string): Promise<void> {
	if (!/^postgres(ql)?:/.test(url)) return;
	const name = new URL(url).pathname.slice(1);
	await admin(async (c) => {
		const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
		if (!rowCount) await c.query(`create database "${name}" template ${TEMPLATE}`);
	});
}

/** Removes a test's database (a SQLite file and its journal, or a PostgreSQL database). */
export async function dropDatabase(url: string): Promise<void> {
	if (!/^postgres(ql)?:/.test(url)) {
		for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
		return;
	}
	const name = new URL(url).pathname.slice(1);
	await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
}

/**
 * Plain SQL against a test's database from outside the server, to check what it really stored.
 * Write `?` for parameters on both (numbered for PostgreSQL here); flags read back as 0/1 on both.
 */
export interface Inspector {
	all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
	get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
	run(sql: string, ...params: unknown[]): Promise<void>;
	close(): Promise<void>;
}

export async function inspect(url: string): Promise<Inspector> {
	if (/^postgres(ql)?:/.test(url)) {
		const client = new pg.Client({ connectionString: url, types: int8AsNumber });
		await client.connect();
		const numbered = (sql: string) => {
			let n = 0;
			return sql.replace(/\?/g, () => `$${++n}`);
		};
		const flags = (row: Record<string, unknown>) =>
			Object.fromEntries(
				Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])
			);
		const all = async <T>(sql: string, ...params: unknown[]) =>
			(await client.query(numbered(sql), params)).rows.map(flags) as T[];
		return {
			all,
			get: async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0],
			run: async (sql, ...params) => void (await client.query(numbered(sql), params)),
			close: () => client.end()
		};
	}
	const db = new Database(url);
	db.pragma('busy_timeout = 5000');
	const bind = (params: unknown[]) =>
		params.map((p) => (typeof p === 'boolean' ? Number(p) : p)) as unknown[];
	return {
		all: async <T>(sql: string, ...params: unknown[]) =>
			db.prepare(sql).all(...bind(params)) as T[],
		get: async <T>(sql: string, ...params: unknown[]) =>
			db.prepare(sql).get(...bind(params)) as T | undefined,
		run: async (sql, ...params) => void db.prepare(sql).run(...bind(params)),
		close: async () => void db.close()
	};
}

/** PostgreSQL's catalog, less its own schemas: the tables and indexes the app made. */
export const OUR_TABLES = "n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')";

/**
 * The database's own check of what it stores: SQLite's integrity_check, or on PostgreSQL amcheck's
 * verification of every table's heap and every B-tree index (each index against its table).
 */
export async function integrityOf(db: Inspector): Promise<string> {
	if (!onPostgres())
		return (await db.get<{ integrity_check: string }>('pragma integrity_check'))!.integrity_check;
	await db.run('create extension if not exists amcheck');
	try {
		const problems: string[] = [];
		const tables = await db.all<{ name: string }>(
			`select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and ${OUR_TABLES}`
		);
		for (const { name } of tables) {
			const found = await db.all<{ msg: string }>(
				'select msg from verify_heapam(?::regclass)',
				name
			);
			problems.push(...found.map((f) => `${name}: ${f.msg}`));
		}
		const indexes = await db.all<{ name: string }>(
			`select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_am a on a.oid = c.relam where c.relkind = 'i' and a.amname = 'btree' and ${OUR_TABLES}`
		);
		for (const { name } of indexes)
			await db.get('select bt_index_check(?::regclass, true)', name).catch((error: Error) => {
				problems.push(`${name}: ${error.message}`);
			});
		return problems.length ? problems.join('\n') : 'ok';
	} finally {
		await db.run('drop extension amcheck');
	}
}
