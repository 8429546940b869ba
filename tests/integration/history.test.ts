import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, PASSWORD, type Person } from '../helpers/couple';
import { inspect } from '../helpers/database';
import { HttpClient } from '../helpers/http';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { startTalk, TalkClient } from '../helpers/talk';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

let n = 0;
const cid = () => `hist${Date.now()}${n++}xyz`;

/** A short talk: one card answered and reflected back, then ended. */
async function talk(a: Person, b: Person, answer: string) {
	const id = await startTalk(server.url, a.cookie);
	const alex = new TalkClient(server.url, a.cookie, id);
	const sam = new TalkClient(server.url, b.cookie, id);
	await Promise.all([alex.connect(), sam.connect()]);
	await alex.send('talk:draw');
	await alex.send('talk:answer', { text: answer, aloud: false });
	await sam.send('talk:reflect', { text: `You said ${answer}`, feelings: ['glad'] });
	await alex.send('talk:confirm');
	await sam.send('talk:end');
	alex.close();
	sam.close();
	return id;
}

async function sendCard(from: Person, fields: Record<string, string>) {
	const result = await from.action('/cards/send', {
		clientId: cid(),
		revealTogether: 'on',
		category: 'day-to-day',
		depth: 'light',
		...fields
	});
	return /\/cards\/([0-9a-f-]{36})/.exec(result.body.location ?? '')![1]!;
}

const rows = async (sql: string, ...params: unknown[]) => {
	const db = await inspect(server.dbPath);
	try {
		return await db.all<Record<string, unknown>>(sql, ...params);
	} finally {
		await db.close();
	}
};

describe('history', () => {
	it('a talk appears in the timeline and replays as a transcript', async () => {
		const { a, b } = await couple(server.url);
		const id = await talk(a, b, 'the lighthouse walk');
		const timeline = await (await a.get('/history')).text();
		expect(timeline).toContain(`/history/${id}`);
		const replay = await (await b.get(`/history/${id}`)).text();
		expect(replay).toContain('the lighthouse walk');
		expect(replay).toContain('You said the lighthouse walk');
		expect(replay).toContain('Yes, that');
		expect(replay).toContain('You ended the talk');
	});

	it('search finds the couple’s own words and never another couple’s', async () => {
		const one = await couple(server.url);
		const two = await couple(server.url);
		const mine = await talk(one.a, one.b, 'quinceblossom tea');
		await talk(two.a, two.b, 'quinceblossom tea as well');
		const found = await (await one.b.get('/history?q=quincebloss')).text();
		expect(found).toContain(`/history/${mine}#e`);
		// the answer and the reflection that said it back
		expect((found.match(/data-testid="search-hit"/g) ?? []).length).toBe(2);
		expect(found).not.toContain('as well');
	});

	it('search never matches an answer the reveal still hides', async () => {
		const { a, b } = await couple(server.url);
		const id = await sendCard(a, {
			text: 'What are you looking forward to?',
			firstAnswer: 'zanzibarholiday'
		});
		expect(await (await b.get('/history?q=zanzibarholiday')).text()).toContain('Nothing found');
		expect(await (await a.get('/history?q=zanzibarholiday')).text()).toContain(`/history/${id}#e1`);
		await b.action(`/cards/${id}?/answer`, { clientId: cid(), text: 'the garden' });
		expect(await (await b.get('/history?q=zanzibarholiday')).text()).toContain(`/history/${id}#e1`);
	});

	it('moments are shared; private notes are not', async () => {
		const { a, b } = await couple(server.url);
		const id = await talk(a, b, 'the old kitchen');
		expect((await a.action(`/history/${id}?/moment`, { seq: '3' })).data).toEqual({ marked: true });
		expect(await (await b.get(`/history/${id}`)).text()).toContain('A moment that mattered');
		await a.action(`/history/${id}?/note`, { note: 'PRIVATE-NOTE-OF-A' });
		expect(await (await a.get(`/history/${id}`)).text()).toContain('PRIVATE-NOTE-OF-A');
		expect(await (await b.get(`/history/${id}`)).text()).not.toContain('PRIVATE-NOTE-OF-A');
		expect(await (await b.get('/settings/export.json')).text()).not.toContain('PRIVATE-NOTE-OF-A');
		const timeline = await (await b.get('/history?moments=1')).text();
		expect(timeline).toContain(`/history/${id}`);
	});

	it('only the person who set a card aside can bring it back', async () => {
		const { a, b } = await couple(server.url);
		const id = await sendCard(a, { text: 'What scares you about next year?' });
		await b.action(`/cards/${id}?/notReady`, { clientId: cid() });
		const [aside] = await rows('select id from set_asides where conversation_id = ?', id);
		const byPartner = await a.action('/history?/bringBack', { setAsideId: String(aside!.id) });
		expect(byPartner.status).toBe(404);
		expect(await (await b.get('/history')).text()).toContain('What scares you about next year?');
		expect(await (await a.get('/history')).text()).not.toContain('data-testid="set-aside-card"');
		expect((await b.action('/history?/bringBack', { setAsideId: String(aside!.id) })).data).toEqual(
			{ broughtBack: true }
		);
	});

	it('export holds everything visible and nothing else', async () => {
		const { a, b } = await couple(server.url);
		const other = await couple(server.url);
		await talk(other.a, other.b, 'OTHER-COUPLE-WORDS');
		const revealed = await sendCard(a, { text: 'What made you proud?', firstAnswer: 'A-REVEALED' });
		await b.action(`/cards/${revealed}?/answer`, { clientId: cid(), text: 'B-REVEALED' });
		await sendCard(b, { text: 'What do you miss?', firstAnswer: 'B-HIDDEN' });
		const json = await (await a.get('/settings/export.json')).text();
		expect(json).toContain('A-REVEALED');
		expect(json).toContain('B-REVEALED');
		expect(json).not.toContain('B-HIDDEN');
		expect(json).not.toContain('OTHER-COUPLE-WORDS');
		expect(JSON.parse(json).account.email).toBe(a.email);
		const md = await (await a.get('/settings/export.md')).text();
		expect(md).toContain('B-REVEALED');
		expect(md).not.toContain('B-HIDDEN');
	});
});

describe('deleting an account', () => {
	it('removes the rows, the words and the name; the partner keeps a read-only history', async () => {
		const { a, b } = await couple(server.url);
		const talkId = await talk(a, b, 'ALEX-WORDS-TO-FORGET');
		await a.action(`/history/${talkId}?/note`, { note: 'ALEX-PRIVATE' });
		const userId = String((await rows('select id from users where email = ?', a.email))[0]!.id);

		const wrong = await a.action('/settings/delete', { password: 'nope nope', confirm: 'on' });
		expect(wrong.status).toBe(400);
		const unconfirmed = await a.action('/settings/delete', { password: PASSWORD });
		expect(unconfirmed.status).toBe(400);
		const done = await a.action('/settings/delete', { password: PASSWORD, confirm: 'on' });
		expect(done.body).toMatchObject({ type: 'redirect', location: '/?deleted=1' });

		expect(await rows('select * from users where id = ?', userId)).toHaveLength(0);
		expect(await rows('select * from sessions where user_id = ?', userId)).toHaveLength(0);
		expect(await rows('select * from private_notes where user_id = ?', userId)).toHaveLength(0);
		expect(await rows('select * from push_subscriptions where user_id = ?', userId)).toHaveLength(
			0
		);
		// Alex's own words are gone; Sam's reflection is Sam's words, and Sam keeps them.
		const own = await rows(
			'select payload from events where conversation_id = ? and actor_id = ?',
			talkId,
			userId
		);
		expect(own.length).toBeGreaterThan(0);
		expect(own.map((r) => String(r.payload)).join()).not.toContain('ALEX-WORDS-TO-FORGET');
		const started = String(
			(await rows('select payload from events where conversation_id = ? and seq = 1', talkId))[0]!
				.payload
		);
		expect(started).toContain('Former partner');
		expect(started).not.toContain(a.name);
		expect(await rows('select * from search_index where actor_id = ?', userId)).toHaveLength(0);

		const replay = await (await b.get(`/history/${talkId}`)).text();
		expect(replay).toContain('Former partner answered');
		expect(replay).not.toContain('<blockquote>ALEX-WORDS-TO-FORGET');
		expect(replay).not.toContain(a.name);
		expect(await (await b.get('/')).text()).toContain('has ended');
		expect((await new HttpClient(server.url).login(a.email, PASSWORD)).status).toBe(400);
	});

	it('leaves no word of theirs in the partner’s plans, cards, exports, search or calendar feed', async () => {
		const { a, b } = await couple(server.url);
		const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
		const plan = async (who: Person, intention: string) => {
			const made = await who.action('/schedule/new', {
				date: nextWeek,
				time: '20:00',
				duration: '30',
				intention,
				repeat: 'none'
			});
			return /\/schedule\/([0-9a-f-]{36})/.exec(made.body.location!)![1]!;
		};
		const alexPlan = await plan(a, 'ALEX-PLAN-WORDS');
		const samPlan = await plan(b, 'SAM-PLAN-WORDS');
		await a.action(`/schedule/${samPlan}?/decline`, { note: 'ALEX-DECLINE-NOTE' });
		const cardId = await sendCard(a, { text: 'ALEX-CUSTOM-QUESTION about us?' });
		await b.action(`/cards/${cardId}?/answer`, { clientId: cid(), text: 'SAM-KEEPS-THIS' });
		const feed = new URL(
			((await b.action('/schedule?/feed', {})).data as { feedUrl: string }).feedUrl
		).pathname;

		await a.action('/settings/delete', { password: PASSWORD, confirm: 'on' });

		const seen = [
			await (await b.get('/schedule')).text(),
			await (await b.get(`/schedule/${alexPlan}`)).text(),
			await (await b.get(`/schedule/${samPlan}`)).text(),
			await (await b.get(`/history/${cardId}`)).text(),
			await (await b.get('/history?q=ALEX')).text(),
			await (await b.get('/settings/export.json')).text(),
			await (await b.get('/settings/export.md')).text(),
			await (await fetch(`${server.url}${feed}`)).text()
		].join('\n');
		for (const words of ['ALEX-PLAN-WORDS', 'ALEX-DECLINE-NOTE', 'ALEX-CUSTOM-QUESTION'])
			expect(seen).not.toContain(words);
		expect(seen).toContain('A card Former partner wrote');
		expect(seen).toContain('SAM-KEEPS-THIS');
		expect(
			await rows('select intention, response_note from schedules where id = ?', samPlan)
		).toEqual([{ intention: 'SAM-PLAN-WORDS', response_note: null }]);
	});

	it('a couple with nobody left is removed entirely', async () => {
		const { a, b } = await couple(server.url);
		const talkId = await talk(a, b, 'gone with both');
		const coupleId = String(
			(await rows('select couple_id from conversations where id = ?', talkId))[0]!.couple_id
		);
		await a.action('/settings/delete', { password: PASSWORD, confirm: 'on' });
		expect(await rows('select * from couples where id = ?', coupleId)).toHaveLength(1);
		await b.action('/settings/delete', { password: PASSWORD, confirm: 'on' });
		expect(await rows('select * from couples where id = ?', coupleId)).toHaveLength(0);
		expect(await rows('select * from conversations where couple_id = ?', coupleId)).toHaveLength(0);
		expect(await rows('select * from events where conversation_id = ?', talkId)).toHaveLength(0);
		expect(await rows('select * from search_index where couple_id = ?', coupleId)).toHaveLength(0);
	});
});
