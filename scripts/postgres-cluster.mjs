// A throwaway PostgreSQL cluster on loopback, for the tests and the benchmark: made in a temporary
// folder with Debian's (or any) PostgreSQL binaries, on a free port, fsync off unless asked (nothing
// in it needs to survive a crash), and removed when stopped. PostgreSQL refuses to run as root, so under root
// it runs as the `postgres` system user that Debian's package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder with initdb and pg_ctl: on PATH, or the newest under /usr/lib/postgresql. */
export function postgresBin() {
	const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
	if (onPath) return onPath.replace(/\/pg_ctl$/, '');
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length)
		throw new Error(
			'PostgreSQL is needed to test Hearth on both databases: install it (Debian: apt-get install postgresql), or set TEST_POSTGRES_URL to a server you own.'
		);
	return join(root, versions[0], 'bin');
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/**
 * Starts a cluster; resolves with its superuser URL and a stop function. `durable`: keep
 * PostgreSQL's own defaults (fsync, synchronous commits), for a test that crashes the server and
 * counts what survived; otherwise a commit does not wait for the disk.
 * @returns {Promise<{ url: string, restart: () => void, stop: () => void }>}
 */
export async function startCluster({ durable = false } = {}) {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'hearth-pg-'));
	const asRoot = userInfo().uid === 0;
	if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), -1);
	/** @param {string} command @param {string[]} args */
	const run = (command, args) => {
		const [file, argv] = asRoot
			? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
			: [join(bin, command), args];
		execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
	};
	const data = join(dir, 'data');
	run('initdb', [
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		'postgres',
		'--no-sync',
		'-E',
		'UTF8',
		'--no-locale'
	]);
	const port = await freePort();
	const options = [
		'-c listen_addresses=127.0.0.1',
		`-p ${port}`,
		`-k ${dir}`,
		...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
		'-c max_connections=400'
	].join(' ');
	run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		/** Stops the server at once (as a crash would) and starts it again on the same data. */
		restart() {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
		},
		stop() {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

/**
 * Creates an empty database on a server (a cluster of these, or one's own, through a superuser
 * URL) and resolves with its URL.
 * @param {string} serverUrl @param {string} name
 */
export async function newDatabase(serverUrl, name) {
	await asSuperuser(serverUrl, (client) => client.query(`create database "${name}"`));
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * Drops a database made with `newDatabase`, with whatever still uses it.
 * @param {string} serverUrl @param {string} name
 */
export async function dropDatabase(serverUrl, name) {
	await asSuperuser(serverUrl, (client) =>
		client.query(`drop database if exists "${name}" with (force)`)
	);
}

/** @param {string} url @param {(client: pg.Client) => Promise<unknown>} work */
async function asSuperuser(url, work) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await work(client);
	} finally {
		await client.end();
	}
}
