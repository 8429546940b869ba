/**
 * `npm run bench:web` (after `npm run build`): what each page costs a phone on first load.
 *
 * 1. First-load JavaScript per page, gzip, from the build output: SvelteKit's start and app
 *    entries plus the root layout's and the page's own chunks — exactly the modules a first visit
 *    preloads (`imports` of each node in .svelte-kit/output/server). Signed-in pages also fetch
 *    socket.io-client right after hydration (a dynamic import); that is shown on its own.
 * 2. Lighthouse (mobile, the default profile) per page, when the `lighthouse` package is installed
 *    and a Chromium is found (CHROME_PATH, else /usr/bin/chromium): against the built server on a
 *    fresh database, with two partners, a sent card, a planned talk and a live talk, signed-in
 *    pages with the session cookie. Skip it with BENCH_WEB_LIGHTHOUSE=0.
 *
 * Not a timed test: it prints a table (and writes bench/results/web.md) for the README.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const SERVER_OUT = join(ROOT, '.svelte-kit/output/server');
const CLIENT_OUT = join(ROOT, '.svelte-kit/output/client');
const TARGET_KB = 60;

if (!existsSync(join(SERVER_OUT, 'manifest-full.js'))) {
	console.error('No build output: run `npm run build` first.');
	process.exit(1);
}

const { manifest } = await import(join(SERVER_OUT, 'manifest-full.js'));
const gz = new Map();
const gzipSize = (file) => {
	if (!gz.has(file))
		gz.set(file, gzipSync(readFileSync(join(CLIENT_OUT, file)), { level: 9 }).length);
	return gz.get(file);
};
const node = (index) => {
	const text = readFileSync(join(SERVER_OUT, 'nodes', `${index}.js`), 'utf8');
	const imports = JSON.parse(/export const imports = (\[.*?\]);/.exec(text)?.[1] ?? '[]');
	const csr = !/csr["']?\s*:\s*false/.test(text);
	return { imports, csr };
};
const viteManifest = JSON.parse(readFileSync(join(CLIENT_OUT, '.vite/manifest.json'), 'utf8'));
const closure = (key, seen = new Set()) => {
	const entry = viteManifest[key];
	if (!entry || seen.has(entry.file)) return seen;
	seen.add(entry.file);
	for (const imported of entry.imports ?? []) closure(imported, seen);
	return seen;
};
const socketKey = Object.keys(viteManifest).find((k) => k.includes('socket.io-client'));

const SIGNED_OUT = new Set(['/', '/login', '/signup', '/join', '/join/[token]', '/offline']);
const rows = [];
for (const route of manifest._.routes) {
	if (!route.page || route.id === '/logout') continue;
	const nodes = [...route.page.layouts, route.page.leaf].filter((n) => n !== undefined).map(node);
	const leaf = nodes.at(-1);
	// A prerendered page without a script (the offline page: csr = false) loads no JavaScript.
	const prerendered = join(ROOT, 'build/prerendered', `${route.id}.html`);
	if (existsSync(prerendered) && !readFileSync(prerendered, 'utf8').includes('<script'))
		leaf.csr = false;
	const files = new Set();
	if (leaf.csr) {
		for (const file of manifest._.client.imports) files.add(file);
		for (const n of nodes) for (const file of n.imports) files.add(file);
	}
	const firstLoad = [...files].reduce((sum, file) => sum + gzipSize(file), 0);
	let socket = 0;
	if (leaf.csr && socketKey && route.id !== '/' && !SIGNED_OUT.has(route.id)) {
		for (const file of closure(socketKey)) if (!files.has(file)) socket += gzipSize(file);
	}
	rows.push({ id: route.id, firstLoad, socket, csr: leaf.csr });
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const lighthouse = await runLighthouse(rows.map((r) => r.id)).catch((error) => {
	console.error(`Lighthouse did not run: ${error.message}`);
	return null;
});

const header = [
	'page',
	'first-load JS (KB gzip)',
	'then socket.io (signed in)',
	`≤ ${TARGET_KB} KB`
];
if (lighthouse) header.push('performance', 'accessibility', 'best practices', 'SEO');
const lines = [
	`| ${header.join(' | ')} |`,
	`| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`
];
for (const row of rows) {
	const cells = [
		`\`${row.id}\``,
		row.csr ? kb(row.firstLoad) : '0 (no script)',
		row.socket ? `+${kb(row.socket)}` : '—',
		row.firstLoad <= TARGET_KB * 1024 ? 'yes' : '**no**'
	];
	if (lighthouse) {
		const scores = lighthouse.get(row.id);
		cells.push(...(scores ?? ['—', '—', '—', '—']));
	}
	lines.push(`| ${cells.join(' | ')} |`);
}
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const report = [
	`Run ${when} UTC, Node ${process.version} — \`npm run bench:web\`.`,
	'',
	...lines,
	'',
	lighthouse
		? 'Lighthouse 12, mobile profile (simulated slow 4G, 4× CPU slowdown), headless Chromium; scores 0–100.'
		: 'Lighthouse was not run (not installed, no Chromium, or BENCH_WEB_LIGHTHOUSE=0).'
].join('\n');
console.log(report);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/web.md'), report + '\n');

/** Scores per route id, or null when Lighthouse cannot run here. */
async function runLighthouse(routeIds) {
	if (process.env.BENCH_WEB_LIGHTHOUSE === '0') return null;
	const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chrome)) throw new Error(`no Chromium at ${chrome}`);
	const { default: lighthouse } = await import('lighthouse').catch(() => {
		throw new Error('the lighthouse package is not installed');
	});
	const chromeLauncher = await import('chrome-launcher');

	const dbPath = join(ROOT, 'tests/.tmp', `bench-web-${process.pid}.db`);
	mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });
	const server = await startServer(dbPath);
	const chromeProcess = await chromeLauncher.launch({
		chromePath: chrome,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu']
	});
	try {
		const paths = await seed(server.url);
		const scores = new Map();
		for (const id of routeIds) {
			const target = paths[id];
			if (!target) continue;
			const result = await lighthouse(
				server.url + target.path,
				{
					port: chromeProcess.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
					extraHeaders: target.cookie ? { cookie: target.cookie } : undefined,
					// Each page on its own, as a first visit.
					disableStorageReset: false
				},
				undefined
			);
			const c = result.lhr.categories;
			scores.set(
				id,
				['performance', 'accessibility', 'best-practices', 'seo'].map((k) =>
					c[k]?.score == null ? '—' : String(Math.round(c[k].score * 100))
				)
			);
			console.error(`lighthouse ${id}: ${scores.get(id).join(' / ')}`);
		}
		return scores;
	} finally {
		await chromeProcess.kill();
		server.process.kill('SIGTERM');
		for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
	}
}

function startServer(dbPath) {
	const child = spawn(process.execPath, ['build/start.js'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_URL: dbPath,
			SIGNUP_LIMIT_PER_HOUR: '1000',
			LOGIN_LIMIT_PER_HOUR: '1000'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((done, fail) => {
		let log = '';
		child.stdout.on('data', (chunk) => {
			log += chunk;
			const match = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
			if (match) done({ url: `http://127.0.0.1:${match[1]}`, process: child });
		});
		child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
	});
}

/** Two partners with a card, a plan and a talk; returns a path (and cookie) for each route id. */
async function seed(base) {
	const post = async (path, fields, cookie = '') => {
		const response = await fetch(base + path, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: base,
				...(cookie ? { cookie } : {})
			},
			body: new URLSearchParams(fields),
			redirect: 'manual'
		});
		const set = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
		return { response, cookie: set ? set.split(';')[0] : cookie };
	};
	const signup = async (name) =>
		(
			await post('/signup', {
				name,
				email: `${name.toLowerCase()}-${Date.now()}@example.com`,
				password: 'a calm password',
				timeZone: 'Europe/London'
			})
		).cookie;
	const alex = await signup('Alex');
	const sam = await signup('Sam');
	const page = async (path, cookie) => (await fetch(base + path, { headers: { cookie } })).text();

	await post('/?/invite', {}, alex);
	const token = /\/join\/([\w-]+)/.exec(await page('/', alex))?.[1];
	if (token) await post(`/join/${token}`, {}, sam);

	const sent = await post(
		'/cards/send',
		{ text: 'What made you feel most at home this month, and why?', clientId: crypto.randomUUID() },
		alex
	);
	const cardPath = sent.response.headers.get('location') ?? '';
	const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
	const planned = await post(
		'/schedule/new',
		{ date: day, day, time: '20:00', duration: '30', repeat: 'none' },
		alex
	);
	const planPath = planned.response.headers.get('location') ?? '';
	const started = await post('/talk?/start', {}, alex);
	const talkPath = started.response.headers.get('location') ?? '';
	const home = await page('/history', alex);
	const historyPath = /href="(\/history\/[\w-]+)"/.exec(home)?.[1];
	const deckPath = /href="(\/deck\/(?!new)[\w:-]+)"/.exec(await page('/deck', alex))?.[1];

	const paths = {
		'/': { path: '/' },
		'/login': { path: '/login' },
		'/signup': { path: '/signup' },
		'/join': { path: '/join' },
		'/offline': { path: '/offline' }
	};
	const signedIn = {
		'/cards': '/cards',
		'/cards/send': '/cards/send',
		'/cards/[id]': cardPath.startsWith('/cards/') ? cardPath.split('?')[0] : '',
		'/deck': '/deck',
		'/deck/new': '/deck/new',
		'/deck/[cardId]': deckPath ?? '',
		'/history': '/history',
		'/history/[id]': historyPath ?? '',
		'/schedule': '/schedule',
		'/schedule/new': '/schedule/new',
		'/schedule/[id]': planPath.startsWith('/schedule/') ? planPath.split('?')[0] : '',
		'/settings': '/settings',
		'/settings/delete': '/settings/delete',
		'/settings/leave': '/settings/leave',
		'/talk': '/talk',
		'/talk/[id]': talkPath.startsWith('/talk/') ? talkPath : ''
	};
	for (const [id, path] of Object.entries(signedIn)) if (path) paths[id] = { path, cookie: alex };
	return paths;
}
