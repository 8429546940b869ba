import { afterAll, describe, expect, it } from 'vitest';
import { newDatabase, startCluster } from '../../scripts/postgres-cluster.mjs';
import { couple } from '../helpers/couple';
import { startServer, type RunningServer } from '../helpers/server';
import { startTalk, TalkClient, until } from '../helpers/talk';

/**
 * PostgreSQL restarts under a running Hearth (a crash, an upgrade, a failover): the server stays
 * up, says what happened in its log, and serves again once the database is back — nothing to
 * restart by hand, and nothing it acknowledged lost. A cluster of its own, so no other test sees
 * the restart.
 */
// Durable, as production runs: a crash of PostgreSQL keeps every commit it acknowledged.
const cluster = await startCluster({ durable: true });
let server: RunningServer | undefined;

afterAll(async () => {
	await server?.stop();
	cluster.stop();
});

describe('the database restarting under a running server', () => {
	it('the server stays up and serves again; the talk goes on', { timeout: 60_000 }, async () => {
		server = await startServer({ dbPath: await newDatabase(cluster.url, 'hearth') });
		const { a, b } = await couple(server.url);
		const id = await startTalk(server.url, a.cookie);
		const alex = new TalkClient(server.url, a.cookie, id);
		const sam = new TalkClient(server.url, b.cookie, id);
		await Promise.all([alex.connect(), sam.connect()]);
		expect((await alex.send('talk:draw')).ok).toBe(true);

		cluster.restart();

		// Still up: the connections it held were lost, and new ones are made as needed.
		expect(server.process.exitCode).toBeNull();
		let page = 0;
		for (let tries = 0; tries < 50 && page !== 200; tries++) {
			page = (await a.get('/talk')).status;
			if (page !== 200) await new Promise((r) => setTimeout(r, 100));
		}
		expect(page).toBe(200);
		expect((await sam.send('talk:deeper')).ok).toBe(true);
		// The draw acknowledged before the crash is still there: the new event comes after it.
		await until(() => alex.state.lastSeq === sam.state.lastSeq && alex.state.lastSeq === 3);
		expect(alex.state).toEqual(sam.state);
		expect(server.output()).toContain('[database] a connection was lost');
		expect(server.process.exitCode).toBeNull();
		alex.close();
		sam.close();
	});
});
