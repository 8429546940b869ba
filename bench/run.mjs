/**
 * Hearth's benchmark (`npm run bench`, which builds first). Plain node, no flags needed.
 *
 * 1. Realtime: N couples (BENCH_COUPLES, default 500) of real socket.io clients with real session
 *    cookies drive a realistic talk (see bench/loadgen.mjs) open-loop at fixed offered rates
 *    (BENCH_RATES, default 200,1000,3000 events/s) against the built server on a fresh database,
 *    interleaved with the same load on a bare Socket.io relay (bench/baseline-server.mjs):
 *    app, baseline, baseline, app for each rate. Latencies go into HDR histograms.
 * 2. Scale: as many couples as the machine allows up to BENCH_SCALE_COUPLES (default 10,000)
 *    connect to a fresh app server, then to a fresh baseline; memory per couple after GC.
 * 3. Persistence: closed loop, every couple busy: events acknowledged after commit per second,
 *    checked against the rows in the database.
 * 4. Results: bench/results/latest.json and latest.md; README's Performance section (between
 *    the bench markers) gets the latest table.
 *
 * Each server, and the load generators, run in their own processes (own event loops), started
 * through a shell that raises the open-file limit (`ulimit -n`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import hdr from 'hdr-histogram-js';
import { summarise } from './lib/profile.mjs';
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

const env = process.env;
const config = {
	couples: Number(env.BENCH_COUPLES ?? 500),
	rates: (env.BENCH_RATES ?? '200,1000,3000').split(',').map(Number),
	warmMs: Number(env.BENCH_WARM_MS ?? 750),
	measureMs: Number(env.BENCH_SEGMENT_MS ?? 3500),
	graceMs: Number(env.BENCH_GRACE_MS ?? 1500),
	persistMs: Number(env.BENCH_PERSIST_MS ?? 5000),
	scaleCouples: Number(env.BENCH_SCALE_COUPLES ?? 10_000),
	scaleProcesses: Number(env.BENCH_SCALE_PROCESSES ?? 4),
	scaleDeadlineMs: Number(env.BENCH_SCALE_DEADLINE_MS ?? 40_000),
	profile: env.BENCH_PROFILE !== '0',
	/** `realtime` or `scale` to run one part only (while working on the bench). */
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
		kernel: release()
	};
}

const ms = (/** @type {number} */ micros) => Math.round(micros / 10) / 100;

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
	const info = machine();
	log(`machine: ${info.cpus} × ${info.model}, ${info.memory}, node ${info.node}`);
	const dbPath = join(TMP, `bench-${process.pid}-${Date.now()}.db`);
	const couplesFile = join(TMP, `couples-${process.pid}.json`);
	/** @type {Awaited<ReturnType<typeof startServer>>[]} */
	const servers = [];
	/** @type {ReturnType<typeof startLoadgen>[]} */
	const gens = [];
	const results = /** @type {any} */ ({
		date: new Date().toISOString(),
		command: 'npm run bench',
		machine: info,
		config
	});
	try {
		// A fresh database, migrated by the app itself, then seeded.
		const migrate = await startServer('app', { dbPath, appDir: config.appDir });
		await migrate.stop();
		const seedCount = Math.max(config.couples, config.scaleCouples);
		const seedStart = performance.now();
		const couples = await seedCouples(dbPath, seedCount);
		writeFileSync(couplesFile, JSON.stringify(couples));
		log(`seeded ${seedCount} couples in ${Math.round(performance.now() - seedStart)} ms`);

		let app = await startServer('app', { dbPath, appDir: config.appDir });
		let baseline = await startServer('baseline');
		servers.push(app, baseline);
		// The seeding is real: a seeded person logs in through the real form.
		const login = await fetch(`${app.url}/login`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: app.url,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ email: couples[0].a.email, password: SEED_PASSWORD }),
			redirect: 'manual'
		});
		const loginBody = await login.json().catch(() => ({}));
		if (loginBody.type !== 'redirect')
			throw new Error(`seeded login failed: ${JSON.stringify(loginBody)}`);
		log(`app on ${app.url} (pid ${app.pid}), baseline on ${baseline.url} (pid ${baseline.pid})`);

		if (config.only !== 'scale') await realtimeAndPersistence();
		await app.stop();
		await baseline.stop();
		servers.length = 0;

		// ── 2. scale ─────────────────────────────────────────────────────────────────────────
		if (config.only !== 'realtime') await scale();

		async function realtimeAndPersistence() {
			// ── 1. realtime ──────────────────────────────────────────────────────────────────────
			const gen = startLoadgen();
			gens.push(gen);
			const connected = await gen.call('connect-talk', {
				couplesFile,
				from: 0,
				to: config.couples,
				app: app.url,
				baseline: baseline.url,
				concurrency: 50
			});
			log(
				`${connected.couples} couples connected to both servers, talks started (${Math.round(connected.ms)} ms)`
			);

			/** @type {any[]} */
			const realtime = [];
			const mix = {};
			let seed = 1;
			for (const rate of config.rates) {
				/** @type {Record<string, any[]>} */
				const parts = { app: [], baseline: [] };
				/** @type {Record<string, number>} */
				const cpu = { app: 0, baseline: 0 };
				for (const target of ['app', 'baseline', 'baseline', 'app']) {
					const server = target === 'app' ? app : baseline;
					const before = await cpuMicros(server);
					const part = await gen.call('segment', {
						target,
						rate,
						warmMs: config.warmMs,
						measureMs: config.measureMs,
						graceMs: config.graceMs,
						seed: seed++
					});
					cpu[target] += (await cpuMicros(server)) - before;
					parts[target].push(part);
					if (target === 'app') addCounts(mix, part.mix);
					log(
						`${String(rate).padStart(5)} ev/s ${target.padEnd(8)} received ${part.received}/${part.offered}` +
							(Object.keys(part.errors).length ? ` errors ${JSON.stringify(part.errors)}` : '') +
							(part.lost ? ` lost ${part.lost}` : '')
					);
				}
				const row = /** @type {any} */ ({ rate });
				for (const target of ['app', 'baseline']) {
					const list = parts[target];
					const offered = list.reduce((s, p) => s + p.offered, 0);
					const received = list.reduce((s, p) => s + p.received, 0);
					const sent = list.reduce((s, p) => s + p.sent, 0);
					row[target] = {
						offered,
						received,
						receivedRatio: offered ? received / offered : 1,
						ack: percentiles(merge(list.map((p) => p.ack))),
						receipt: percentiles(merge(list.map((p) => p.receipt))),
						service: percentiles(merge(list.map((p) => p.service))),
						errors: list.reduce((s, p) => addCounts(s, p.errors), {}),
						mismatched: list.reduce((s, p) => s + p.mismatched, 0),
						lost: list.reduce((s, p) => s + p.lost, 0),
						cpuMicrosPerEvent: sent ? Math.round(cpu[target] / sent) : null,
						serverCpuPercent: Math.round(
							(cpu[target] / 1000 / (list.length * (config.warmMs + config.measureMs))) * 100
						)
					};
				}
				row.ratio = {
					receiptP50: row.app.receipt.p50 / row.baseline.receipt.p50,
					receiptP99: row.app.receipt.p99 / row.baseline.receipt.p99,
					ackP50: row.app.ack.p50 / row.baseline.ack.p50
				};
				realtime.push(row);
			}
			results.realtime = realtime;
			results.mix = mix;

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
			const reader = new Database(dbPath, { readonly: true });
			const countEvents = () =>
				/** @type {{ n: number }} */ (reader.prepare('select count(*) as n from events').get()).n;
			const before = countEvents();
			const closed = await gen.call('closed-loop', { target: 'app', ms: config.persistMs });
			const after = countEvents();
			reader.close();
			const closedBase = await gen.call('closed-loop', { target: 'baseline', ms: 3000 });
			results.persistence = {
				couples: closed.pairs,
				windowMs: Math.round(closed.ms),
				eventsPerSecond: Math.round(closed.ackedInWindow / (closed.ms / 1000)),
				ackedTotal: closed.acked,
				rowsAdded: after - before,
				everyAckPersisted: after - before === closed.acked,
				errors: closed.errors,
				baselineRelayEventsPerSecond: Math.round(closedBase.ackedInWindow / (closedBase.ms / 1000)),
				diskCommitsPerSecond: diskCommitsPerSecond(join(TMP, `disk-${process.pid}.db`)),
				synchronous: 'FULL (WAL)'
			};
			log(
				`persistence: ${results.persistence.eventsPerSecond} events/s acknowledged after commit ` +
					`(${closed.acked} acked, ${after - before} rows added)`
			);
			await gen.call('close');
			await endLoadgen(gen);
			gens.length = 0;
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
	} finally {
		await Promise.all(gens.map(endLoadgen));
		await Promise.all(servers.map((s) => s.stop()));
		if (!env.BENCH_KEEP_DB)
			for (const s of ['', '-wal', '-shm']) rmSync(dbPath + s, { force: true });
		rmSync(couplesFile, { force: true });
	}

	results.targets = targets(results);
	results.durationSeconds = Math.round((performance.now() - began) / 1000);
	const markdown = toMarkdown(results);
	writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
	writeFileSync(join(RESULTS, 'latest.md'), markdown);
	if (config.readme) await updateReadme(markdown);
	console.log('\n' + markdown);
	log(`results in ${RESULTS}/latest.{json,md}`);
}

/** @param {any} r */
function targets(r) {
	const at = (/** @type {number} */ rate) =>
		r.realtime?.find((/** @type {any} */ x) => x.rate === rate);
	const list = [];
	const r1000 = at(1000);
	if (r1000)
		list.push({
			target: 'partner-receipt p50 ≤ 1.5 × bare relay at 1,000 events/s',
			reached: `${r1000.app.receipt.p50} ms vs ${r1000.baseline.receipt.p50} ms (${r1000.ratio.receiptP50.toFixed(2)}×)`,
			met: r1000.ratio.receiptP50 <= 1.5
		});
	const r3000 = at(3000);
	if (r3000)
		list.push({
			target: 'every offered event received at 3,000 events/s, p99 ≤ 50 ms',
			reached: `${r3000.app.received}/${r3000.app.offered} received, receipt p99 ${r3000.app.receipt.p99} ms`,
			met: r3000.app.received === r3000.app.offered && r3000.app.receipt.p99 <= 50
		});
	const s = r.scale?.app;
	if (s)
		list.push({
			target: '10,000 connected couples on one process at ≤ 60 KB RSS per couple',
			reached:
				`${s.connected.toLocaleString('en')} couples, ${(s.rssPerCouple / 1024).toFixed(1)} KB RSS per couple` +
				(s.limitedByOpenFiles
					? ` (the most this machine allows: open-file hard limit ${s.openFileLimit.toLocaleString('en')}, 2 sockets a couple)`
					: ''),
			met: s.connected >= 10_000 && s.rssPerCouple <= 60 * 1024
		});
	return list;
}

/** @param {any} r */
function toMarkdown(r) {
	const f = (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 2) : '–');
	const pct = (/** @type {number} */ x) => `${(x * 100).toFixed(x === 1 ? 0 : 1)}%`;
	const kb = (/** @type {number | null} */ b) => (b === null ? '–' : `${(b / 1024).toFixed(1)} KB`);
	const lines = [];
	lines.push(
		`Run ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} × ${r.machine.model}, ` +
			`${r.machine.memory}, Node ${r.machine.node} — \`${r.command}\` (${r.durationSeconds} s).`
	);
	lines.push('');
	if (r.realtime) {
		const mixTotal = Object.values(r.mix).reduce((s, v) => s + Number(v), 0) || 1;
		lines.push(
			`**Realtime** — ${r.config.couples} couples (${r.config.couples * 2} socket.io clients with session cookies), ` +
				`open loop, latencies in ms from each event's scheduled send; each rate ran app, relay, relay, app ` +
				`(${r.config.measureMs / 1000} s measured each). Mix: ` +
				Object.entries(r.mix)
					.sort((a, b) => Number(b[1]) - Number(a[1]))
					.map(([k, v]) => `${k.replace('talk:', '')} ${Math.round((Number(v) / mixTotal) * 100)}%`)
					.join(', ') +
				'.'
		);
		lines.push('');
		lines.push(
			'| offered ev/s | server | received/offered | ack p50 | ack p99 | ack p99.9 | receipt p50 | receipt p99 | receipt p99.9 | server CPU µs/event |'
		);
		lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const row of r.realtime) {
			for (const target of ['app', 'baseline']) {
				const x = row[target];
				lines.push(
					`| ${row.rate.toLocaleString('en')} | ${target === 'app' ? 'Hearth' : 'bare relay'} | ${x.received}/${x.offered} (${pct(x.receivedRatio)}) | ` +
						`${f(x.ack.p50)} | ${f(x.ack.p99)} | ${f(x.ack.p999)} | ${f(x.receipt.p50)} | ${f(x.receipt.p99)} | ${f(x.receipt.p999)} | ${x.cpuMicrosPerEvent ?? '–'} |`
				);
			}
			lines.push(
				`| | **Hearth / relay** | | ${f(row.ratio.ackP50)}× | | | **${f(row.ratio.receiptP50)}×** | ${f(row.ratio.receiptP99)}× | | |`
			);
		}
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
				`For scale: the bare relay (nothing stored) does ${p.baselineRelayEventsPerSecond.toLocaleString('en')} events/s; ` +
				`this disk does ${p.diskCommitsPerSecond.toLocaleString('en')} one-row fsync'd commits/s.`
		);
		lines.push('');
	}
	lines.push('| target | reached | met |');
	lines.push('|---|---|:---:|');
	for (const t of r.targets)
		lines.push(`| ${t.target} | ${t.reached} | ${t.met ? 'yes' : '**no**'} |`);
	lines.push('');
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
				'.'
		);
		lines.push('');
	}
	return lines.join('\n');
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
	const markdown = toMarkdown(results);
	writeFileSync(join(RESULTS, 'latest.md'), markdown);
	if (config.readme) await updateReadme(markdown);
	console.log(markdown);
}

(process.argv.includes('--render') ? render() : main()).catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
