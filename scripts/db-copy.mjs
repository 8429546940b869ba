/**
 * Moves a Hearth SQLite database into an EMPTY PostgreSQL database, for running Hearth on several
 * processes: `npm run db:copy -- <SQLite file> <postgres://… URL>`.
 *
 * Plain JavaScript so it runs without a build. The target is migrated first, then every table is
 * copied in ONE transaction, checked (row counts, each conversation's last_seq against its log)
 * and committed only if everything matches: a failed copy leaves the target without a single row,
 * ready for another try. The source is opened read-only and never changed.
 *
 * Stop Hearth before copying: writes made during the copy would not be in it.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS = fileURLToPath(new URL('../drizzle/pg', import.meta.url));

/** The same lock the server takes to migrate, so a server starting meanwhile waits for us. */
const MIGRATION_LOCK = 7366101;

/**
 * Tables PostgreSQL has for libraries that share state between processes: short-lived, and kept
 * in memory (or nowhere) on SQLite's single process, so there is nothing to copy into them and
 * their rows are not Hearth's data.
 */
const LIBRARY_TABLES = new Set([
	'socket_io_attachments', // Socket.io's adapter: packets in flight between processes
	'rate_limits' // sign-up, log-in and invite-code limits: counters that expire within hours
]);

/** Full-text search: an FTS5 virtual table on SQLite, rebuilt on PostgreSQL (see copySearchIndex). */
const SEARCH_TABLE = 'search_index';
const SEARCH_COLUMNS = ['text', 'couple_id', 'conversation_id', 'seq', 'actor_id', 'part'];
/** The tables FTS5 keeps behind a virtual table: its storage, copied by copying the table itself. */
const FTS5_SHADOWS = ['data', 'idx', 'content', 'docsize', 'config'];

/** PostgreSQL takes at most 65535 parameters a statement; 1000 rows keep a batch's memory small. */
const MAX_PARAMETERS = 65535;
const MAX_BATCH_ROWS = 1000;

/** A plain sentence for the operator; anything else thrown is an unexpected failure. */
class Refusal extends Error {}

/** @param {string} name */
const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** @param {number} n @param {string} word */
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The URL without its password, to name the target in messages. */
function describe(/** @type {string} */ url) {
	const u = new URL(url);
	return `${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/** A driver error's own words: connection errors may carry them only inside `errors`. */
function reason(/** @type {any} */ error) {
	if (error?.message) return error.message;
	if (Array.isArray(error?.errors))
		return error.errors.map((/** @type {Error} */ e) => e.message).join('; ');
	return String(error?.code ?? error);
}

/**
 * @param {string[]} args
 * @returns {{ source: string, target: string }}
 */
function parseArguments(args) {
	if (args.length !== 2)
		throw new Refusal(
			'Give two arguments, the SQLite file and the PostgreSQL URL: npm run db:copy -- data/hearth.db postgres://user@host/hearth.'
		);
	// npm runs scripts from the project's folder; a relative path means the caller's folder.
	const base =
		process.env.npm_lifecycle_event === 'db:copy' && process.env.INIT_CWD
			? process.env.INIT_CWD
			: process.cwd();
	const source = resolve(base, args[0]);
	const target = args[1];
	if (!/^postgres(ql)?:\/\//i.test(target))
		throw new Refusal(
			`The target must be a postgres:// or postgresql:// URL, not "${target.replace(/:[^:@/]*@/, ':…@')}".`
		);
	try {
		new URL(target);
	} catch {
		throw new Refusal(
			'The target URL cannot be read as a URL (check its host, port and escaping).'
		);
	}
	return { source, target };
}

/** @param {string} path */
function openSource(path) {
	let stat;
	try {
		stat = statSync(path);
	} catch {
		throw new Refusal(`There is no file at ${path}.`);
	}
	if (!stat.isFile())
		throw new Refusal(`${path} is not a file, so it cannot be a SQLite database.`);
	let db;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		// Opening does not read the file: the first query is what finds it is not a database.
		db.prepare('select count(*) from sqlite_master').get();
	} catch (error) {
		db?.close();
		throw new Refusal(`${path} is not a SQLite database that can be read (${reason(error)}).`);
	}
	const hasMigrations = db
		.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
		.get();
	if (!hasMigrations) {
		db.close();
		throw new Refusal(
			`${path} is a SQLite database but not Hearth's: it has no migration history.`
		);
	}
	return db;
}

/** @param {string} url */
async function connect(url) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
	// A connection dropped between queries is reported by the next query; without a listener
	// the event would end the process before the transaction is rolled back and explained.
	client.on('error', () => {});
	try {
		await client.connect();
	} catch (error) {
		const u = new URL(url);
		if (/** @type {{ code?: string }} */ (error).code === '3D000')
			throw new Refusal(
				`There is no database ${u.pathname.slice(1)} on the server at ${u.hostname}${u.port ? `:${u.port}` : ''}: create it, empty, then copy again.`
			);
		throw new Refusal(
			`Cannot reach the PostgreSQL database at ${describe(url)} (${reason(error)}).`
		);
	}
	return client;
}

/**
 * The target's tables in the public schema, with their columns in order.
 * @param {pg.Client} client
 * @returns {Promise<Map<string, { name: string, type: string, writable: boolean }[]>>}
 */
async function targetTables(client) {
	const { rows } = await client.query(`
		select c.table_name, c.column_name, c.data_type, c.is_generated, c.identity_generation
		from information_schema.columns c
		join information_schema.tables t
			on t.table_schema = c.table_schema and t.table_name = c.table_name
		where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
		order by c.table_name, c.ordinal_position`);
	/** @type {Map<string, { name: string, type: string, writable: boolean }[]>} */
	const tables = new Map();
	for (const row of rows) {
		if (!tables.has(row.table_name)) tables.set(row.table_name, []);
		tables.get(row.table_name)?.push({
			name: row.column_name,
			type: row.data_type,
			// PostgreSQL computes these itself and refuses a value for them.
			writable: row.is_generated !== 'ALWAYS' && row.identity_generation !== 'ALWAYS'
		});
	}
	return tables;
}

/**
 * The tables of the target that hold at least one row (the libraries' tables aside).
 * @param {pg.Client} client
 * @param {Iterable<string>} tables
 */
async function tablesWithRows(client, tables) {
	const names = [...tables].filter((t) => !LIBRARY_TABLES.has(t));
	if (!names.length) return [];
	const { rows } = await client.query(
		names
			.map((t, i) => `select $${i + 1}::text as name where exists (select 1 from ${quote(t)})`)
			.join(' union all '),
		names
	);
	return rows.map((r) => r.name);
}

/** @param {pg.Client} client @param {string} url */
async function refuseIfNotEmpty(client, url) {
	const full = await tablesWithRows(client, (await targetTables(client)).keys());
	if (full.length)
		throw new Refusal(
			`The database at ${describe(url)} already holds data (in ${full.join(', ')}); copy only into an empty database, so that nothing is mixed.`
		);
}

/** @param {pg.Client} client */
async function applyMigrations(client) {
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
	} catch (error) {
		throw new Refusal(
			`Hearth's PostgreSQL migrations could not be applied to the target (${reason(error)}).`
		);
	} finally {
		await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
	}
}

/**
 * Tables ordered so that each comes after every table its foreign keys point to.
 * @param {pg.Client} client
 * @param {string[]} tables
 */
async function parentsFirst(client, tables) {
	const { rows } = await client.query(`
		select distinct child.relname as child, parent.relname as parent
		from pg_constraint k
		join pg_class child on child.oid = k.conrelid
		join pg_class parent on parent.oid = k.confrelid
		join pg_namespace cn on cn.oid = child.relnamespace
		join pg_namespace pn on pn.oid = parent.relnamespace
		where k.contype = 'f' and cn.nspname = 'public' and pn.nspname = 'public'`);
	const wanted = new Set(tables);
	/** @type {Map<string, Set<string>>} */
	const waitsFor = new Map(tables.map((t) => [t, new Set()]));
	for (const { child, parent } of rows)
		// A table pointing at itself would need its rows in order; Hearth has none.
		if (wanted.has(child) && wanted.has(parent) && child !== parent)
			waitsFor.get(child)?.add(parent);
	const order = [];
	const placed = new Set();
	while (order.length < tables.length) {
		const ready = tables
			.filter((t) => !placed.has(t) && [...(waitsFor.get(t) ?? [])].every((p) => placed.has(p)))
			.sort();
		if (!ready.length)
			throw new Refusal(
				`The foreign keys between ${tables.filter((t) => !placed.has(t)).join(', ')} form a cycle, so no order of copying satisfies them.`
			);
		for (const t of ready) {
			order.push(t);
			placed.add(t);
		}
	}
	return order;
}

/**
 * The SQLite tables that hold Hearth's data: every table but SQLite's own, the migration history,
 * and the full-text index with the storage FTS5 keeps behind it.
 * @param {Database.Database} source
 */
function sourceTables(source) {
	const skipped = new Set([
		'__drizzle_migrations',
		SEARCH_TABLE,
		...FTS5_SHADOWS.map((s) => `${SEARCH_TABLE}_${s}`)
	]);
	return /** @type {{ name: string }[]} */ (
		source.prepare("select name from sqlite_master where type = 'table'").all()
	)
		.map((r) => r.name)
		.filter((name) => !name.startsWith('sqlite_') && !skipped.has(name));
}

/** @param {Database.Database} source @param {string} table */
function sourceColumns(source, table) {
	return /** @type {{ name: string }[]} */ (source.pragma(`table_info(${quote(table)})`)).map(
		(c) => c.name
	);
}

/**
 * Every row must have a place to go and every column a value to come from: a source from an
 * older or newer Hearth is refused before anything is written, rather than copied in part.
 * @param {Database.Database} source
 * @param {string} path
 * @param {Map<string, { name: string, type: string, writable: boolean }[]>} tables
 */
function checkSameShape(source, path, tables) {
	const inSource = sourceTables(source);
	const missing = inSource.filter((t) => !tables.has(t));
	if (missing.length)
		throw new Refusal(
			`${path} has tables PostgreSQL's schema does not (${missing.join(', ')}): it was made by another version of Hearth, so copying it would lose them.`
		);
	for (const [table, columns] of tables) {
		if (table === SEARCH_TABLE) continue; // rebuilt, not copied: checked below
		if (!inSource.includes(table))
			throw new Refusal(
				`${path} has no table ${table}: start this version of Hearth on it once so that its migrations run, then copy again.`
			);
		const have = sourceColumns(source, table);
		const writable = columns.filter((c) => c.writable).map((c) => c.name);
		const absent = writable.filter((c) => !have.includes(c));
		if (absent.length)
			throw new Refusal(
				`${path} has no column ${absent.join(', ')} in ${table}: start this version of Hearth on it once so that its migrations run, then copy again.`
			);
		const extra = have.filter((c) => !writable.includes(c));
		if (extra.length)
			throw new Refusal(
				`${path} has columns PostgreSQL's ${table} cannot take (${extra.join(', ')}): it was made by another version of Hearth, so copying it would lose them.`
			);
	}
	const searchColumns = sourceColumns(source, SEARCH_TABLE);
	const searchMissing = SEARCH_COLUMNS.filter((c) => !searchColumns.includes(c));
	if (searchMissing.length)
		throw new Refusal(
			`${path} has no full-text index with the columns ${SEARCH_COLUMNS.join(', ')}: start this version of Hearth on it once so that its migrations run, then copy again.`
		);
}

/**
 * How a SQLite value becomes the value of a PostgreSQL column of this type. Integers are read as
 * BigInt so that none loses a digit on the way; pg sends their decimal text.
 * @param {string} table @param {string} column @param {string} type
 * @returns {(value: unknown) => unknown}
 */
function converter(table, column, type) {
	if (type === 'boolean')
		return (value) => {
			if (value === null) return null;
			if (value === 0n || value === 0) return false;
			if (value === 1n || value === 1) return true;
			throw new Refusal(
				`${table}.${column} holds ${String(value)} in the source, which is not a flag (0 or 1), so nothing was copied.`
			);
		};
	return (value) => (typeof value === 'bigint' ? value.toString() : value);
}

/**
 * Copies the rows a SQLite query yields into a table, in multi-row inserts.
 * @param {pg.Client} client
 * @param {Database.Database} source
 * @param {string} table
 * @param {{ name: string, type: string }[]} columns
 * @param {string} select the SQLite query, yielding the columns in this order
 */
async function copyRows(client, source, table, columns, select) {
	const convert = columns.map((c) => converter(table, c.name, c.type));
	const perBatch = Math.max(
		1,
		Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns.length))
	);
	const head = `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) values `;
	/** @param {number} rows */
	const placeholders = (rows) =>
		Array.from(
			{ length: rows },
			(_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`
		).join(', ');
	const full = head + placeholders(perBatch);
	/** @type {unknown[]} */
	let values = [];
	let rows = 0;
	const flush = async () => {
		try {
			await client.query(rows === perBatch ? full : head + placeholders(rows), values);
		} catch (error) {
			throw new Refusal(
				`PostgreSQL refused rows of ${table} (${reason(error)}), so nothing was copied.`
			);
		}
		values = [];
		rows = 0;
	};
	const statement = source.prepare(select).safeIntegers(true).raw(true);
	for (const row of /** @type {IterableIterator<unknown[]>} */ (statement.iterate())) {
		for (let i = 0; i < row.length; i++) values.push(convert[i](row[i]));
		if (++rows === perBatch) await flush();
	}
	if (rows) await flush();
}

/**
 * The search index, in FTS5's rowid order: PostgreSQL numbers rows by insertion (`position`), and
 * a search lists the newest first by that number. The tsvector is PostgreSQL's to compute.
 * @param {pg.Client} client
 * @param {Database.Database} source
 * @param {Map<string, { name: string, type: string, writable: boolean }[]>} tables
 */
function copySearchIndex(client, source, tables) {
	const types = new Map((tables.get(SEARCH_TABLE) ?? []).map((c) => [c.name, c.type]));
	const columns = SEARCH_COLUMNS.map((name) => ({ name, type: types.get(name) ?? 'text' }));
	return copyRows(
		client,
		source,
		SEARCH_TABLE,
		columns,
		`select ${SEARCH_COLUMNS.map(quote).join(', ')} from ${quote(SEARCH_TABLE)} order by rowid`
	);
}

/**
 * What differs between the copy and the source: row counts, and conversations whose last_seq is
 * not their log's highest seq (the server trusts last_seq to place the next event).
 * @param {pg.Client} client
 * @param {Map<string, number>} sourceCounts
 */
async function differences(client, sourceCounts) {
	const found = [];
	for (const [table, expected] of sourceCounts) {
		const { rows } = await client.query(`select count(*)::text as n from ${quote(table)}`);
		const got = Number(rows[0].n);
		if (got !== expected)
			found.push(`${table}: ${expected} rows in the source, ${got} in the copy`);
	}
	const { rows } = await client.query(`
		select c.id, c.last_seq, coalesce(max(e.seq), 0) as highest
		from conversations c left join events e on e.conversation_id = c.id
		group by c.id, c.last_seq
		having c.last_seq <> coalesce(max(e.seq), 0)
		order by c.id`);
	for (const { id, last_seq, highest } of rows)
		found.push(
			`conversation ${id}: last_seq is ${last_seq} but its highest event seq is ${highest}`
		);
	return found;
}

/** @param {string[]} args @returns {Promise<number>} the exit code */
async function main(args) {
	const started = performance.now();
	const { source: path, target } = parseArguments(args);
	const source = openSource(path);
	/** @type {pg.Client | undefined} */
	let client;
	try {
		client = await connect(target);
		// Checked before migrating too, so that a database of something else is left as it was.
		await refuseIfNotEmpty(client, target);
		await applyMigrations(client);

		const all = await targetTables(client);
		const tables = new Map([...all].filter(([t]) => !LIBRARY_TABLES.has(t)));
		checkSameShape(source, path, tables);
		const order = await parentsFirst(
			client,
			[...tables.keys()].filter((t) => t !== SEARCH_TABLE)
		);

		// One read transaction: every table and count comes from the same moment of the source.
		source.exec('begin');
		/** @type {Map<string, number>} */
		const sourceCounts = new Map();
		for (const table of [...order, SEARCH_TABLE]) {
			const row = /** @type {{ n: number }} */ (
				source.prepare(`select count(*) as n from ${quote(table)}`).get()
			);
			sourceCounts.set(table, row.n);
		}

		await client.query('begin');
		try {
			// No one else writes while we copy; and what arrived since the first look is refused too.
			await client.query(
				`lock table ${[...order, SEARCH_TABLE].map(quote).join(', ')} in exclusive mode`
			);
			await refuseIfNotEmpty(client, target);
			for (const table of order) {
				const columns = /** @type {{ name: string, type: string, writable: boolean }[]} */ (
					tables.get(table)
				).filter((c) => c.writable);
				await copyRows(
					client,
					source,
					table,
					columns,
					`select ${columns.map((c) => quote(c.name)).join(', ')} from ${quote(table)}`
				);
			}
			await copySearchIndex(client, source, tables);
			const found = await differences(client, sourceCounts);
			if (found.length) {
				await client.query('rollback');
				for (const line of found) console.error(line);
				console.error(
					'The copy does not match the source (see above), so it was rolled back and the target holds nothing.'
				);
				return 1;
			}
			await client.query('commit');
		} catch (error) {
			await client.query('rollback').catch(() => {});
			throw error;
		}

		const width = Math.max(...[...sourceCounts.keys()].map((t) => t.length));
		let total = 0;
		for (const [table, n] of sourceCounts) {
			console.log(`${table.padEnd(width)}  ${n}`);
			total += n;
		}
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			`Copied ${plural(total, 'row')} in ${seconds} s; every conversation's last_seq matches its log.`
		);
		return 0;
	} finally {
		if (source.inTransaction) source.exec('rollback');
		source.close();
		await client?.end().catch(() => {});
	}
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof Refusal) console.error(error.message);
	else console.error(`The copy failed and nothing was committed to the target (${reason(error)}).`);
	process.exitCode = 1;
}
