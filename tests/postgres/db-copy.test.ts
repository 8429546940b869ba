/**
 * `npm run db:copy`: a real SQLite database, migrated by Hearth's own migrations and holding a
 * small but complete graph, moved into PostgreSQL by the tool run as an operator runs it (a child
 * process), then checked in the target: counts, flags, full-text search, insertion order, and the
 * refusals that keep a target from being mixed or half-copied.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, adminUrl } from '../helpers/database';

const folder = mkdtempSync(join(tmpdir(), 'hearth-copy-'));
const databases: string[] = [];

/** A new, empty PostgreSQL database of this file; its URL. */
async function emptyTarget(): Promise<string> {
	const name = `hearth_copy_${process.pid}_${crypto.randomUUID().replace(/-/g, '')}`.slice(0, 63);
	await admin((c) => c.query(`create database "${name}"`));
	databases.push(name);
	const url = new URL(adminUrl());
	url.pathname = `/${name}`;
	return url.toString();
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(sql)).rows as T[];
	} finally {
		await client.end();
	}
}

/** Row counts of every table of the target but the libraries' own (see the tool). */
async function targetCounts(url: string): Promise<Record<string, number>> {
	const tables = await query<{ name: string }>(
		url,
		`select table_name as name from information_schema.tables
		where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('socket_io_attachments', 'rate_limits')
		order by table_name`
	);
	const counts: Record<string, number> = {};
	for (const { name } of tables) {
		const [row] = await query<{ n: string }>(url, `select count(*) as n from "${name}"`);
		counts[name] = Number(row.n);
	}
	return counts;
}

const T = 1_780_000_000_000;

/**
 * A Hearth SQLite database made by Hearth's migrations, with two partners, their couple, a card
 * conversation of three events and its search words; `lastSeq` lets a test break the log's bookkeeping.
 */
function sourceDatabase(label: string, lastSeq = 3): string {
	const path = join(folder, `${label}.db`);
	const db = new Database(path);
	migrate(drizzle(db), { migrationsFolder: 'drizzle' });
	const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
	run(
		`insert into users (id, name, email, password_hash, time_zone, created_at) values
		('u1', 'Ana', 'ana@example.com', 'hash-a', 'Europe/Paris', ?),
		('u2', 'Ben', 'ben@example.com', 'hash-b', 'UTC', ?)`,
		T,
		T + 1
	);
	run(`insert into couples (id, name, created_at) values ('c1', 'Ana & Ben', ?)`, T + 2);
	run(
		`insert into couple_members (couple_id, user_id, active, joined_at) values
		('c1', 'u1', 1, ?), ('c1', 'u2', 1, ?)`,
		T + 2,
		T + 2
	);
	run(
		`insert into conversations (id, couple_id, kind, status, started_by, created_at, last_event_at, last_seq)
		values ('k1', 'c1', 'async', 'active', 'u1', ?, ?, ?)`,
		T + 3,
		T + 6,
		lastSeq
	);
	const events = [
		[1, 'card.sent', 'u1', { card: { id: 'c-7', text: 'Une crème brûlée, ensemble ?' } }],
		[2, 'answer.given', 'u2', { text: 'Oui, dimanche' }],
		[3, 'reflection.sent', 'u1', { text: 'Tu dis oui pour dimanche' }]
	] as const;
	for (const [seq, type, actor, payload] of events)
		run(
			`insert into events (conversation_id, seq, type, actor_id, client_id, payload, created_at)
			values ('k1', ?, ?, ?, ?, ?, ?)`,
			seq,
			type,
			actor,
			`client-${seq}`,
			JSON.stringify(payload),
			T + 3 + seq
		);
	run(
		`insert into search_index (text, couple_id, conversation_id, seq, actor_id, part) values
		('Une crème brûlée, ensemble ?', 'c1', 'k1', 1, 'u1', 'other'),
		('Oui, dimanche', 'c1', 'k1', 2, 'u2', 'answer'),
		('Tu dis oui pour dimanche', 'c1', 'k1', 3, 'u1', 'other')`
	);
	run(
		`insert into daily_question_settings (user_id, enabled, hour, days, depth, updated_at)
		values ('u1', 1, 8, '12345', 'personal', ?), ('u2', 0, 9, '1234567', 'light', ?)`,
		T,
		T
	);
	run(
		`insert into schedules (id, couple_id, proposed_by, starts_at, time_zone, status, checkin, created_at, updated_at)
		values ('s1', 'c1', 'u2', ?, 'Europe/Paris', 'accepted', 0, ?, ?)`,
		T + 86_400_000,
		T,
		T
	);
	run(
		`insert into pace_settings (user_id, deepest_sent, waiting_limit, updated_at) values ('u2', 'personal', 2, ?)`,
		T
	);
	db.close();
	return path;
}

/** Row counts of the same tables in the source. */
function sourceCounts(path: string, tables: string[]): Record<string, number> {
	const db = new Database(path, { readonly: true });
	try {
		return Object.fromEntries(
			tables.map((t) => [
				t,
				(db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n
			])
		);
	} finally {
		db.close();
	}
}

/** Runs the tool as an operator does. */
function copy(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['scripts/db-copy.mjs', ...args], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

afterAll(async () => {
	for (const name of databases)
		await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
	rmSync(folder, { recursive: true, force: true });
});

describe('npm run db:copy', () => {
	let source: string;
	let target: string;
	let first: Awaited<ReturnType<typeof copy>>;

	beforeAll(async () => {
		source = sourceDatabase('complete');
		target = await emptyTarget();
		first = await copy(source, target);
	}, 120_000);

	it('copies every table and the search index, with the same row counts', async () => {
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(
			/^Copied 16 rows in \d+\.\d s; every conversation's last_seq matches its log\.$/m
		);
		const counts = await targetCounts(target);
		expect(Object.keys(counts)).toContain('search_index');
		expect(counts).toEqual(sourceCounts(source, Object.keys(counts)));
		expect(counts).toMatchObject({
			users: 2,
			couples: 1,
			couple_members: 2,
			conversations: 1,
			events: 3,
			search_index: 3,
			daily_question_settings: 2,
			schedules: 1,
			pace_settings: 1
		});
		for (const [table, n] of Object.entries(counts))
			expect(first.stdout).toMatch(new RegExp(`^${table} +${n}$`, 'm'));
	});

	it('turns 0/1 flags into booleans and keeps integers and text exactly', async () => {
		const members = await query<{ active: unknown }>(target, 'select active from couple_members');
		expect(members.map((m) => m.active)).toEqual([true, true]);
		const daily = await query<{ user_id: string; enabled: unknown }>(
			target,
			'select user_id, enabled from daily_question_settings order by user_id'
		);
		expect(daily).toEqual([
			{ user_id: 'u1', enabled: true },
			{ user_id: 'u2', enabled: false }
		]);
		const [schedule] = await query(target, `select checkin, starts_at::text from schedules`);
		expect(schedule).toEqual({ checkin: false, starts_at: String(T + 86_400_000) });
		const [conversation] = await query(
			target,
			'select last_seq, last_event_at::text from conversations'
		);
		expect(conversation).toEqual({ last_seq: 3, last_event_at: String(T + 6) });
		const [event] = await query<{ payload: string }>(
			target,
			'select payload from events where seq = 1'
		);
		expect(JSON.parse(event.payload).card.text).toBe('Une crème brûlée, ensemble ?');
	});

	it('rebuilds the search index: accents fold, and the source order is kept', async () => {
		const found = await query(
			target,
			`select seq from search_index where words @@ to_tsquery('simple', hearth_unaccent('creme'))`
		);
		expect(found).toEqual([{ seq: 1 }]);
		const order = await query<{ seq: number }>(
			target,
			'select seq from search_index order by position'
		);
		expect(order.map((r) => r.seq)).toEqual([1, 2, 3]);
	});

	it('refuses a target that already holds data, and changes nothing', async () => {
		const before = await targetCounts(target);
		const again = await copy(source, target);
		expect(again.code).toBe(1);
		expect(again.stdout).toBe('');
		expect(again.stderr.trim()).toMatch(
			/^The database at .+ already holds data \(in .*users.*\); copy only into an empty database, so that nothing is mixed\.$/
		);
		expect(await targetCounts(target)).toEqual(before);
	});
});

describe('npm run db:copy refuses', () => {
	it('a source whose last_seq disagrees with its log, and leaves the target empty', async () => {
		const source = sourceDatabase('broken', 2);
		const target = await emptyTarget();
		const result = await copy(source, target);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(
			'conversation k1: last_seq is 2 but its highest event seq is 3'
		);
		expect(result.stderr).toContain('rolled back');
		const counts = await targetCounts(target);
		expect(Object.keys(counts)).toContain('events'); // migrated, but not a row in it
		expect(Object.values(counts).every((n) => n === 0)).toBe(true);
	}, 60_000);

	it('a target that is not a postgres:// URL', async () => {
		const result = await copy(sourceDatabase('scheme'), 'mysql://root@127.0.0.1/hearth');
		expect(result.code).toBe(1);
		expect(result.stderr.trim()).toBe(
			'The target must be a postgres:// or postgresql:// URL, not "mysql://root@127.0.0.1/hearth".'
		);
	});

	it('a source that is not a SQLite file, or not there at all', async () => {
		const missing = await copy(join(folder, 'nowhere.db'), adminUrl());
		expect(missing.code).toBe(1);
		expect(missing.stderr.trim()).toMatch(/^There is no file at .*nowhere\.db\.$/);
		const notSqlite = await copy('package.json', adminUrl());
		expect(notSqlite.code).toBe(1);
		expect(notSqlite.stderr.trim()).toMatch(/package\.json is not a SQLite database/);
	});

	it('a target it cannot reach, and wrong arguments', async () => {
		const unreachable = await copy(
			sourceDatabase('unreachable'),
			'postgres://nobody@127.0.0.1:1/hearth'
		);
		expect(unreachable.code).toBe(1);
		expect(unreachable.stderr.trim()).toMatch(
			/^Cannot reach the PostgreSQL database at 127\.0\.0\.1:1\/hearth \(.+\)\.$/
		);
		const usage = await copy('only-one-argument');
		expect(usage.code).toBe(1);
		expect(usage.stderr).toMatch(/^Give two arguments/);
	});
});
