/**
 * The access matrix for the deck: a third person, in a couple of their own, tries every deck route
 * against another couple's custom card. Every attempt is not found, answered exactly like an id
 * that does not exist, and nothing of that couple's card is in the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple, person, type Person } from '../helpers/couple';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let a: Person;
let b: Person;
let eve: Person;
let loner: Person;
let uuid: string;
const secretWord = `quokka${Math.random().toString(36).slice(2, 8)}`;
const text = `What does the ${secretWord} lantern mean to you`;

beforeAll(async () => {
	server = await startServer();
	({ a, b } = await couple(server.url, ['Alexandra', 'Samwise']));
	eve = (await couple(server.url, ['Eve', 'Mallory'])).a;
	loner = await person(server.url, 'Lonely');
	const made = await a.action('/deck/new', { text, category: 'play', depth: 'light' });
	expect(made.body.type).toBe('redirect');
	uuid = /^\/deck\/custom:([0-9a-f-]{36})\?written=1$/.exec(made.body.location ?? '')?.[1] ?? '';
	expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
});

afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

/** `echoed`: what the caller sent themselves (an id in the URL) may come back; nothing else. */
function expectNothingOf(answer: string, echoed: string[] = []) {
	for (const secret of [text, secretWord, uuid, a.name, b.name, a.email, b.email])
		if (!echoed.includes(secret)) expect(answer).not.toContain(secret);
}

/** The result count line of /deck, as read on the page. */
function countOf(page: string): string {
	const html = /data-testid="deck-count"[^>]*>([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '';
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The card is still there, unchanged, for its couple. */
async function expectCardIntact() {
	const page = await (await b.get(`/deck/custom:${uuid}`)).text();
	expect(page).toContain(text);
	expect(page).toContain(`Written by ${a.name}`);
}

describe('access matrix: the deck', () => {
	it('the couple itself can open, find and edit its card (the control)', async () => {
		const own = await a.get(`/deck/custom/${uuid}`);
		expect(own.status).toBe(200);
		expect(await own.text()).toContain(text);
		const found = await (await b.get(`/deck?q=${secretWord}`)).text();
		expect(found).toContain(text);
		expect(countOf(found)).toMatch(/^1 card\b/);
		await expectCardIntact();
	});

	it('opening the card or its edit page is not found, like a card that does not exist', async () => {
		const missing = crypto.randomUUID();
		for (const who of [eve, loner]) {
			for (const [real, fake] of [
				[`/deck/custom/${uuid}`, `/deck/custom/${missing}`],
				[`/deck/custom:${uuid}`, `/deck/custom:${missing}`]
			] as const) {
				const response = await who.get(real);
				const body = await response.text();
				expect(response.status, `${who.name} ${real}`).toBe(404);
				expectNothingOf(body, [uuid]);
				const nonexistent = await who.get(fake);
				expect(nonexistent.status).toBe(404);
				// Only the per-response CSP nonce may differ.
				const unnonced = (html: string) => html.replace(/nonce="[^"]*"/g, '');
				expect(unnonced(body.replaceAll(uuid, missing))).toBe(unnonced(await nonexistent.text()));
			}
		}
	});

	it('editing or deleting it is not found and changes nothing', async () => {
		for (const who of [eve, loner]) {
			const save = await who.action(`/deck/custom/${uuid}?/save`, {
				text: 'What is mine now, and why?',
				category: 'play',
				depth: 'light'
			});
			expect(save.status).toBe(404);
			expectNothingOf(JSON.stringify(save));
			// No validation message either: the card is looked up before the form.
			const invalid = await who.action(`/deck/custom/${uuid}?/save`, { text: '' });
			expect(invalid.status).toBe(404);
			const remove = await who.action(`/deck/custom/${uuid}?/delete`, {});
			expect(remove.status).toBe(404);
			expectNothingOf(JSON.stringify(remove));
		}
		await expectCardIntact();
	});

	it('searching for its words finds nothing', async () => {
		for (const who of [eve, loner]) {
			const response = await who.get(`/deck?q=${encodeURIComponent(secretWord)}`);
			expect(response.status).toBe(200);
			const page = await response.text();
			expect(countOf(page)).toMatch(/^No cards match/);
			// The search box shows back what they typed, and nothing else of the card.
			expect(page).not.toContain(text);
			expect(page).not.toContain(uuid);
			const browse = await (await who.get('/deck?category=play&depth=light')).text();
			expectNothingOf(browse);
		}
	});

	it('using or sending it elsewhere shows nothing of it', async () => {
		for (const who of [eve, loner]) {
			for (const path of [
				`/talk?card=${encodeURIComponent(`custom:${uuid}`)}`,
				`/cards/send?card=${encodeURIComponent(`custom:${uuid}`)}`
			]) {
				const response = await who.get(path);
				expect(response.status, path).toBeLessThan(500);
				expectNothingOf(await response.text(), [uuid]);
			}
		}
	});

	it('a signed-out visitor is sent to log in', async () => {
		for (const path of ['/deck', `/deck/custom:${uuid}`, `/deck/custom/${uuid}`, '/deck/new']) {
			const response = await fetch(server.url + path, { redirect: 'manual' });
			expect(response.status, path).toBe(303);
			expect(response.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
		}
	});
});
