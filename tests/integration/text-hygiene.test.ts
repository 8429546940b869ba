/**
 * Control characters against the real built server: stripped from what people send through forms
 * before it is stored, and kept out of calendar files and the feed even when old rows hold them.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, type Person } from '../helpers/couple';
import { inspect, onPostgres } from '../helpers/database';
import { HttpClient } from '../helpers/http';
import { rfc5545Problems } from '../helpers/ics';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let a: Person;
let b: Person;

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url));
}, 60_000);

afterAll(async () => {
	await server?.stop();
	if (server) await removeDb(server.dbPath);
});

const db = () => inspect(server.dbPath);
const nextWeek = () =>
	DateTime.now().setZone('Europe/London').plus({ days: 7 }).toFormat('yyyy-MM-dd');
const idFrom = (location: string | undefined) =>
	/\/schedule\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

describe('what forms store', () => {
	it('a plan intention, a space name and a card lose their control characters', async () => {
		const planned = await a.action('/schedule/new', {
			date: nextWeek(),
			time: '20:00',
			duration: '30',
			intention: 'the\u0000 move\u0007, \u001b[2Jand\r\nus',
			repeat: 'none'
		});
		expect(planned.body.type).toBe('redirect');
		const renamed = await a.action('/settings?/spaceName', { name: '\u0007Our\u0085 place\u0000' });
		expect(renamed.body.type).toBe('success');
		const written = await a.action('/deck/new', {
			text: 'What\u0000 made you\r\nsmile\u007f today?',
			category: 'play',
			depth: 'light'
		});
		expect(written.body.type).toBe('redirect');

		const read = await db();
		const intention = (
			await read.get<{ intention: string }>(
				'SELECT intention FROM schedules WHERE id = ?',
				idFrom(planned.body.location)
			)
		)?.intention;
		const coupleName = (
			await read.get<{ name: string }>(
				'SELECT c.name FROM couples c JOIN couple_members m ON m.couple_id = c.id WHERE m.user_id = (SELECT id FROM users WHERE email = ?)',
				a.email
			)
		)?.name;
		const cards = (await read.all<{ text: string }>('SELECT text FROM custom_cards')).map(
			(r) => r.text
		);
		await read.close();
		expect(intention).toBe('the move, [2Jand us');
		expect(coupleName).toBe('Our place');
		expect(cards).toContain('What made you\nsmile today?');
	});

	it('a name made only of control characters is an empty name, refused with the usual message', async () => {
		const signup = await new HttpClient(server.url).action('/signup', {
			name: '\u0000\u0007\u001b',
			email: 'controls@example.com',
			password: 'a calm password'
		});
		expect(signup.status).toBe(400);
		expect(JSON.stringify(signup.data)).toContain('Please tell us your name.');
	});
});

describe('calendar files from rows that hold control characters', () => {
	it('the .ics and the feed stay valid and read back without them', async () => {
		const planned = await b.action('/schedule/new', {
			date: nextWeek(),
			time: '19:30',
			duration: '45',
			intention: 'placeholder',
			repeat: 'weekly'
		});
		const id = idFrom(planned.body.location);
		expect(id).not.toBe('');
		// Old data, from before the forms stripped them: written straight into the database (a NUL
		// only on SQLite: PostgreSQL text cannot hold one at all).
		const nul = onPostgres() ? '' : '\u0000';
		const intention = `NUL${nul} BEL\u0007 ESC\u001b DEL\u007f C1\u0085 CR\r; commas, back\\slash 🔥 ${'long '.repeat(40)}`;
		const write = await db();
		await write.run('UPDATE schedules SET intention = ? WHERE id = ?', intention, id);
		await write.run('UPDATE users SET name = ? WHERE email = ?', `Sam${nul}\u0007 🌧️`, b.email);
		await write.close();

		const expectedSummary = 'Talk with Sam 🌧️';
		const expectedIntention = `NUL BEL ESC DEL C1 CR\n; commas, back\\slash 🔥 ${'long '.repeat(40)}`;

		const file = await a.get(`/schedule/${id}/calendar.ics`);
		expect(file.status).toBe(200);
		const ics = await file.text();
		expect(rfc5545Problems(ics)).toEqual([]);
		const event = new ICAL.Event(
			new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!
		);
		expect(event.summary).toBe(expectedSummary);
		expect(event.description).toContain(`What we'd like to talk about: ${expectedIntention}`);

		const made = await a.action('/schedule?/feed', {});
		expect(made.body.type).toBe('success');
		const feedUrl = (made.data as { feedUrl: string }).feedUrl;
		const feed = await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, server.url));
		expect(feed.status).toBe(200);
		const feedText = await feed.text();
		expect(rfc5545Problems(feedText)).toEqual([]);
		const events = new ICAL.Component(ICAL.parse(feedText))
			.getAllSubcomponents('vevent')
			.map((v) => new ICAL.Event(v));
		const ours = events.find((e) => e.description.includes(expectedIntention));
		expect(ours?.summary).toBe(expectedSummary);
	});
});
