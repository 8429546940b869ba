import { afterAll, describe, expect, it } from 'vitest';
import { couple } from '../helpers/couple';
import { inspect, integrityOf } from '../helpers/database';
import { removeDb, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { startTalk, TalkClient, until } from '../helpers/talk';

let server: RunningServer | undefined;
const dbPath = tempDbPath('crash');

afterAll(async () => {
	await server?.stop();
	await removeDb(dbPath);
});

describe('the server killed mid-talk', () => {
	it('SIGKILL and restart on the same database: both catch up, no acknowledged event is lost', async () => {
		server = await startServer({ dbPath });
		const port = server.port;
		const { a, b } = await couple(server.url);
		const id = await startTalk(server.url, a.cookie);
		const alex = new TalkClient(server.url, a.cookie, id);
		const sam = new TalkClient(server.url, b.cookie, id);
		await Promise.all([alex.connect(), sam.connect()]);

		const acknowledged: number[] = [];
		const ack = (answer: Awaited<ReturnType<TalkClient['send']>>) => {
			if (answer.ok) acknowledged.push(answer.data.event.seq);
			return answer;
		};
		ack(await alex.send('talk:draw'));
		const speaker =
			alex.state.rounds[0]!.turns[0]!.speakerId ===
			alex.state.participants.find((p) => p.name === a.name)!.id
				? alex
				: sam;
		const listener = speaker === alex ? sam : alex;
		ack(await speaker.send('talk:answer', { text: 'Before the crash', aloud: false }));
		ack(
			await listener.send('talk:reflect', {
				text: 'You said: before the crash',
				feelings: ['calm']
			})
		);

		await server.kill(); // no goodbye: the process dies between two writes
		alex.close();
		sam.close();

		server = await startServer({ dbPath, port });
		await Promise.all([alex.connect(), sam.connect()]);
		ack(await speaker.send('talk:confirm'));
		await until(() => alex.state.lastSeq === sam.state.lastSeq && alex.state.lastSeq === 5);

		expect(alex.state).toEqual(sam.state);
		expect(alex.state.rounds[0]!.turns[0]!.reflections[0]!.verdict).toBe('confirmed');
		const db = await inspect(dbPath);
		const stored = await db.all<{ seq: number }>(
			'select seq from events where conversation_id = ? order by seq',
			id
		);
		const integrity = await integrityOf(db);
		await db.close();
		expect(stored.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
		for (const seq of acknowledged) expect(stored.map((r) => Number(r.seq))).toContain(seq);
		expect(integrity).toBe('ok');
		alex.close();
		sam.close();
	});
});
