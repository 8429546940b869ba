/**
 * A database made by an earlier version is upgraded at start and keeps what it holds: each
 * migration that changes the meaning of stored values is tried on rows written before it, on the
 * dialect this project runs (SQLite, or PostgreSQL in the `postgres` project).
 */
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, databaseName, dropDatabase, onPostgres } from '../helpers/database';

const FOLDER = resolve(onPostgres() ? 'drizzle/pg' : 'drizzle');
const made: string[] = [];

/** The migrations folder as an earlier version shipped it: every migration before `tag`. */
function migrationsBefore(tag: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'hearth-migrations-'));
	made.push(dir);
	cpSync(FOLDER, dir, { recursive: true });
	const journalPath = join(dir, 'meta', '_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
	const at = journal.entries.findIndex((e) => e.tag === tag);
	expect(at, `${tag} is a migration of this dialect`).toBeGreaterThan(0);
	journal.entries = journal.entries.slice(0, at);
	writeFileSync(journalPath, JSON.stringify(journal));
	return dir;
}

type Sql = (text: string) => Promise<Record<string, unknown>[]>;

/** Migrates a new database to `earlier`, runs `before` on it, then migrates it to today's schema. */
async function upgrade(
	earlier: string,
	before: (sql: Sql) => Promise<void>,
	after: (sql: Sql) => Promise<void>
): Promise<void> {
	const url = databaseName('upgrade');
	if (!onPostgres()) {
		const client = new Database(url);
		const run: Sql = async (text) => {
			const statement = client.prepare(text);
			if (statement.reader) return statement.all() as Record<string, unknown>[];
			statement.run();
			return [];
		};
		try {
			sqliteMigrate(sqliteDrizzle(client), { migrationsFolder: earlier });
			await before(run);
			sqliteMigrate(sqliteDrizzle(client), { migrationsFolder: FOLDER });
			await after(run);
		} finally {
			client.close();
			await dropDatabase(url);
		}
		return;
	}
	const name = new URL(url).pathname.slice(1);
	await admin((c) => c.query(`create database "${name}"`)); // empty: not the migrated template
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const run: Sql = async (text) => (await client.query(text)).rows as Record<string, unknown>[];
	try {
		await pgMigrate(pgDrizzle(client), { migrationsFolder: earlier });
		await before(run);
		await pgMigrate(pgDrizzle(client), { migrationsFolder: FOLDER });
		await after(run);
	} finally {
		await client.end();
		await dropDatabase(url);
	}
}

afterAll(() => {
	for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a database made by an earlier version', () => {
	it('quiet hours kept in whole hours become the same times, in minutes after midnight', async () => {
		await upgrade(
			migrationsBefore(onPostgres() ? '0004_quiet_minutes' : '0010_quiet_minutes'),
			async (sql) => {
				for (const [id, from, until] of [
					['night', '22', '7'],
					['afternoon', '13', '15'],
					['none', 'null', 'null']
				]) {
					await sql(
						`insert into users (id, name, email, password_hash, time_zone, created_at)
						 values ('${id}', 'Sam', '${id}@example.com', 'x', 'Europe/London', 1)`
					);
					await sql(
						`insert into pace_settings (user_id, deepest_sent, waiting_limit, quiet_from, quiet_until, updated_at)
						 values ('${id}', 'light', 2, ${from}, ${until}, 1)`
					);
				}
			},
			async (sql) => {
				const rows = await sql(
					`select user_id, deepest_sent, waiting_limit, quiet_from_minute, quiet_until_minute
					 from pace_settings order by user_id`
				);
				expect(rows.map((r) => ({ ...r, waiting_limit: Number(r.waiting_limit) }))).toEqual([
					{
						user_id: 'afternoon',
						deepest_sent: 'light',
						waiting_limit: 2,
						quiet_from_minute: 780,
						quiet_until_minute: 900
					},
					{
						user_id: 'night',
						deepest_sent: 'light',
						waiting_limit: 2,
						quiet_from_minute: 1320,
						quiet_until_minute: 420
					},
					{
						user_id: 'none',
						deepest_sent: 'light',
						waiting_limit: 2,
						quiet_from_minute: null,
						quiet_until_minute: null
					}
				]);
			}
		);
	});
});
