import { spawn, type ChildProcess } from 'node:child_process';
import { createDatabase, databaseName, dropDatabase } from './database';

/**
 * A real built Hearth server (node build/start.js) on a random port with its own database: a
 * SQLite file, or under the postgres project a PostgreSQL database (`dbPath` is then its URL).
 */
export interface RunningServer {
	url: string;
	port: number;
	dbPath: string;
	process: ChildProcess;
	output: () => string;
	/** SIGTERM and wait for a clean exit; resolves with the exit code. */
	stop(): Promise<number | null>;
	/** SIGKILL: the process dies mid-whatever, as in a crash. */
	kill(): Promise<void>;
}

/** A new database name for a server (created when the server starts). */
export const tempDbPath = databaseName;

export const removeDb = dropDatabase;

export async function startServer(
	options: {
		dbPath?: string;
		port?: number;
		env?: Record<string, string>;
		/** A local push service's origin the server may send to (test-only; both settings needed). */
		pushTestOrigin?: string;
	} = {}
): Promise<RunningServer> {
	const dbPath = options.dbPath ?? tempDbPath('server');
	await createDatabase(dbPath);
	const child = spawn(process.execPath, ['build/start.js'], {
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			HOST: '127.0.0.1',
			DATABASE_URL: dbPath,
			SIGNUP_LIMIT_PER_HOUR: '10000',
			LOGIN_LIMIT_PER_HOUR: '10000',
			...(options.pushTestOrigin
				? { PUSH_TEST_ENDPOINT_ORIGIN: options.pushTestOrigin, HEARTH_ALLOW_TEST_PUSH: '1' }
				: {}),
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	const port = await new Promise<number>((done, fail) => {
		const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 20_000);
		const onData = (chunk: Buffer) => {
			log += chunk.toString();
			const match = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
			if (match) {
				clearTimeout(timer);
				done(Number(match[1]));
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`server exited with ${code}:\n${log}`));
		});
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dbPath,
		process: child,
		output: () => log,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
			child.kill('SIGTERM');
			return exited;
		},
		async kill() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGKILL');
			await exited;
		}
	};
}
