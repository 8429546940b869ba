/**
 * Hearth's benchmark (`npm run bench`, which builds first). Plain node, no flags needed.
 *
 * 1. Realtime: N couples (BENCH_COUPLES, default 500) of real socket.io clients with real session
 *    cookies drive a realistic talk (see bench/loadgen.mjs) open-loop at fixed offered rates
 *    (BENCH_RATES, default 200,1000,3000 events/s) against the built server on a fresh database,
 *    interleaved with the same load on two baselines: a bare Socket.io relay that stores nothing
 *    (bench/baseline-server.mjs) and a durable relay (bench/durable-relay.mjs) that appends each
 *    event to SQLite (WAL, synchronous = FULL, group commit) and acknowledges after the commit.
 *    Each rate runs BENCH_ALTERNATIONS (default 3) alternations of the three servers in rotating
 *    order (app, bare, durable; bare, durable, app; durable, app, bare; …). Latencies go into HDR
 *    histograms; Hearth's ratios to each baseline are the median of the alternations' own ratios,
 *    printed with the 1-minute load average at each alternation's start. SQL statements are
 *    counted inside the app and the durable relay (bench/probe.mjs) over every segment and divided
 *    by the rows each added to its events table.
 * 2. Scale: as many couples as the machine allows up to BENCH_SCALE_COUPLES (default 10,000)
 *    connect to a fresh app server, then to a fresh baseline; memory per couple after GC.
 * 3. Persistence: closed loop, every couple busy: events acknowledged after commit per second,
 *    checked against the rows in the database; then the bare and the durable relay the same way.
 * 4. Burst: a fresh app server with its DEFAULT per-socket limits (not raised as for the parts
 *    above). BENCH_BURST_COUPLES (default 100) other couples talk open-loop at BENCH_BURST_RATE
 *    (default 200 events/s) while one socket of another couple, from its own process, sends
 *    BENCH_BURST_FLOOD (default 10,000) intents without waiting for answers, BENCH_BURST_CHUNK
 *    (default 250) at a time a millisecond apart, starting BENCH_BURST_AT_MS (default 500) into a
 *    BENCH_BURST_SEGMENT_MS (default 3,000) measured window. Segments alternate calm, burst, calm,
 *    burst … (BENCH_BURST_ROUNDS pairs, default 4) after one unmeasured segment with a flood (to
 *    warm the server and the clients up); the other couples' latencies with the burst are
 *    compared with the calm segments of the same run, over the whole window and over the flood's
 *    own span (from its first intent to its last answer; the calm segments at the same offsets).
 *    The flood's answers are counted by code, the server's event-loop delay is read through
 *    bench/probe.mjs, and one more flood with nothing else running gives the server CPU it costs.
 *    (This part runs after 3 and before 2.)
 * 5. Results: bench/results/latest.json and latest.md, with the targets table (each target, the
 *    figure reached, met or not); README's Performance section (between the bench markers) gets
 *    the latest tables. A run of one part (BENCH_ONLY=realtime|scale|burst|postgres) keeps the
 *    other parts' figures from the previous latest.json, and says from which run they are.
 * 6. PostgreSQL, two processes (`BENCH_ONLY=postgres npm run bench` alone; it runs last): a
 *    throwaway PostgreSQL cluster (scripts/postgres-cluster.mjs: Debian's postgresql binaries,
 *    fsync and synchronous_commit off), one database in it — or, with BENCH_POSTGRES_URL (a
 *    superuser URL), a server of one's own, in a database the run creates and drops. A fresh
 *    SQLite database is migrated
 *    by the app and seeded (max of BENCH_COUPLES and BENCH_PG_SCALE_COUPLES couples), then moved
 *    into PostgreSQL with the project's copy tool (`node scripts/db-copy.mjs <file> <url>`, which
 *    migrates the target and checks the counts). Two app processes run on PostgreSQL (Socket.io's
 *    PostgreSQL adapter joins them; each has a pool of DATABASE_POOL_SIZE, default 10, plus 4 for
 *    the adapter: the run checks that both fit the cluster's max_connections), and one app process
 *    on that same seeded SQLite file. Each couple's partner a is on the first process and partner
 *    b on the second, so every receipt crosses processes. Realtime: BENCH_COUPLES couples at each
 *    of BENCH_PG_RATES (default 200,1000 events/s), BENCH_ALTERNATIONS alternations of the two
 *    setups in rotating order (segments as in 1, one load generator for each setup); receipt
 *    p50/p99, ack p50 and received/offered, and the two-process PostgreSQL / one-process SQLite
 *    ratio of each alternation and their median, beside the 1-minute load average at each
 *    alternation's start. Then the closed loop (as in 3, BENCH_PERSIST_MS) on each, checked
 *    against the rows of its events table (counted with the pg client on PostgreSQL). Then two
 *    fresh processes on PostgreSQL, and as many couples as the open-file limit allows up to
 *    BENCH_PG_SCALE_COUPLES (default 10,000) connect, partner a on one process and b on the other,
 *    from BENCH_SCALE_PROCESSES load generators, within BENCH_PG_SCALE_DEADLINE_MS (default
 *    120,000); couples connected in all and sockets per process (with the descriptors each server
 *    opened), and the time it took. The cluster is stopped (or the database on one's own server
 *    dropped) at the end, also on failure or Ctrl-C.
 *
 * Each server, and the load generators, run in their own processes (own event loops), started
 * through a shell that raises the open-file limit (`ulimit -n`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import hdr from 'hdr-histogram-js';
import pg from 'pg';
import {
	dropDatabase,
	newDatabase,
	postgresBin,
	startCluster
} from '../scripts/postgres-cluster.mjs';
import { packageOf, summarise } from './lib/profile.mjs';
import {
	NOFILE,
	ROOT,
	openFileCount,
	openFileLimit,
	rpc,
	sleep,
	spawnNode,
	startServer
} from './lib/processes.mjs';
import { SEED_PASSWORD, seedCouples } from './lib/seed.mjs';

/** When a flood was over: answered in full, or cut off by the server dropping its socket. */
const floodOver = (/** @type {any} */ x) =>
	x.droppedMs !== null && x.droppedMs !== undefined
		? `dropped by the server after ${Math.round(x.droppedMs)} ms (${x.answered} answered)`
		: x.answeredMs === null
			? `not all answered (${x.answered}/${x.count})`
			: `answered in full after ${Math.round(x.answeredMs)} ms`;

const env = process.env;
const config = {
	couples: Number(env.BENCH_COUPLES ?? 500),
	rates: (env.BENCH_RATES ?? '200,1000,3000').split(',').map(Number),
	warmMs: Number(env.BENCH_WARM_MS ?? 750),
	measureMs: Number(env.BENCH_SEGMENT_MS ?? 3500),
	/** Rounds per rate of app, bare relay, durable relay (in rotating order). */
	alternations: Number(env.BENCH_ALTERNATIONS ?? 3),
	graceMs: Number(env.BENCH_GRACE_MS ?? 1500),
	persistMs: Number(env.BENCH_PERSIST_MS ?? 5000),
	scaleCouples: Number(env.BENCH_SCALE_COUPLES ?? 10_000),
	scaleProcesses: Number(env.BENCH_SCALE_PROCESSES ?? 4),
	scaleDeadlineMs: Number(env.BENCH_SCALE_DEADLINE_MS ?? 40_000),
	profile: env.BENCH_PROFILE !== '0',
	burstCouples: Number(env.BENCH_BURST_COUPLES ?? 100),
	burstRate: Number(env.BENCH_BURST_RATE ?? 200),
	burstFlood: Number(env.BENCH_BURST_FLOOD ?? 10_000),
	burstChunk: Number(env.BENCH_BURST_CHUNK ?? 250),
	burstRounds: Number(env.BENCH_BURST_ROUNDS ?? 4),
	burstMeasureMs: Number(env.BENCH_BURST_SEGMENT_MS ?? 3000),
	burstAtMs: Number(env.BENCH_BURST_AT_MS ?? 500),
	/** The PostgreSQL part: offered rates, couples to connect across its two processes. */
	pgRates: (env.BENCH_PG_RATES ?? '200,1000').split(',').map(Number),
	pgScaleCouples: Number(env.BENCH_PG_SCALE_COUPLES ?? 10_000),
	pgScaleDeadlineMs: Number(env.BENCH_PG_SCALE_DEADLINE_MS ?? 120_000),
	/** Each app process's query pool on PostgreSQL (the app's own setting and default). */
	pgPoolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
	/** `realtime` (with persistence), `scale`, `burst` or `postgres` to run one part only. */
	only: env.BENCH_ONLY ?? '',
	/** Another checkout's root whose build/ is the app under test (to measure a change). */
	appDir: env.BENCH_APP_DIR ?? '',
	readme: env.BENCH_README !== '0'
};

const TMP = join(ROOT, 'bench/.tmp');
const RESULTS = resolve(ROOT, env.BENCH_RESULTS_DIR ?? 'bench/results');
const began = performance.now();
const log = (/** @type {string} */ line) =>
	console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(5)}s] ${line}`);

// ── helpers ───────────────────────────────────────────────────────────────────────────────────
function machine() {
	const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
	const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
	const free = spawnSync('free', ['-h'], { encoding: 'utf8' }).stdout ?? '';
	const memLine = free.split('\n').find((l) => l.startsWith('Mem:'));
	return {
		cpus: availableParallelism(),
		model,
		memory: memLine
			? `${memLine.split(/\s+/)[1]} total (free -h)`
			: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
		node: process.version,
		kernel: release(),
		/** 1, 5 and 15 minutes, when the run began (the cores may be shared). */
		loadAverage: loadAverage()
	};
}

const loadAverage = () => loadavg().map((x) => Math.round(x * 100) / 100);
/** The parts on the one-process SQLite app (they share one seeded database). */
const SQLITE_PARTS = ['realtime', 'scale', 'burst'];
const PARTS = [...SQLITE_PARTS, 'postgres'];
const runs = (/** @type {string} */ part) => config.only === '' || config.only === part;

const ms = (/** @type {number} */ micros) => Math.round(micros / 10) / 100;

/** @typedef {'app' | 'baseline' | 'durable'} Target the app, the bare relay, the durable relay */
/** @type {Target[]} */
const TARGETS = ['app', 'baseline', 'durable'];
const SERVER_NAMES = { app: 'Hearth', baseline: 'bare relay', durable: 'durable relay' };

/** @typedef {'pg' | 'sqlite'} PgTarget the PostgreSQL part's two apps */
/** @type {PgTarget[]} */
const PG_TARGETS = ['pg', 'sqlite'];
const PG_NAMES = {
	pg: 'Hearth, two processes on PostgreSQL',
	sqlite: 'Hearth, one process on SQLite'
};

/** The median (the mean of the middle two for an even count); null for none. */
function median(/** @type {number[]} */ xs) {
	const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Hearth over another server at one rate: the median over alternations of each alternation's
 * ratio (app and the other ran within seconds of each other, under about the same load), and the
 * ratios themselves.
 * @param {any[]} alternations @param {'baseline' | 'durable'} other
 */
function ratios(alternations, other) {
	const each = (/** @type {(x: any) => number | null} */ pick) =>
		alternations.map((x) => {
			const a = pick(x.app);
			const b = pick(x[other]);
			return a === null || b === null || !b ? NaN : a / b;
		});
	const receiptP50 = each((x) => x.receiptP50);
	const receiptP99 = each((x) => x.receiptP99);
	const ackP50 = each((x) => x.ackP50);
	const cpu = each((x) => x.cpuMicrosPerEvent);
	return {
		receiptP50: median(receiptP50),
		receiptP99: median(receiptP99),
		ackP50: median(ackP50),
		cpuPerEvent: median(cpu),
		each: { receiptP50, receiptP99, cpuPerEvent: cpu }
	};
}

/** @param {string[]} encoded */
function merge(encoded) {
	const total = hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });
	for (const e of encoded) total.add(hdr.decodeFromCompressedBase64(e));
	return total;
}

/** @param {any} h */
const percentiles = (h) => ({
	count: h.totalCount,
	p50: ms(h.getValueAtPercentile(50)),
	p99: ms(h.getValueAtPercentile(99)),
	p999: ms(h.getValueAtPercentile(99.9)),
	max: ms(h.maxValue)
});

/** @param {Record<string, number>} into @param {Record<string, number>} from */
function addCounts(into, from) {
	for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
	return into;
}

/** One server's segments at one rate, pooled: what was offered and received, latencies, errors. */
function pooled(/** @type {any[]} */ list) {
	const offered = list.reduce((s, p) => s + p.offered, 0);
	const received = list.reduce((s, p) => s + p.received, 0);
	return {
		offered,
		received,
		receivedRatio: offered ? received / offered : 1,
		ack: percentiles(merge(list.map((p) => p.ack))),
		receipt: percentiles(merge(list.map((p) => p.receipt))),
		errors: list.reduce((s, p) => addCounts(s, p.errors), {}),
		mismatched: list.reduce((s, p) => s + p.mismatched, 0),
		lost: list.reduce((s, p) => s + p.lost, 0)
	};
}

/** Commits per second of one small fsync'd transaction on this disk: the floor under (3). */
function diskCommitsPerSecond(path) {
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec('create table t (id integer primary key, payload text)');
	const insert = db.prepare('insert into t (payload) values (?)');
	const one = db.transaction(() => insert.run('x'.repeat(300)));
	const start = performance.now();
	let n = 0;
	while (performance.now() - start < 1000) {
		one.immediate();
		n++;
	}
	const rate = n / ((performance.now() - start) / 1000);
	db.close();
	for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
	return Math.round(rate);
}

function startLoadgen() {
	const child = spawnNode(['bench/loadgen.mjs']);
	let errors = '';
	child.stderr.on('data', (c) => (errors += c.toString()));
	child.stdout.on('data', (c) => process.stdout.write(c));
	const call = rpc(child);
	return { child, call, errors: () => errors, pid: child.pid };
}

/** @param {{ child: import('node:child_process').ChildProcess }} gen */
async function endLoadgen(gen) {
	if (gen.child.exitCode !== null || gen.child.signalCode !== null) return;
	const exited = new Promise((r) => gen.child.once('exit', r));
	gen.child.kill('SIGKILL');
	await exited;
}

/** A seeded person logs in through the real form (the seeding, or the copy, is real). */
async function checkLogin(/** @type {string} */ url, /** @type {string} */ email) {
	const login = await fetch(`${url}/login`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: url,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ email, password: SEED_PASSWORD }),
		redirect: 'manual'
	});
	const body = await login.json().catch(() => ({}));
	if (body.type !== 'redirect') throw new Error(`seeded login failed: ${JSON.stringify(body)}`);
}

/** @param {import('./lib/processes.mjs').startServer extends (...a: any) => Promise<infer S> ? S : never} server */
async function cpuMicros(server) {
	const cpu = await server.cpu();
	return cpu.user + cpu.system;
}

// ── the run ───────────────────────────────────────────────────────────────────────────────────
async function main() {
	if (!existsSync(join(ROOT, 'build/start.js')))
		throw new Error('build/start.js missing: npm run build');
	mkdirSync(TMP, { recursive: true });
	mkdirSync(RESULTS, { recursive: true });
	if (!(config.alternations >= 1)) throw new Error('BENCH_ALTERNATIONS: at least 1');
	if (config.only && !PARTS.includes(config.only))
		throw new Error(`BENCH_ONLY=${config.only}: one of ${PARTS.join(', ')}`);
	const info = machine();
	// Without PostgreSQL's binaries a full run measures the rest and says why this part is missing.
	let postgresSkipped = null;
	if (runs('postgres') && !env.BENCH_POSTGRES_URL)
		try {
			postgresBin();
		} catch (error) {
			if (config.only === 'postgres') throw error;
			postgresSkipped = /** @type {Error} */ (error).message;
			log(`the postgres part is skipped: ${postgresSkipped}`);
		}
	log(
		`machine: ${info.cpus} × ${info.model}, ${info.memory}, node ${info.node}, ` +
			`load average ${info.loadAverage.join(', ')}`
	);
	const dbPath = join(TMP, `bench-${process.pid}-${Date.now()}.db`);
	const durableDbPath = join(TMP, `durable-relay-${process.pid}-${Date.now()}.db`);
	const couplesFile = join(TMP, `couples-${process.pid}.json`);
	/** @type {Awaited<ReturnType<typeof startServer>>[]} */
	const servers = [];
	/** @type {ReturnType<typeof startLoadgen>[]} */
	const gens = [];
	const results = /** @type {any} */ ({
		date: new Date().toISOString(),
		command: config.only ? `BENCH_ONLY=${config.only} npm run bench` : 'npm run bench',
		machine: info,
		config,
		...(postgresSkipped ? { postgresSkipped } : {})
	});
	/** The PostgreSQL part's cluster, stopped in the end (also on failure or Ctrl-C). */
	/** @type {{ url: string, stop: () => void | Promise<void> } | null} */
	let cluster = null;
	/** @type {pg.Client[]} */
	const pgClients = [];
	/** The PostgreSQL part's own files: its SQLite database (the seed, and the one-process app's). */
	const pgPartFiles = {
		db: join(TMP, `postgres-part-${process.pid}-${Date.now()}.db`),
		couples: join(TMP, `postgres-couples-${process.pid}.json`)
	};
	const stopCluster = () => {
		const c = cluster;
		cluster = null;
		return c?.stop();
	};
	const removePgPartFiles = () => {
		if (!env.BENCH_KEEP_DB)
			for (const s of ['', '-wal', '-shm']) rmSync(pgPartFiles.db + s, { force: true });
		rmSync(pgPartFiles.couples, { force: true });
	};
	const onSignal = (/** @type {NodeJS.Signals} */ signal) => {
		void Promise.resolve(stopCluster())
			.catch(() => {})
			.finally(() => {
				removePgPartFiles();
				process.kill(process.pid, signal);
			});
	};
	// The burst part's couples come after the realtime part's (whose talks are under way).
	const burstFrom = config.couples;
	/** @type {Awaited<ReturnType<typeof startServer>>} */
	let app;
	/** @type {Awaited<ReturnType<typeof startServer>>} */
	let baseline;
	try {
		if (SQLITE_PARTS.some(runs)) {
			// A fresh database, migrated by the app itself, then seeded.
			const migrate = await startServer('app', { dbPath, appDir: config.appDir });
			await migrate.stop();
			const seedCount = Math.max(
				runs('realtime') ? config.couples : 0,
				runs('scale') ? config.scaleCouples : 0,
				runs('burst') ? burstFrom + config.burstCouples + 1 : 0
			);
			const seedStart = performance.now();
			const couples = await seedCouples(dbPath, seedCount);
			writeFileSync(couplesFile, JSON.stringify(couples));
			log(`seeded ${seedCount} couples in ${Math.round(performance.now() - seedStart)} ms`);

			app = await startServer('app', { dbPath, appDir: config.appDir });
			baseline = await startServer('baseline');
			servers.push(app, baseline);
			// The seeding is real: a seeded person logs in through the real form.
			await checkLogin(app.url, couples[0].a.email);
			log(`app on ${app.url} (pid ${app.pid}), baseline on ${baseline.url} (pid ${baseline.pid})`);

			if (runs('realtime')) await realtimeAndPersistence();
			await app.stop();
			await baseline.stop();
			servers.length = 0;
		}

		// ── 4. burst ─────────────────────────────────────────────────────────────────────────
		if (runs('burst')) await burst();

		// ── 2. scale ─────────────────────────────────────────────────────────────────────────
		if (runs('scale')) await scale();

		// ── 6. PostgreSQL, two processes ─────────────────────────────────────────────────────
		if (runs('postgres') && !results.postgresSkipped) await postgres();

		async function realtimeAndPersistence() {
			// ── 1. realtime ──────────────────────────────────────────────────────────────────────
			const durable = await startServer('durable', { dbPath: durableDbPath });
			servers.push(durable);
			log(`durable relay on ${durable.url} (pid ${durable.pid})`);
			const gen = startLoadgen();
			gens.push(gen);
			const connected = await gen.call('connect-talk', {
				couplesFile,
				from: 0,
				to: config.couples,
				app: app.url,
				baseline: baseline.url,
				durable: durable.url,
				concurrency: 50
			});
			log(
				`${connected.couples} couples connected to the app and both relays, talks started (${Math.round(connected.ms)} ms)`
			);
			/** @type {Record<Target, Awaited<ReturnType<typeof startServer>>>} */
			const byTarget = { app, baseline, durable };
			// Rows in each events table, and the SQL statements run, to count statements per event.
			const readers = {
				app: new Database(dbPath, { readonly: true }),
				durable: new Database(durableDbPath, { readonly: true })
			};
			const rowsIn = (/** @type {'app' | 'durable'} */ target) =>
				/** @type {{ n: number }} */ (
					readers[target].prepare('select count(*) as n from events').get()
				).n;
			await app.call('probe:sql-start');
			await durable.call('probe:sql-start');
			/** @type {Record<'app' | 'durable', { total: number, rows: number, bySource: Record<string, number>, byRate: any[] }>} */
			const sql = {
				app: { total: 0, rows: 0, bySource: {}, byRate: [] },
				durable: { total: 0, rows: 0, bySource: {}, byRate: [] }
			};

			/** @type {any[]} */
			const realtime = [];
			const mix = {};
			let seed = 1;
			for (const rate of config.rates) {
				/** @type {Record<Target, any[]>} */
				const parts = { app: [], baseline: [], durable: [] };
				/** @type {any[]} */
				const alternations = [];
				/** @type {Record<'app' | 'durable', { total: number, rows: number }>} */
				const sqlHere = { app: { total: 0, rows: 0 }, durable: { total: 0, rows: 0 } };
				for (let a = 0; a < config.alternations; a++) {
					// Rotating order: each server runs first, second and third in turn.
					const order = TARGETS.map((_, i) => TARGETS[(i + a) % TARGETS.length]);
					const alternation = /** @type {any} */ ({ order, loadAverage: loadAverage()[0] });
					for (const target of order) {
						const server = byTarget[target];
						const counted = target === 'baseline' ? null : target;
						if (counted) await server.call('probe:sql-read'); // counts from here
						const rowsBefore = counted ? rowsIn(counted) : 0;
						const before = await cpuMicros(server);
						const part = await gen.call('segment', {
							target,
							rate,
							warmMs: config.warmMs,
							measureMs: config.measureMs,
							graceMs: config.graceMs,
							seed: seed++
						});
						part.cpuMicros = (await cpuMicros(server)) - before;
						if (counted) {
							const statements = await server.call('probe:sql-read');
							const rows = rowsIn(counted) - rowsBefore;
							sqlHere[counted].total += statements.total;
							sqlHere[counted].rows += rows;
							sql[counted].total += statements.total;
							sql[counted].rows += rows;
							addCounts(sql[counted].bySource, statements.bySource);
						}
						parts[target].push(part);
						if (target === 'app') addCounts(mix, part.mix);
						const receipt = percentiles(merge([part.receipt]));
						alternation[target] = {
							received: part.received,
							offered: part.offered,
							ackP50: percentiles(merge([part.ack])).p50,
							receiptP50: receipt.p50,
							receiptP99: receipt.p99,
							cpuMicrosPerEvent: part.sent ? part.cpuMicros / part.sent : null
						};
						log(
							`${String(rate).padStart(5)} ev/s ${target.padEnd(8)} received ${part.received}/${part.offered}, ` +
								`receipt p50 ${receipt.p50} p99 ${receipt.p99} ms, ` +
								`CPU ${Math.round(alternation[target].cpuMicrosPerEvent ?? 0)} µs/event, ` +
								`load ${loadAverage()[0]}` +
								(Object.keys(part.errors).length ? ` errors ${JSON.stringify(part.errors)}` : '') +
								(part.lost ? ` lost ${part.lost}` : '')
						);
					}
					alternations.push(alternation);
				}
				const row = /** @type {any} */ ({ rate });
				for (const target of TARGETS) {
					const list = parts[target];
					const sent = list.reduce((s, p) => s + p.sent, 0);
					const cpu = list.reduce((s, p) => s + p.cpuMicros, 0);
					row[target] = {
						...pooled(list),
						service: percentiles(merge(list.map((p) => p.service))),
						cpuMicrosPerEvent: sent ? Math.round(cpu / sent) : null,
						serverCpuPercent: Math.round(
							(cpu / 1000 / (list.length * (config.warmMs + config.measureMs))) * 100
						)
					};
				}
				for (const target of /** @type {const} */ (['app', 'durable']))
					row[target].statementsPerEvent = sqlHere[target].rows
						? sqlHere[target].total / sqlHere[target].rows
						: null;
				for (const target of /** @type {const} */ (['app', 'durable']))
					sql[target].byRate.push({ rate, ...sqlHere[target] });
				row.alternations = alternations;
				const loads = alternations.map((x) => x.loadAverage);
				row.loadAverage = { min: Math.min(...loads), max: Math.max(...loads) };
				/** Hearth over the bare relay and over the durable relay: medians of each alternation's ratio. */
				row.ratio = ratios(alternations, 'baseline');
				row.vsDurable = ratios(alternations, 'durable');
				realtime.push(row);
			}
			// Counting stops here: the profile and the closed loop see the servers' own code only.
			await app.call('probe:sql-stop');
			await durable.call('probe:sql-stop');
			results.realtime = realtime;
			results.mix = mix;
			results.statements = Object.fromEntries(
				/** @type {const} */ (['app', 'durable']).map((target) => {
					const s = sql[target];
					return [
						target,
						{
							statements: s.total,
							rows: s.rows,
							perEvent: s.rows ? s.total / s.rows : null,
							byRate: s.byRate.map((x) => ({
								rate: x.rate,
								perEvent: x.rows ? x.total / x.rows : null
							})),
							/** The statements run most, per event appended. */
							top: Object.entries(s.bySource)
								.sort((x, y) => y[1] - x[1])
								.slice(0, 12)
								.map(([source, n]) => ({
									source: source.length > 100 ? `${source.slice(0, 99)}…` : source,
									perEvent: s.rows ? Math.round((n / s.rows) * 1000) / 1000 : null
								}))
						}
					];
				})
			);
			log(
				`SQL statements per event appended: Hearth ${results.statements.app.perEvent?.toFixed(2)}, ` +
					`durable relay ${results.statements.durable.perEvent?.toFixed(2)}`
			);

			// A profile of the app at the highest rate (an extra, unmeasured segment).
			if (config.profile) {
				const rate = Math.max(...config.rates);
				const path = join(TMP, `app-${rate}.cpuprofile`);
				await app.call('probe:profile-start');
				await gen.call('segment', {
					target: 'app',
					rate,
					warmMs: 0,
					measureMs: 3000,
					graceMs: 1000,
					seed
				});
				await app.call('probe:profile-stop', { path });
				results.profile = { rate, ...summarise(path) };
				log(`profiled the app at ${rate} ev/s → ${results.profile.path}`);
			}

			// ── 3. persistence ───────────────────────────────────────────────────────────────────
			/** Closed loop on one server; for the app and the durable relay, checked against the rows. */
			const closedLoop = async (/** @type {Target} */ target, /** @type {number} */ ms) => {
				const counted = target === 'baseline' ? null : target;
				const before = counted ? rowsIn(counted) : 0;
				const closed = await gen.call('closed-loop', { target, ms });
				const rows = counted ? rowsIn(counted) - before : null;
				return {
					closed,
					eventsPerSecond: Math.round(closed.ackedInWindow / (closed.ms / 1000)),
					rows,
					everyAckPersisted: rows === null ? null : rows === closed.acked
				};
			};
			const closed = await closedLoop('app', config.persistMs);
			const closedBase = await closedLoop('baseline', 3000);
			const closedDurable = await closedLoop('durable', 3000);
			readers.app.close();
			readers.durable.close();
			results.persistence = {
				couples: closed.closed.pairs,
				windowMs: Math.round(closed.closed.ms),
				eventsPerSecond: closed.eventsPerSecond,
				ackedTotal: closed.closed.acked,
				rowsAdded: closed.rows,
				everyAckPersisted: closed.everyAckPersisted,
				errors: closed.closed.errors,
				baselineRelayEventsPerSecond: closedBase.eventsPerSecond,
				durableRelay: {
					eventsPerSecond: closedDurable.eventsPerSecond,
					ackedTotal: closedDurable.closed.acked,
					rowsAdded: closedDurable.rows,
					everyAckPersisted: closedDurable.everyAckPersisted
				},
				diskCommitsPerSecond: diskCommitsPerSecond(join(TMP, `disk-${process.pid}.db`)),
				synchronous: 'FULL (WAL)',
				loadAverage: loadAverage()
			};
			log(
				`persistence: ${closed.eventsPerSecond} events/s acknowledged after commit ` +
					`(${closed.closed.acked} acked, ${closed.rows} rows added); durable relay ` +
					`${closedDurable.eventsPerSecond} events/s; bare relay ${closedBase.eventsPerSecond} events/s`
			);
			await gen.call('close');
			await endLoadgen(gen);
			gens.length = 0;
			await durable.stop();
		}

		async function burst() {
			const loadBefore = loadAverage();
			const server = await startServer('app', {
				dbPath,
				appDir: config.appDir,
				defaultFairness: true
			});
			servers.push(server);
			const gen = startLoadgen();
			const flooder = startLoadgen();
			gens.push(gen, flooder);
			const connected = await gen.call('connect-talk', {
				couplesFile,
				from: burstFrom,
				to: burstFrom + config.burstCouples,
				app: server.url,
				concurrency: 25
			});
			await flooder.call('flood-open', {
				couplesFile,
				index: burstFrom + config.burstCouples,
				url: server.url
			});
			log(
				`burst: app on ${server.url} (pid ${server.pid}) with its default limits; ` +
					`${connected.couples} couples and one noisy socket connected (${Math.round(connected.ms)} ms)`
			);
			/** @param {boolean} measured @param {number} seed @param {number} startAtEpoch */
			const segment = (measured, seed, startAtEpoch) =>
				gen.call('segment', {
					target: 'app',
					rate: config.burstRate,
					warmMs: config.warmMs,
					measureMs: measured ? config.burstMeasureMs : 2000,
					graceMs: config.graceMs,
					seed,
					startAtEpoch,
					samples: measured
				});
			/** @param {number} startAtEpoch */
			const flood = (startAtEpoch) =>
				flooder.call('flood', {
					atEpoch: startAtEpoch + config.warmMs + config.burstAtMs,
					count: config.burstFlood,
					chunk: config.burstChunk,
					timeoutMs: 60_000
				});
			// Unmeasured, with a flood: the fresh server, and the flooding client, warm up.
			const warmAt = Date.now() + 100;
			const warming = segment(false, 1000, warmAt);
			const warmUpFlood = await flood(warmAt);
			await warming;
			/** @type {{ calm: any[], burst: any[] }} */
			const parts = { calm: [], burst: [] };
			/** @type {any[]} */
			const floods = [];
			let seed = 1001;
			for (let round = 0; round < config.burstRounds; round++) {
				for (const kind of /** @type {const} */ (['calm', 'burst'])) {
					const before = await cpuMicros(server);
					await server.call('probe:loop-start');
					const startAtEpoch = Date.now() + 100;
					const run = segment(true, seed++, startAtEpoch);
					const flooded = kind === 'burst' ? await flood(startAtEpoch) : null;
					const part = await run;
					part.serverCpuMs = Math.round(((await cpuMicros(server)) - before) / 1000);
					part.serverLoopDelay = await server.call('probe:loop-stop');
					parts[kind].push(part);
					if (flooded) {
						flooded.startMs = Math.round(flooded.startedEpoch - part.measureStartEpoch);
						floods.push(flooded);
					}
					log(
						`burst round ${round + 1} ${kind.padEnd(5)} received ${part.received}/${part.offered}` +
							(Object.keys(part.errors).length ? ` errors ${JSON.stringify(part.errors)}` : '') +
							(flooded
								? `; flood ${JSON.stringify(flooded.answers)}, sent in ${Math.round(flooded.sentMs)} ms, ` +
									floodOver(flooded)
								: '')
					);
				}
			}
			// One more flood with nothing else running: what a flood alone costs the server.
			await sleep(2500); // the socket's bucket fills again (40 tokens at 20/s)
			const cpuBefore = await cpuMicros(server);
			await server.call('probe:loop-start');
			const alone = await flooder.call('flood', {
				atEpoch: Date.now(),
				count: config.burstFlood,
				chunk: config.burstChunk,
				timeoutMs: 60_000
			});
			await sleep(200);
			const aloneCpuMs = ((await cpuMicros(server)) - cpuBefore) / 1000;
			const aloneLoopDelay = await server.call('probe:loop-stop');
			log(
				`burst: a flood alone: ${JSON.stringify(alone.answers)}, ${floodOver(alone)}, ` +
					`server CPU ${Math.round(aloneCpuMs)} ms, event-loop delay max ${aloneLoopDelay.max} ms`
			);
			// The flood's span in each burst segment, and the same offsets in the calm one before it.
			const spans = floods.map((f) => [
				f.startMs,
				f.startMs + (f.answeredMs ?? f.droppedMs ?? f.sentMs)
			]);
			/**
			 * Percentiles of the segments' samples, all of them or those of each flood's span.
			 * @param {any[]} list @param {'whole' | 'flood'} window @param {'ack' | 'receipt'} kind
			 */
			const pick = (list, window, kind, spanOf = (/** @type {number} */ i) => spans[i]) => {
				const h = hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });
				list.forEach((part, i) => {
					const [from, to] = window === 'whole' ? [-Infinity, Infinity] : spanOf(i);
					const samples = part.samples[kind];
					for (let j = 0; j < samples.length; j += 2)
						if (samples[j] >= from && samples[j] <= to) h.recordValue(samples[j + 1]);
				});
				return percentiles(h);
			};
			/** @param {any[]} list @param {'whole' | 'flood'} window */
			const summary = (list, window) => {
				const offered = list.reduce((s, p) => s + p.offered, 0);
				const received = list.reduce((s, p) => s + p.received, 0);
				return {
					segments: list.length,
					...(window === 'whole' ? { offered, received } : {}),
					ack: pick(list, window, 'ack'),
					receipt: pick(list, window, 'receipt'),
					errors: list.reduce((s, p) => addCounts(s, p.errors), {}),
					lost: list.reduce((s, p) => s + p.lost, 0),
					...(window === 'whole'
						? {
								serverCpuMsPerSegment: Math.round(
									list.reduce((s, p) => s + p.serverCpuMs, 0) / list.length
								),
								/** The server's event-loop delay: the worst segment's p99, and the max. */
								serverLoopDelay: {
									p99: Math.max(...list.map((p) => p.serverLoopDelay.p99)),
									max: Math.max(...list.map((p) => p.serverLoopDelay.max))
								}
							}
						: {})
				};
			};
			const ratio = (/** @type {any} */ b, /** @type {any} */ c) => ({
				ackP50: b.ack.p50 / c.ack.p50,
				ackP99: b.ack.p99 / c.ack.p99,
				receiptP50: b.receipt.p50 / c.receipt.p50,
				receiptP99: b.receipt.p99 / c.receipt.p99
			});
			const whole = { calm: summary(parts.calm, 'whole'), burst: summary(parts.burst, 'whole') };
			const lowerMedian = (/** @type {number[]} */ xs) => {
				const sorted = [...xs].sort((a, b) => a - b);
				return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
			};
			const during = { calm: summary(parts.calm, 'flood'), burst: summary(parts.burst, 'flood') };
			results.burst = {
				couples: connected.couples,
				rate: config.burstRate,
				limits: 'INTENTS_PER_SECOND and INTENT_BURST not set',
				measureMs: config.burstMeasureMs,
				floodAtMs: config.burstAtMs,
				warmUpFlood: {
					answers: warmUpFlood.answers,
					answeredMs: warmUpFlood.answeredMs === null ? null : Math.round(warmUpFlood.answeredMs)
				},
				rounds: config.burstRounds,
				loadAverage: { before: loadBefore, after: loadAverage() },
				whole: { ...whole, ratio: ratio(whole.burst, whole.calm) },
				duringFlood: { ...during, ratio: ratio(during.burst, during.calm) },
				floods: floods.map((f, i) => ({
					count: f.count,
					chunk: f.chunk,
					answered: f.answered,
					answers: f.answers,
					startMs: f.startMs,
					sentMs: Math.round(f.sentMs),
					answeredMs: f.answeredMs === null ? null : Math.round(f.answeredMs),
					droppedMs: f.droppedMs === null ? null : Math.round(f.droppedMs),
					lastAppliedMs: f.lastAppliedMs === null ? null : Math.round(f.lastAppliedMs),
					clientCpuMs: Math.round(f.clientCpuMs),
					/** The other couples' acknowledgements, for events scheduled while this flood lasted. */
					othersAck: pick([parts.burst[i]], 'flood', 'ack', () => spans[i]),
					serverLoopDelayMax: parts.burst[i].serverLoopDelay.max
				})),
				/** How long a flood lasted: until answered in full, or until its socket was dropped. */
				floodOverMsMedian: lowerMedian(floods.map((f) => f.answeredMs ?? f.droppedMs ?? Infinity)),
				/** The same flood with no other load: its answers, its time, the server CPU it cost. */
				floodAlone: {
					answers: alone.answers,
					sentMs: Math.round(alone.sentMs),
					answeredMs: alone.answeredMs === null ? null : Math.round(alone.answeredMs),
					droppedMs: alone.droppedMs === null ? null : Math.round(alone.droppedMs),
					answered: alone.answered,
					count: alone.count,
					serverCpuMs: Math.round(aloneCpuMs),
					serverCpuMicrosPerIntent: Math.round((aloneCpuMs * 1000) / Math.max(1, alone.answered)),
					clientCpuMs: Math.round(alone.clientCpuMs),
					serverLoopDelay: aloneLoopDelay
				},
				perSegment: ['calm', 'burst'].flatMap((kind) =>
					parts[/** @type {'calm' | 'burst'} */ (kind)].map((p, i) => ({
						kind,
						round: i + 1,
						received: p.received,
						offered: p.offered,
						ack: percentiles(merge([p.ack])),
						receipt: percentiles(merge([p.receipt])),
						serverCpuMs: p.serverCpuMs,
						serverLoopDelay: p.serverLoopDelay
					}))
				)
			};
			log(
				`burst: others' ack p50/p99 ${whole.burst.ack.p50}/${whole.burst.ack.p99} ms with bursts vs ` +
					`${whole.calm.ack.p50}/${whole.calm.ack.p99} ms calm; during the flood ` +
					`${during.burst.ack.p50}/${during.burst.ack.p99} ms vs ${during.calm.ack.p50}/${during.calm.ack.p99} ms`
			);
			await gen.call('close');
			await flooder.call('close');
			await Promise.all(gens.map(endLoadgen));
			gens.length = 0;
			await server.stop();
			servers.length = 0;
		}

		async function scale() {
			results.scale = {};
			for (const target of ['app', 'baseline']) {
				const server =
					target === 'app'
						? await startServer('app', { dbPath, appDir: config.appDir })
						: await startServer('baseline');
				servers.push(server);
				if (target === 'app') app = server;
				else baseline = server;
				const limit = openFileLimit(server.pid) ?? NOFILE;
				// Two sockets (two descriptors) a couple, beside what the server already holds.
				const spare = limit - (openFileCount(server.pid) ?? 64) - 16;
				const wanted = Math.min(config.scaleCouples, Math.floor(spare / 2));
				const memBefore = await server.memory();
				const per = Math.ceil(wanted / config.scaleProcesses);
				const started = performance.now();
				const chunks = [];
				for (let from = 0; from < wanted; from += per) {
					const g = startLoadgen();
					gens.push(g);
					chunks.push(
						g.call('connect-scale', {
							couplesFile,
							from,
							to: Math.min(wanted, from + per),
							url: server.url,
							target,
							concurrency: 64,
							deadlineMs: config.scaleDeadlineMs
						})
					);
				}
				const done = await Promise.all(chunks);
				const connectMs = performance.now() - started;
				const connectedCouples = done.reduce((s, d) => s + d.connected, 0);
				await sleep(500);
				const memAfter = await server.memory();
				const per1 = (/** @type {number} */ a, /** @type {number} */ b) =>
					connectedCouples ? Math.round((a - b) / connectedCouples) : null;
				results.scale[target] = {
					wanted,
					connected: connectedCouples,
					failed: done.reduce((s, d) => s + d.failed, 0),
					failures: done.flatMap((d) => d.reasons).slice(0, 5),
					connectSeconds: Math.round(connectMs / 100) / 10,
					openFileLimit: limit,
					before: memBefore,
					after: memAfter,
					/** Fewer than asked because two sockets a couple would pass the open-file limit. */
					limitedByOpenFiles: wanted < config.scaleCouples,
					rssPerCouple: per1(memAfter.rss, memBefore.rss),
					vmRssPerCouple: per1(memAfter.vmRss, memBefore.vmRss),
					heapPerCouple: per1(memAfter.heapUsed, memBefore.heapUsed)
				};
				log(
					`${target}: ${connectedCouples} couples connected in ${(connectMs / 1000).toFixed(1)} s; ` +
						`RSS ${(memAfter.rss / 2 ** 20).toFixed(0)} MiB ` +
						`(+${results.scale[target].rssPerCouple} B/couple, heap +${results.scale[target].heapPerCouple} B/couple)`
				);
				await Promise.all(gens.map(endLoadgen));
				gens.length = 0;
				await server.stop();
				servers.length = 0;
			}
		}

		async function postgres() {
			const loadBefore = loadAverage();
			// Two app processes, each with its query pool and the adapter's 4; this run's one client.
			const connectionsNeeded = 2 * (config.pgPoolSize + 4) + 1;
			const started = performance.now();
			// A server of one's own (a superuser URL: the run creates its database and drops it at
			// the end), or a throwaway cluster on loopback.
			const own = env.BENCH_POSTGRES_URL;
			const database = own ? `hearth_bench_${process.pid}_${Date.now()}` : 'hearth_bench';
			cluster = own ? { url: own, stop: () => dropDatabase(own, database) } : await startCluster();
			process.once('SIGINT', onSignal);
			process.once('SIGTERM', onSignal);
			const admin = new pg.Client({ connectionString: cluster.url });
			pgClients.push(admin);
			await admin.connect();
			const show = async (/** @type {string} */ name) =>
				String((await admin.query(`show ${name}`)).rows[0][name]);
			const settings = {
				version: await show('server_version'),
				fsync: await show('fsync'),
				synchronousCommit: await show('synchronous_commit'),
				fullPageWrites: await show('full_page_writes'),
				maxConnections: Number(await show('max_connections'))
			};
			if (connectionsNeeded > settings.maxConnections)
				throw new Error(
					`DATABASE_POOL_SIZE=${config.pgPoolSize}: two app processes need ${connectionsNeeded} ` +
						`connections, the cluster allows ${settings.maxConnections}`
				);
			const pgUrl = await newDatabase(cluster.url, database);
			const target = new URL(pgUrl);
			log(
				`postgres: PostgreSQL ${settings.version} on ${target.host} (fsync ${settings.fsync}, ` +
					`synchronous_commit ${settings.synchronousCommit}), ready in ${Math.round(performance.now() - started)} ms; ` +
					`${connectionsNeeded} of its ${settings.maxConnections} connections needed ` +
					`(two processes × (pool ${config.pgPoolSize} + adapter 4) + 1); load average ${loadBefore.join(', ')}`
			);

			// One SQLite database, migrated by the app and seeded, moved into PostgreSQL by the
			// project's own copy tool (as an operator would); the one-process app runs on that file.
			const sqlitePath = pgPartFiles.db;
			const migrate = await startServer('app', { dbPath: sqlitePath, appDir: config.appDir });
			await migrate.stop();
			const seedCount = Math.max(config.couples, config.pgScaleCouples);
			let t = performance.now();
			const couples = await seedCouples(sqlitePath, seedCount);
			writeFileSync(pgPartFiles.couples, JSON.stringify(couples));
			const seedMs = Math.round(performance.now() - t);
			t = performance.now();
			const copy = spawnSync(process.execPath, ['scripts/db-copy.mjs', sqlitePath, pgUrl], {
				cwd: config.appDir || ROOT,
				encoding: 'utf8'
			});
			const copyMs = Math.round(performance.now() - t);
			if (copy.status !== 0)
				throw new Error(`scripts/db-copy.mjs failed:\n${copy.stdout}${copy.stderr}`);
			const copied = copy.stdout.trim().split('\n').at(-1) ?? '';
			log(
				`postgres: seeded ${seedCount} couples into SQLite in ${seedMs} ms; ` +
					`scripts/db-copy.mjs took ${copyMs} ms: ${copied}`
			);

			const pgEnv = { DATABASE_POOL_SIZE: String(config.pgPoolSize) };
			const startPg = async () => {
				const list = [];
				for (let i = 0; i < 2; i++) {
					const server = await startServer('app', {
						dbPath: pgUrl,
						appDir: config.appDir,
						env: pgEnv
					});
					servers.push(server);
					list.push(server);
				}
				return list;
			};
			let [pg1, pg2] = await startPg();
			const lite = await startServer('app', { dbPath: sqlitePath, appDir: config.appDir });
			servers.push(lite);
			// The copy is real: a seeded person logs in, on the second process, through the real form.
			await checkLogin(pg2.url, couples[0].b.email);
			log(
				`postgres: two app processes on PostgreSQL, ${pg1.url} (pid ${pg1.pid}) and ${pg2.url} ` +
					`(pid ${pg2.pid}); one on SQLite, ${lite.url} (pid ${lite.pid})`
			);

			// ── realtime: two processes on PostgreSQL, alternating with one on SQLite ──────────
			const genPg = startLoadgen();
			const genLite = startLoadgen();
			gens.push(genPg, genLite);
			const talk = {
				couplesFile: pgPartFiles.couples,
				from: 0,
				to: config.couples,
				concurrency: 50
			};
			const onPg = await genPg.call('connect-talk', { ...talk, app: pg1.url, appB: pg2.url });
			const onLite = await genLite.call('connect-talk', { ...talk, app: lite.url });
			log(
				`postgres: ${onPg.couples} couples connected across the two processes (partner a on one, ` +
					`b on the other; ${Math.round(onPg.ms)} ms), ${onLite.couples} to the SQLite one ` +
					`(${Math.round(onLite.ms)} ms), talks started`
			);
			/** @type {Record<PgTarget, ReturnType<typeof startLoadgen>>} */
			const genOf = { pg: genPg, sqlite: genLite };
			/** @type {any[]} */
			const realtime = [];
			let seed = 5001;
			for (const rate of config.pgRates) {
				/** @type {Record<PgTarget, any[]>} */
				const parts = { pg: [], sqlite: [] };
				/** @type {any[]} */
				const alternations = [];
				for (let a = 0; a < config.alternations; a++) {
					// Rotating order: each runs first in turn.
					const order = PG_TARGETS.map((_, i) => PG_TARGETS[(i + a) % PG_TARGETS.length]);
					const alternation = /** @type {any} */ ({ order, loadAverage: loadAverage()[0] });
					for (const which of order) {
						const part = await genOf[which].call('segment', {
							target: 'app',
							rate,
							warmMs: config.warmMs,
							measureMs: config.measureMs,
							graceMs: config.graceMs,
							seed: seed++
						});
						parts[which].push(part);
						const receipt = percentiles(merge([part.receipt]));
						alternation[which] = {
							received: part.received,
							offered: part.offered,
							ackP50: percentiles(merge([part.ack])).p50,
							receiptP50: receipt.p50,
							receiptP99: receipt.p99
						};
						log(
							`postgres: ${String(rate).padStart(5)} ev/s ${which.padEnd(6)} received ${part.received}/${part.offered}, ` +
								`receipt p50 ${receipt.p50} p99 ${receipt.p99} ms, ack p50 ${alternation[which].ackP50} ms, ` +
								`load ${loadAverage()[0]}` +
								(Object.keys(part.errors).length ? ` errors ${JSON.stringify(part.errors)}` : '') +
								(part.lost ? ` lost ${part.lost}` : '') +
								(part.mismatched ? ` mismatched ${part.mismatched}` : '')
						);
					}
					const over = (/** @type {string} */ k) =>
						alternation.sqlite[k] ? alternation.pg[k] / alternation.sqlite[k] : NaN;
					alternation.ratio = {
						receiptP50: over('receiptP50'),
						receiptP99: over('receiptP99'),
						ackP50: over('ackP50')
					};
					alternations.push(alternation);
				}
				const row = /** @type {any} */ ({ rate });
				for (const which of PG_TARGETS) row[which] = pooled(parts[which]);
				row.alternations = alternations;
				/** Two-process PostgreSQL over one-process SQLite: medians of each alternation's ratio. */
				const each = (/** @type {string} */ k) => alternations.map((x) => x.ratio[k]);
				row.ratio = {
					receiptP50: median(each('receiptP50')),
					receiptP99: median(each('receiptP99')),
					ackP50: median(each('ackP50')),
					each: {
						receiptP50: each('receiptP50'),
						receiptP99: each('receiptP99'),
						ackP50: each('ackP50')
					}
				};
				realtime.push(row);
			}

			// ── persistence: closed loop, checked against the rows of each events table ────────
			const counter = new pg.Client({ connectionString: pgUrl });
			pgClients.push(counter);
			await counter.connect();
			const reader = new Database(sqlitePath, { readonly: true });
			/** @type {Record<PgTarget, () => Promise<number>>} */
			const rowsIn = {
				pg: async () => Number((await counter.query('select count(*) as n from events')).rows[0].n),
				sqlite: async () =>
					/** @type {{ n: number }} */ (reader.prepare('select count(*) as n from events').get()).n
			};
			/** @type {Record<string, any>} */
			const persistence = {};
			for (const which of PG_TARGETS) {
				const load = loadAverage()[0];
				const before = await rowsIn[which]();
				const closed = await genOf[which].call('closed-loop', {
					target: 'app',
					ms: config.persistMs
				});
				const rows = (await rowsIn[which]()) - before;
				persistence[which] = {
					couples: closed.pairs,
					windowMs: Math.round(closed.ms),
					eventsPerSecond: Math.round(closed.ackedInWindow / (closed.ms / 1000)),
					ackedTotal: closed.acked,
					rowsAdded: rows,
					everyAckPersisted: rows === closed.acked,
					errors: closed.errors,
					loadAverage: load
				};
				log(
					`postgres: closed loop ${which.padEnd(6)} ${persistence[which].eventsPerSecond} events/s ` +
						`acknowledged (${closed.acked} acked, ${rows} rows added), load ${load}`
				);
			}
			reader.close();
			await genPg.call('close');
			await genLite.call('close');
			await Promise.all(gens.map(endLoadgen));
			gens.length = 0;
			await Promise.all(servers.map((s) => s.stop()));
			servers.length = 0;

			// ── scale: couples connected across the two processes ───────────────────────────────
			[pg1, pg2] = await startPg();
			const both = [pg1, pg2];
			const limits = both.map((s) => openFileLimit(s.pid) ?? NOFILE);
			// One socket a couple on each process, beside what each already holds.
			const spare = both.map((s, i) => limits[i] - (openFileCount(s.pid) ?? 64) - 16);
			const wanted = Math.min(config.pgScaleCouples, ...spare);
			const memBefore = await Promise.all(both.map((s) => s.memory()));
			const fdsBefore = both.map((s) => openFileCount(s.pid) ?? 0);
			const scaleLoad = loadAverage()[0];
			const per = Math.ceil(wanted / config.scaleProcesses);
			const scaleStarted = performance.now();
			const chunks = [];
			for (let from = 0; from < wanted; from += per) {
				const g = startLoadgen();
				gens.push(g);
				chunks.push(
					g.call('connect-scale', {
						couplesFile: pgPartFiles.couples,
						from,
						to: Math.min(wanted, from + per),
						url: pg1.url,
						urlB: pg2.url,
						target: 'app',
						concurrency: 64,
						deadlineMs: config.pgScaleDeadlineMs
					})
				);
			}
			const done = await Promise.all(chunks);
			const connectMs = performance.now() - scaleStarted;
			await sleep(500);
			const memAfter = await Promise.all(both.map((s) => s.memory()));
			const fdsAfter = both.map((s) => openFileCount(s.pid) ?? 0);
			const connected = done.reduce((s, d) => s + d.connected, 0);
			const scale = {
				wanted,
				connected,
				failed: done.reduce((s, d) => s + d.failed, 0),
				failures: done.flatMap((d) => d.reasons).slice(0, 5),
				connectSeconds: Math.round(connectMs / 100) / 10,
				loadGenerators: chunks.length,
				/** Fewer than asked because one socket a couple would pass a process's open-file limit. */
				limitedByOpenFiles: wanted < config.pgScaleCouples,
				loadAverage: scaleLoad,
				processes: both.map((s, i) => ({
					partner: i === 0 ? 'a' : 'b',
					/** Sockets the load generators hold open on this process. */
					sockets: done.reduce((sum, d) => sum + d.sockets[i === 0 ? 'a' : 'b'], 0),
					/** The same seen from the server: file descriptors it opened meanwhile. */
					descriptorsOpened: fdsAfter[i] - fdsBefore[i],
					openFileLimit: limits[i],
					rssBefore: memBefore[i].rss,
					rssAfter: memAfter[i].rss,
					heapUsedAfter: memAfter[i].heapUsed
				}))
			};
			log(
				`postgres: ${connected} couples connected across the two processes in ${scale.connectSeconds} s ` +
					`(${scale.processes.map((p, i) => `process ${i + 1}: ${p.sockets} partner-${p.partner} sockets, ${p.descriptorsOpened} descriptors opened, RSS ${(p.rssAfter / 2 ** 20).toFixed(0)} MiB`).join('; ')})` +
					(scale.failed ? `; ${scale.failed} failed: ${scale.failures.join(' | ')}` : '')
			);
			await Promise.all(gens.map(endLoadgen));
			gens.length = 0;
			await Promise.all(servers.map((s) => s.stop()));
			servers.length = 0;
			await Promise.all(pgClients.splice(0).map((c) => c.end().catch(() => {})));
			await stopCluster();

			results.postgres = {
				cluster: {
					...settings,
					poolSize: config.pgPoolSize,
					connectionsNeeded,
					source: own ? null : 'scripts/postgres-cluster.mjs'
				},
				seed: { couples: seedCount, seedMs, copyMs, copied },
				couples: config.couples,
				realtime,
				persistence,
				scale,
				loadAverage: { before: loadBefore, after: loadAverage() }
			};
		}
	} finally {
		await Promise.all(gens.map(endLoadgen));
		await Promise.all(servers.map((s) => s.stop()));
		await Promise.all(pgClients.map((c) => c.end().catch(() => {})));
		await stopCluster();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		if (!env.BENCH_KEEP_DB)
			for (const path of [dbPath, durableDbPath])
				for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
		rmSync(couplesFile, { force: true });
		removePgPartFiles();
	}

	results.durationSeconds = Math.round((performance.now() - began) / 1000);
	carryOver(results);
	results.targets = targets(results);
	const markdown = toMarkdown(results);
	writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
	writeFileSync(join(RESULTS, 'latest.md'), markdown);
	if (config.readme) await updateReadme(markdown);
	console.log('\n' + markdown);
	log(`results in ${RESULTS}/latest.{json,md}`);
}

/** What each part leaves in the results. */
const PART_KEYS = {
	realtime: ['realtime', 'mix', 'profile', 'persistence', 'statements'],
	scale: ['scale'],
	burst: ['burst'],
	postgres: ['postgres']
};

/**
 * Notes which run each part's figures come from; a run of one part keeps the other parts' figures
 * from the previous latest.json (so the README's tables stay whole), named as carried over.
 * @param {any} results
 */
function carryOver(results) {
	const path = join(RESULTS, 'latest.json');
	const previous = config.only && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
	const here = {
		date: results.date,
		command: results.command,
		loadAverage: results.machine.loadAverage
	};
	results.sources = {};
	for (const [part, keys] of Object.entries(PART_KEYS)) {
		if (part === 'postgres' && results.postgresSkipped) continue;
		if (runs(part)) {
			results.sources[part] = here;
			continue;
		}
		if (!previous || !keys.some((k) => previous[k] !== undefined)) continue;
		for (const k of keys) if (previous[k] !== undefined) results[k] = previous[k];
		results.sources[part] = previous.sources?.[part] ?? {
			date: previous.date,
			command: previous.command,
			loadAverage: previous.machine?.loadAverage ?? null
		};
	}
}

/** The RSS per connected couple the app had before this round of work (issue 16's reference). */
const RSS_PER_COUPLE_BEFORE = 34.6 * 1024;

/**
 * The targets, each with the figure reached and whether it is met.
 * @param {any} r
 */
function targets(r) {
	const at = (/** @type {number} */ rate) =>
		r.realtime?.find((/** @type {any} */ x) => x.rate === rate);
	const x2 = (/** @type {number | null} */ n) => (n === null ? '–' : `${n.toFixed(2)}×`);
	const list = [];
	for (const rate of [1000, 3000]) {
		const row = at(rate);
		if (!row?.durable) continue;
		// Events not received by the grace deadline are recorded at it: then a p50 is a lower bound,
		// and a ratio of two lower bounds says nothing.
		const behind = [
			row.app.received < row.app.offered ? 'Hearth' : '',
			row.durable.received < row.durable.offered ? 'the durable relay' : ''
		].filter(Boolean);
		list.push({
			target: `partner-receipt p50 ≤ 1.25 × the durable relay at ${rate.toLocaleString('en')} events/s`,
			reached:
				`${x2(row.vsDurable.receiptP50)} (median of ${row.alternations.length}: ` +
				`${row.vsDurable.each.receiptP50.map((/** @type {number} */ x) => x.toFixed(2)).join(', ')}); ` +
				`pooled ${row.app.receipt.p50} ms vs ${row.durable.receipt.p50} ms` +
				(behind.length
					? `; ${behind.join(' and ')} did not deliver every event in time, so these are lower bounds`
					: ''),
			met:
				behind.length === 0 && row.vsDurable.receiptP50 !== null && row.vsDurable.receiptP50 <= 1.25
		});
	}
	const r3000 = at(3000);
	if (r3000)
		list.push({
			target: 'every event received at 3,000 events/s, partner-receipt p99 ≤ 25 ms',
			reached:
				`${r3000.app.received}/${r3000.app.offered} received, p99 ${r3000.app.receipt.p99} ms ` +
				`over all ${r3000.alternations?.length ?? ''} segments (each: ` +
				`${(r3000.alternations ?? []).map((/** @type {any} */ x) => x.app.receiptP99).join(', ')} ms)`,
			met: r3000.app.received === r3000.app.offered && r3000.app.receipt.p99 <= 25
		});
	const p = r.persistence;
	if (p)
		list.push({
			target:
				'closed loop ≥ 8,000 acknowledged events/s, synchronous = FULL, every acknowledged event a row',
			reached:
				`${p.eventsPerSecond.toLocaleString('en')} events/s; ${p.ackedTotal} acknowledged, ${p.rowsAdded} rows` +
				(p.durableRelay
					? ` (durable relay ${p.durableRelay.eventsPerSecond.toLocaleString('en')} events/s)`
					: ''),
			met: p.eventsPerSecond >= 8000 && p.everyAckPersisted === true
		});
	const top = r.realtime?.at(-1);
	if (top?.ratio?.cpuPerEvent !== undefined)
		list.push({
			target: `server CPU per event ≤ 2 × the bare relay's (at ${top.rate.toLocaleString('en')} events/s)`,
			reached:
				`${x2(top.ratio.cpuPerEvent)} (median of ${top.alternations.length}: ` +
				`${top.ratio.each.cpuPerEvent.map((/** @type {number} */ x) => x.toFixed(2)).join(', ')}); ` +
				`pooled ${top.app.cpuMicrosPerEvent} µs vs ${top.baseline.cpuMicrosPerEvent} µs` +
				(top.durable ? ` (durable relay ${top.durable.cpuMicrosPerEvent} µs)` : ''),
			met: top.ratio.cpuPerEvent !== null && top.ratio.cpuPerEvent <= 2
		});
	const sql = r.statements?.app;
	if (sql)
		list.push({
			target: "≤ 4 SQL statements per event on the benchmark's mix",
			reached:
				`${sql.perEvent?.toFixed(2) ?? '–'} (${sql.statements.toLocaleString('en')} statements, ` +
				`${sql.rows.toLocaleString('en')} events appended; by rate ` +
				sql.byRate
					.map((/** @type {any} */ x) => `${x.rate}: ${x.perEvent?.toFixed(2) ?? '–'}`)
					.join(', ') +
				(r.statements.durable
					? `; durable relay ${r.statements.durable.perEvent?.toFixed(2)}`
					: '') +
				')',
			met: sql.perEvent !== null && sql.perEvent <= 4
		});
	const pgScale = r.postgres?.scale;
	if (pgScale)
		list.push({
			target: '10,000 couples connected across two processes (PostgreSQL)',
			reached:
				`${pgScale.connected.toLocaleString('en')} couples in ${pgScale.connectSeconds} s (` +
				pgScale.processes
					.map(
						(/** @type {any} */ p, /** @type {number} */ i) =>
							`process ${i + 1}: ${p.sockets.toLocaleString('en')} partner-${p.partner} sockets`
					)
					.join(', ') +
				(pgScale.failed ? `; ${pgScale.failed.toLocaleString('en')} failed` : '') +
				(pgScale.limitedByOpenFiles ? '; limited by the open-file limit' : '') +
				')',
			met: pgScale.connected >= 10_000
		});
	const s = r.scale?.app;
	if (s)
		list.push({
			target: `RSS per connected couple ≥ 10% below ${(RSS_PER_COUPLE_BEFORE / 1024).toFixed(1)} KB (≤ ${((RSS_PER_COUPLE_BEFORE * 0.9) / 1024).toFixed(1)} KB)`,
			reached:
				`${(s.rssPerCouple / 1024).toFixed(1)} KB (${s.connected.toLocaleString('en')} couples; ` +
				`${Math.round((1 - s.rssPerCouple / RSS_PER_COUPLE_BEFORE) * 100)}% lower)`,
			met: s.rssPerCouple <= RSS_PER_COUPLE_BEFORE * 0.9
		});
	return list;
}

/** @param {any} r */
function toMarkdown(r) {
	const f = (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 2) : '–');
	const pct = (/** @type {number} */ x) => `${(x * 100).toFixed(x === 1 ? 0 : 1)}%`;
	const kb = (/** @type {number | null} */ b) => (b === null ? '–' : `${(b / 1024).toFixed(1)} KB`);
	const lines = [];
	const when = (/** @type {string} */ date) => `${date.slice(0, 16).replace('T', ' ')} UTC`;
	const load = (/** @type {number[] | null | undefined} */ l) =>
		l
			? `load average ${l.map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min)`
			: 'load average not recorded';
	lines.push(
		`Run ${when(r.date)} on ${r.machine.cpus} × ${r.machine.model}, ` +
			`${r.machine.memory}, Node ${r.machine.node}, ${load(r.machine.loadAverage)} at the start — ` +
			`\`${r.command}\` (${r.durationSeconds} s).`
	);
	// Parts carried over from earlier runs, grouped by the run they come from.
	const NAMES = {
		realtime: ['realtime', 'persistence', 'profile'],
		scale: ['connections'],
		burst: ['burst'],
		postgres: ['PostgreSQL']
	};
	/** @type {Map<string, { source: any, parts: string[] }>} */
	const carried = new Map();
	for (const [part, source] of Object.entries(r.sources ?? {})) {
		if (source.date === r.date) continue;
		const key = `${source.date} ${source.command}`;
		if (!carried.has(key)) carried.set(key, { source, parts: [] });
		carried.get(key)?.parts.push(...(NAMES[/** @type {keyof typeof NAMES} */ (part)] ?? [part]));
	}
	for (const { source, parts } of carried.values())
		lines.push(
			`The ${parts.slice(0, -1).join(', ')}${parts.length > 1 ? ' and ' : ''}${parts.at(-1)} figures are carried over from the run of ${when(source.date)} ` +
				`(\`${source.command}\`, ${load(source.loadAverage)}): this run measured only the ` +
				`${r.config.only} part.`
		);
	if (r.postgresSkipped) lines.push(`The PostgreSQL part did not run: ${r.postgresSkipped}`);
	lines.push('');
	if (r.realtime) {
		const mixTotal = Object.values(r.mix).reduce((s, v) => s + Number(v), 0) || 1;
		const rounds = r.config.alternations ?? 1;
		lines.push(
			`**Realtime** — ${r.config.couples} couples (${r.config.couples * 2} socket.io clients with session cookies), ` +
				`open loop, latencies in ms from each event's scheduled send, against Hearth, the bare relay ` +
				`(\`bench/baseline-server.mjs\`: nothing stored) and the durable relay (\`bench/durable-relay.mjs\`: ` +
				`each event appended to SQLite, WAL, \`synchronous = FULL\`, group commit, acknowledged and relayed after the commit). ` +
				`Each rate ran ${rounds} alternation${rounds === 1 ? '' : 's'} of the three in rotating order ` +
				`(${r.config.measureMs / 1000} s measured each); the rows give the segments pooled, the ratios are the ` +
				`median of the alternations' own ratios (each alternation's in parentheses), with the 1-minute load ` +
				`average at the alternations' starts. Mix: ` +
				Object.entries(r.mix)
					.sort((a, b) => Number(b[1]) - Number(a[1]))
					.map(([k, v]) => `${k.replace('talk:', '')} ${Math.round((Number(v) / mixTotal) * 100)}%`)
					.join(', ') +
				'.'
		);
		lines.push('');
		lines.push(
			'| offered ev/s | server | received/offered | ack p50 | ack p99 | ack p99.9 | receipt p50 | receipt p99 | receipt p99.9 | server CPU µs/event | SQL statements/event | load (1 min) |'
		);
		lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		const each = (/** @type {number[] | undefined} */ xs) =>
			xs && xs.length > 1 ? ` (${xs.map((x) => x.toFixed(2)).join(', ')})` : '';
		for (const row of r.realtime) {
			const load = row.loadAverage
				? row.loadAverage.min === row.loadAverage.max
					? row.loadAverage.min.toFixed(2)
					: `${row.loadAverage.min.toFixed(2)}–${row.loadAverage.max.toFixed(2)}`
				: '';
			for (const target of TARGETS) {
				const x = row[target];
				if (!x) continue;
				lines.push(
					`| ${row.rate.toLocaleString('en')} | ${SERVER_NAMES[target]} | ${x.received}/${x.offered} (${pct(x.receivedRatio)}) | ` +
						`${f(x.ack.p50)} | ${f(x.ack.p99)} | ${f(x.ack.p999)} | ${f(x.receipt.p50)} | ${f(x.receipt.p99)} | ${f(x.receipt.p999)} | ` +
						`${x.cpuMicrosPerEvent ?? '–'} | ${x.statementsPerEvent === undefined ? '' : f(x.statementsPerEvent)} | |`
				);
			}
			for (const [other, ratio] of /** @type {const} */ ([
				['baseline', row.ratio],
				['durable', row.vsDurable]
			])) {
				if (!ratio) continue;
				lines.push(
					`| | **Hearth / ${SERVER_NAMES[other]}** | | ${f(ratio.ackP50)}× | | | **${f(ratio.receiptP50)}×**${each(ratio.each?.receiptP50)} | ` +
						`${f(ratio.receiptP99)}× | | ${ratio.cpuPerEvent === undefined ? '' : `${f(ratio.cpuPerEvent)}×${each(ratio.each?.cpuPerEvent)}`} | | ${load} |`
				);
			}
		}
		lines.push('');
		const sql = r.statements;
		if (sql?.app)
			lines.push(
				`**SQL statements per event** — counted inside the servers (bench/probe.mjs wraps better-sqlite3's ` +
					'`Statement` run/get/all/iterate and `Database.exec`: every query, BEGIN and COMMIT included) over all the ' +
					`realtime segments, divided by the rows added to the events table: Hearth **${f(sql.app.perEvent)}** ` +
					`(${sql.app.statements.toLocaleString('en')} statements for ${sql.app.rows.toLocaleString('en')} events), ` +
					`the durable relay ${f(sql.durable?.perEvent)}. Hearth's, per event: ` +
					sql.app.top
						.filter((/** @type {any} */ x) => x.perEvent >= 0.01)
						.map((/** @type {any} */ x) => `\`${x.source.replaceAll('`', "'")}\` ${x.perEvent}`)
						.join(', ') +
					'.'
			);
		lines.push('');
	}
	if (r.scale) {
		lines.push(
			'**Connections** — couples connected at once (2 sockets each), memory after a forced GC inside the server ' +
				'(`process.memoryUsage()` through bench/probe.mjs, preloaded with `--import` so the server itself is unchanged; ' +
				'VmRSS read from /proc/<pid>/status as a cross-check), per couple = growth from the idle server / couples connected.'
		);
		lines.push('');
		lines.push(
			'| server | couples connected | time to connect | RSS per couple | VmRSS per couple | heap per couple | RSS total |'
		);
		lines.push('|---|---:|---:|---:|---:|---:|---:|');
		for (const target of ['app', 'baseline']) {
			const s = r.scale[target];
			if (!s) continue;
			lines.push(
				`| ${target === 'app' ? 'Hearth' : 'bare relay'} | ${s.connected.toLocaleString('en')}${s.failed ? ` (${s.failed} failed)` : ''} | ${s.connectSeconds} s | ` +
					`${kb(s.rssPerCouple)} | ${kb(s.vmRssPerCouple)} | ${kb(s.heapPerCouple)} | ${(s.after.rss / 2 ** 20).toFixed(0)} MiB |`
			);
		}
		lines.push('');
	}
	if (r.persistence) {
		const p = r.persistence;
		lines.push(
			`**Persistence** — closed loop, ${p.couples} couples all busy for ${(p.windowMs / 1000).toFixed(1)} s: ` +
				`**${p.eventsPerSecond.toLocaleString('en')} events/s** acknowledged after commit (SQLite ${p.synchronous}); ` +
				`${p.ackedTotal} acknowledged, ${p.rowsAdded} rows added (${p.everyAckPersisted ? 'every acknowledged event is a row' : 'MISMATCH'}). ` +
				`For scale: the bare relay (nothing stored) does ${p.baselineRelayEventsPerSecond.toLocaleString('en')} events/s` +
				(p.durableRelay
					? `, the durable relay ${p.durableRelay.eventsPerSecond.toLocaleString('en')} events/s ` +
						`(${p.durableRelay.ackedTotal} acknowledged, ${p.durableRelay.rowsAdded} rows)`
					: '') +
				`; this disk does ${p.diskCommitsPerSecond.toLocaleString('en')} one-row fsync'd commits/s` +
				(p.loadAverage
					? ` (load average ${p.loadAverage.map((/** @type {number} */ x) => x.toFixed(2)).join(', ')} after this part).`
					: '.')
		);
		lines.push('');
	}
	if (r.postgres) lines.push(...postgresMarkdown(r), '');
	if (r.targets.length) {
		lines.push('| target | reached | met |');
		lines.push('|---|---|:---:|');
		for (const t of r.targets)
			lines.push(`| ${t.target} | ${t.reached} | ${t.met ? 'yes' : '**no**'} |`);
		lines.push('');
	}
	if (r.profile) {
		const p = r.profile;
		lines.push(
			`Where the app's CPU goes at ${p.rate.toLocaleString('en')} events/s (sampling profile, ${(p.durationMs / 1000).toFixed(1)} s, ` +
				`busy ${p.busyPercentOfWall}% of wall time): ` +
				p.byPackage
					.slice(0, 6)
					.map((/** @type {any} */ x) => `${x.name} ${x.selfPercent}%`)
					.join(', ') +
				'. Heaviest app functions (inclusive): ' +
				p.appInclusiveTop
					.filter((/** @type {any} */ x) => !x.name.startsWith('('))
					.slice(0, 6)
					.map((/** @type {any} */ x) => `\`${x.name.split(' ')[0]}\` ${x.inclusivePercent}%`)
					.join(', ') +
				". Heaviest functions (self; better-sqlite3's native `run`, `get` and `all` are SQLite's own " +
				"work, a COMMIT's fsync included, `writev` is the sockets' writes): " +
				(p.selfTop ?? [])
					.slice(0, 8)
					.map((/** @type {any} */ x) => {
						const [name, where] = x.name === '(garbage collector)' ? ['GC'] : x.name.split(' ');
						const from = where ? ` (${packageOf(`/${where}`).replace(' (build/)', '')})` : '';
						return `\`${name}\`${from} ${x.selfPercent}%`;
					})
					.join(', ') +
				'.'
		);
		lines.push('');
	}
	if (r.burst) {
		const b = r.burst;
		const floods = b.floods;
		const flood0 = floods[0] ?? { count: 0, chunk: 0 };
		lines.push(
			`**Burst** — a fresh app server with its default per-socket limits (${b.limits}); ` +
				`${b.couples} couples talk open-loop at ${b.rate} events/s while one socket of another couple sends ` +
				`${flood0.count.toLocaleString('en')} \`talk:deeper\`/\`talk:lighter\` intents without waiting for answers ` +
				`(${flood0.chunk} at a time, 1 ms apart, from its own process), starting ${b.floodAtMs} ms into a ` +
				`${b.measureMs / 1000} s measured window. Calm and burst segments alternate, ${b.rounds} of each ` +
				`(after one unmeasured segment with a flood, to warm the server and the clients up); ratios are burst / calm of the same run. Latencies of the other ` +
				`couples in ms from each event's scheduled send; "while the flood lasts" keeps the events scheduled ` +
				`from the flood's first intent to its last answer (in calm segments: at the same offsets). The server's ` +
				`event-loop delay (\`monitorEventLoopDelay\` through bench/probe.mjs) is the worst segment's p99 and the max. ` +
				`Load average ${b.loadAverage.before.map((/** @type {number} */ x) => x.toFixed(2)).join(', ')} ` +
				`before this part, ${b.loadAverage.after.map((/** @type {number} */ x) => x.toFixed(2)).join(', ')} after.`
		);
		lines.push('');
		lines.push(
			'| other couples | events | received/offered | ack p50 | ack p99 | receipt p50 | receipt p99 | server CPU ms/segment | server loop delay p99 / max |'
		);
		lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const [label, w] of [
			['whole window', b.whole],
			['while the flood lasts', b.duringFlood]
		]) {
			for (const kind of ['calm', 'burst']) {
				const x = w[kind];
				lines.push(
					`| ${label}, ${kind} | ${x.ack.count} | ${x.offered === undefined ? '' : `${x.received}/${x.offered}`}` +
						`${Object.keys(x.errors).length ? ` (errors ${JSON.stringify(x.errors)})` : ''} | ` +
						`${f(x.ack.p50)} | ${f(x.ack.p99)} | ${f(x.receipt.p50)} | ${f(x.receipt.p99)} | ` +
						`${x.serverCpuMsPerSegment ?? ''} | ` +
						`${x.serverLoopDelay ? `${f(x.serverLoopDelay.p99)} / ${f(x.serverLoopDelay.max)} ms` : ''} |`
				);
			}
			lines.push(
				`| **burst / calm** | | | **${f(w.ratio.ackP50)}×** | **${f(w.ratio.ackP99)}×** | ${f(w.ratio.receiptP50)}× | ${f(w.ratio.receiptP99)}× | | |`
			);
		}
		lines.push('');
		lines.push(
			"| flood | answered rate_limited | passed the limiter | of which applied | sent in | over | flooding client's CPU | server loop delay max in the segment | others' ack p50 / p99 meanwhile (events) |"
		);
		lines.push('|---:|---:|---|---:|---:|---:|---:|---:|---:|');
		floods.forEach((/** @type {any} */ x, /** @type {number} */ i) => {
			const { ok = 0, rate_limited: limited = 0, ...other } = x.answers;
			const passed = Object.values(other).reduce((s, v) => s + Number(v), ok);
			const refused = Object.entries(other).map(([k, v]) => `${v} ${k}`);
			lines.push(
				`| ${i + 1} | ${limited.toLocaleString('en')} | ${passed}${refused.length ? ` (${refused.join(', ')})` : ''} | ` +
					`${ok} | ${x.sentMs} ms | ` +
					`${floodOver(x)} | ` +
					`${x.clientCpuMs} ms | ${f(x.serverLoopDelayMax)} ms | ${f(x.othersAck.p50)} / ${f(x.othersAck.p99)} ms (${x.othersAck.count}) |`
			);
		});
		lines.push('');
		const a = b.floodAlone;
		lines.push(
			`The same flood with nothing else running: ${(a.answers.rate_limited ?? 0).toLocaleString('en')} answered rate_limited, ` +
				`${floodOver(a)} (sent in ${a.sentMs} ms); it cost the server ` +
				`${a.serverCpuMs} ms of CPU (${a.serverCpuMicrosPerIntent} µs an intent it answered; its event loop's longest delay ` +
				`${f(a.serverLoopDelay.max)} ms) and the flooding client ${a.clientCpuMs} ms.`
		);
		lines.push('');
	}
	return lines.join('\n');
}

/** The PostgreSQL part: its setting, its table, its closed loop and its connections. @param {any} r */
function postgresMarkdown(r) {
	const x = r.postgres;
	const c = x.cluster;
	const f = (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 2) : '–');
	const pct = (/** @type {number} */ v) => `${(v * 100).toFixed(v === 1 ? 0 : 1)}%`;
	const each = (/** @type {number[]} */ xs) =>
		xs.length > 1
			? ` (${xs.map((v) => (Number.isFinite(v) ? v.toFixed(2) : '–')).join(', ')})`
			: '';
	const rounds = r.config.alternations ?? 1;
	const lines = [
		`**On PostgreSQL, two processes** — Hearth on ` +
			(c.source
				? `a throwaway PostgreSQL ${c.version} cluster on loopback (\`${c.source}\`: `
				: `a PostgreSQL ${c.version} server of one's own (\`BENCH_POSTGRES_URL\`: `) +
			`fsync ${c.fsync}, synchronous_commit ${c.synchronousCommit}, full_page_writes ${c.fullPageWrites}` +
			(c.fsync === 'off'
				? " — its commits do not wait for the disk, the SQLite app's do, so on the write path this favours PostgreSQL)"
				: ')') +
			', filled the way an operator would: a SQLite database ' +
			`of ${x.seed.couples.toLocaleString('en')} seeded couples moved in with \`npm run db:copy\` ` +
			`(${(x.seed.copyMs / 1000).toFixed(1)} s). Two app processes run on it (\`DATABASE_URL=postgres://…\`, ` +
			`a pool of ${c.poolSize} connections each plus 4 for Socket.io's PostgreSQL adapter), each ` +
			"couple's partner a on one and partner b on the other, so every event a partner receives crosses " +
			'from one process to the other through the adapter. They alternate in the same run with one app ' +
			'process on that same seeded SQLite file: ' +
			`${x.couples} couples open-loop, ${rounds} alternation${rounds === 1 ? '' : 's'} per rate in rotating order ` +
			`(${r.config.measureMs / 1000} s measured each); latencies in ms from each event's scheduled send, ` +
			"the rows pool the segments, the ratio is the median of the alternations' own ratios (each in " +
			"parentheses), beside the 1-minute load average at each alternation's start.",
		'',
		'| offered ev/s | server | received/offered | ack p50 | ack p99 | receipt p50 | receipt p99 | receipt p99.9 | load (1 min) |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|'
	];
	for (const row of x.realtime) {
		for (const which of PG_TARGETS) {
			const y = row[which];
			const trouble = [
				Object.keys(y.errors).length ? `errors ${JSON.stringify(y.errors)}` : '',
				y.lost ? `${y.lost} lost` : ''
			].filter(Boolean);
			lines.push(
				`| ${row.rate.toLocaleString('en')} | ${PG_NAMES[which]} | ${y.received}/${y.offered} (${pct(y.receivedRatio)})` +
					`${trouble.length ? ` (${trouble.join(', ')})` : ''} | ` +
					`${f(y.ack.p50)} | ${f(y.ack.p99)} | ${f(y.receipt.p50)} | ${f(y.receipt.p99)} | ${f(y.receipt.p999)} | |`
			);
		}
		const q = row.ratio;
		lines.push(
			`| | **two-process PostgreSQL / one-process SQLite** | | ${f(q.ackP50)}×${each(q.each.ackP50)} | | ` +
				`**${f(q.receiptP50)}×**${each(q.each.receiptP50)} | ${f(q.receiptP99)}×${each(q.each.receiptP99)} | | ` +
				`${row.alternations.map((/** @type {any} */ a) => a.loadAverage.toFixed(2)).join(', ')} |`
		);
	}
	lines.push('');
	// Events not received by the grace deadline are recorded at it: then the latencies are lower
	// bounds, and so is a ratio over a setup that did deliver everything.
	for (const row of x.realtime) {
		const behind = PG_TARGETS.filter((w) => row[w].received < row[w].offered);
		if (behind.length)
			lines.push(
				`At ${row.rate.toLocaleString('en')} events/s, ${behind.map((w) => PG_NAMES[w].replace('Hearth, ', 'the app on ')).join(' and ')} ` +
					`did not deliver every event by the grace deadline (${r.config.graceMs / 1000} s after the window): the events ` +
					'not received are recorded at it, so its latencies are lower bounds' +
					(behind.length === 1 ? ', and so are the ratios.' : ', and the ratios say little.'),
				''
			);
	}
	const p = x.persistence;
	const closed = (/** @type {any} */ y) =>
		`**${y.eventsPerSecond.toLocaleString('en')} events/s** (${y.ackedTotal.toLocaleString('en')} acknowledged, ` +
		`${y.rowsAdded.toLocaleString('en')} rows added: ${y.everyAckPersisted ? 'every acknowledged event is a row' : 'MISMATCH'}` +
		`${Object.keys(y.errors ?? {}).length ? `; errors ${JSON.stringify(y.errors)}` : ''}; load ${y.loadAverage.toFixed(2)})`;
	lines.push(
		`Closed loop, ${p.pg.couples} couples all busy for ${(p.pg.windowMs / 1000).toFixed(1)} s, events acknowledged ` +
			`after commit: two processes on PostgreSQL ${closed(p.pg)}, rows counted in PostgreSQL's events table; ` +
			`one process on SQLite ${closed(p.sqlite)}.`
	);
	lines.push('');
	const s = x.scale;
	lines.push(
		`Connections: **${s.connected.toLocaleString('en')} couples** connected at once across the two processes ` +
			`(of ${s.wanted.toLocaleString('en')} asked${s.limitedByOpenFiles ? ', fewer than BENCH_PG_SCALE_COUPLES because of the open-file limit' : ''}` +
			`${s.failed ? `; ${s.failed.toLocaleString('en')} failed: ${s.failures.join(' | ')}` : ''}) ` +
			`in ${s.connectSeconds} s, from ${s.loadGenerators} load-generator processes, partner a on one process ` +
			'and partner b on the other: ' +
			s.processes
				.map(
					(/** @type {any} */ y, /** @type {number} */ i) =>
						`process ${i + 1} holds ${y.sockets.toLocaleString('en')} partner-${y.partner} sockets ` +
						`(${y.descriptorsOpened.toLocaleString('en')} file descriptors opened, RSS ` +
						`${(y.rssBefore / 2 ** 20).toFixed(0)} → ${(y.rssAfter / 2 ** 20).toFixed(0)} MiB)`
				)
				.join(', ') +
			`. Load average ${x.loadAverage.before.map((/** @type {number} */ v) => v.toFixed(2)).join(', ')} ` +
			`before this part, ${x.loadAverage.after.map((/** @type {number} */ v) => v.toFixed(2)).join(', ')} after.`
	);
	return lines;
}

/**
 * Replaces the README's table between the bench markers, if they are there, and formats the file
 * with the project's Prettier settings (so `npm run lint` stays green).
 */
async function updateReadme(markdown) {
	const path = join(ROOT, 'README.md');
	const text = readFileSync(path, 'utf8');
	const start = '<!-- bench:start -->';
	const end = '<!-- bench:end -->';
	const i = text.indexOf(start);
	const j = text.indexOf(end);
	if (i < 0 || j < i) {
		log('README.md has no bench markers: left unchanged');
		return;
	}
	const next = text.slice(0, i + start.length) + '\n\n' + markdown + '\n' + text.slice(j);
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(path)) ?? {};
	writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
	log('README.md Performance section updated');
}

/** `node bench/run.mjs --render`: rewrites latest.md and the README from latest.json. */
async function render() {
	const results = JSON.parse(readFileSync(join(RESULTS, 'latest.json'), 'utf8'));
	results.targets = targets(results);
	const markdown = toMarkdown(results);
	writeFileSync(join(RESULTS, 'latest.md'), markdown);
	if (config.readme) await updateReadme(markdown);
	console.log(markdown);
}

(process.argv.includes('--render') ? render() : main()).catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
