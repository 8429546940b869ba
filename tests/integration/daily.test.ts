/**
 * A question for today between two real clients.
 * - In process, with a real Socket.io server on a random port, a real SQLite file and a clock the
 *   test sets (`deliverDueQuestions(now)`, as the planned-talk reminders): it starts only when both
 *   opted in; it reaches each partner at their own hour (New York and London), the same question;
 *   answers reveal together and reflect back; "not today" leaves no trace for the partner; a new
 *   day's question quietly replaces an unanswered one; pausing stops delivery.
 * - Against the built server: the settings form, both pages, and a push that holds no words.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import ece from 'http_ece';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyState } from '$lib/conversation/daily/reducer';
import { getDb } from '$lib/server/db';
import { conversations, dailyDeliveries } from '$lib/server/db/schema';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { visibleEvents, visibleState } from '$lib/server/conversations/visibility';
import { deliverDueQuestions } from '$lib/server/daily/deliver';
import { saveDailyChoice } from '$lib/server/daily/settings';
import { readDaily, sayNotToday, todayFor } from '$lib/server/daily/today';
import { exportData } from '$lib/server/history/account';
import { readConversation, searchHistory, timelineOf } from '$lib/server/history/history';
import { couple } from '../helpers/couple';
import { pair } from '../helpers/domain';
import { realtimeInProcess } from '../helpers/in-process';
import { removeDb, startServer, type RunningServer } from '../helpers/server';
import { connectSocket, connected, nextEvent } from '../helpers/socket';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const HOUR = 60 * 60 * 1000;
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('on a clock the test sets (in process)', () => {
	const realtime = realtimeInProcess();

	async function pairWithSockets() {
		const { a: alex, b: sam, coupleId } = await pair(['Alex', 'Sam'], [NY, LONDON]);
		const alexHeard = (await realtime.listen(alex.id)).heard;
		const samHeard = (await realtime.listen(sam.id)).heard;
		return { alex, sam, coupleId, alexHeard, samHeard };
	}

	const everyDay = (hour: number, depth: 'light' | 'personal' | 'vulnerable' = 'light') => ({
		enabled: true,
		hour,
		days: '1234567',
		depth
	});
	const conversationRow = async (id: string) =>
		(await getDb().select().from(conversations).where(eq(conversations.id, id)).limit(1))[0]!;
	const mine = async (coupleId: string, now: number) =>
		(await deliverDueQuestions(now)).filter((d) => d.coupleId === coupleId);

	it('starts only when both opted in, then reaches each at their own hour with the same question', async () => {
		const { alex, sam, coupleId, alexHeard, samHeard } = await pairWithSockets();
		// Far from the real clock: only the test's clock makes these due.
		const londonEight = at('2031-03-04T08:00', LONDON);
		const nyEight = at('2031-03-04T08:00', NY);

		await saveDailyChoice(sam.id, everyDay(8, 'vulnerable'));
		expect(await mine(coupleId, nyEight + HOUR)).toEqual([]); // Alex has not turned it on
		await saveDailyChoice(alex.id, everyDay(8, 'light'));

		expect(await mine(coupleId, londonEight - 1)).toEqual([]);
		const first = await mine(coupleId, londonEight);
		expect(first).toEqual([
			{
				coupleId,
				userId: sam.id,
				conversationId: expect.any(String),
				localDate: '2031-03-04',
				drawn: true
			}
		]);
		const id = first[0]!.conversationId;
		await settle();
		expect(samHeard.filter((h) => h.name === 'daily:arrived')).toEqual([
			{ name: 'daily:arrived', info: { conversationId: id } }
		]);
		// Alex (03:00 in New York) sees nothing at all yet: no page, no history, no search, no export.
		expect(alexHeard).toEqual([]);
		const conversation = await conversationRow(id);
		expect(await visibleEvents(alex.id, conversation)).toEqual([]);
		await expect(readDaily(alex.id, id)).rejects.toThrow();
		await expect(readConversation(alex.id, id)).rejects.toThrow();
		expect((await timelineOf(alex.id, {}, null)).items.map((i) => i.id)).not.toContain(id);
		const card = (await visibleState<DailyState>(sam.id, conversation)).card!;
		expect(card.depth).toBe('light'); // the lighter of "vulnerable" and "light"
		// Its longest word: every question has one of four letters or more.
		const word = card.text.split(/\W+/).reduce((a, b) => (b.length > a.length ? b : a));
		expect(word.length).toBeGreaterThan(3);
		expect((await searchHistory(sam.id, word)).map((h) => h.conversationId)).toContain(id);
		expect((await searchHistory(alex.id, word)).map((h) => h.conversationId)).not.toContain(id);
		expect(
			(await exportData(alex.id)).couples.flatMap((c) => c.conversations.map((x) => x.id))
		).not.toContain(id);
		expect(await todayFor(sam.id, londonEight)).toEqual({ conversationId: id });
		expect(await todayFor(alex.id, londonEight)).toBeNull();
		// Claimed once: the same moment again delivers nothing.
		expect(await mine(coupleId, londonEight + 60_000)).toEqual([]);

		// 08:00 in New York: the same question reaches Alex.
		expect(await mine(coupleId, nyEight - 1)).toEqual([]);
		const second = await mine(coupleId, nyEight);
		expect(second).toEqual([
			{ coupleId, userId: alex.id, conversationId: id, localDate: '2031-03-04', drawn: false }
		]);
		await settle();
		expect(alexHeard.filter((h) => h.name === 'daily:arrived')).toEqual([
			{ name: 'daily:arrived', info: { conversationId: id } }
		]);
		expect((await visibleState<DailyState>(alex.id, await conversationRow(id))).card).toEqual(card);
		expect(await todayFor(alex.id, nyEight)).toEqual({ conversationId: id });
		expect((await timelineOf(alex.id, {}, null)).items.map((i) => i.id)).toContain(id);

		// Answers are revealed together.
		await submitIntent(
			'daily',
			alex.id,
			id,
			'a1',
			{ type: 'answer', text: 'ALEX-ANSWER' },
			{
				now: nyEight + HOUR
			}
		);
		expect(await todayFor(alex.id, nyEight + HOUR)).toBeNull(); // answered: the calm line goes
		const samBefore = await visibleState<DailyState>(sam.id, await conversationRow(id));
		expect(samBefore.answers[alex.id]).toEqual({ text: null, at: expect.any(Number) });
		expect(JSON.stringify(await visibleEvents(sam.id, await conversationRow(id)))).not.toContain(
			'ALEX-ANSWER'
		);
		await submitIntent(
			'daily',
			sam.id,
			id,
			's1',
			{ type: 'answer', text: 'SAM-ANSWER' },
			{
				now: nyEight + 2 * HOUR
			}
		);
		for (const viewer of [alex.id, sam.id]) {
			const s = await visibleState<DailyState>(viewer, await conversationRow(id));
			expect(s.answers[alex.id]?.text).toBe('ALEX-ANSWER');
			expect(s.answers[sam.id]?.text).toBe('SAM-ANSWER');
		}
		// Reflect back, as on any card.
		await submitIntent(
			'daily',
			sam.id,
			id,
			's2',
			{ type: 'reflect', text: 'What I hear is…', feelings: [], needs: [] },
			{ now: nyEight + 3 * HOUR }
		);
		await submitIntent(
			'daily',
			alex.id,
			id,
			'a2',
			{ type: 'confirm' },
			{ now: nyEight + 4 * HOUR }
		);
		const done = await visibleState<DailyState>(sam.id, await conversationRow(id));
		expect(done.reflections[alex.id]?.at(-1)?.verdict).toBe('confirmed');
	});

	it('"not today" leaves no trace for the partner; a new day quietly replaces an unanswered one', async () => {
		const { alex, sam, coupleId, alexHeard, samHeard } = await pairWithSockets();
		await saveDailyChoice(alex.id, everyDay(7));
		await saveDailyChoice(sam.id, everyDay(21));
		// Alex first (07:00 New York = 11:00 London), Sam at 21:00 London.
		const [forAlex] = await mine(coupleId, at('2031-06-10T07:00', NY));
		const [forSam] = await mine(coupleId, at('2031-06-10T21:00', LONDON));
		expect(forSam!.conversationId).toBe(forAlex!.conversationId);
		const id = forAlex!.conversationId;
		await settle();

		const samEventsBefore = await visibleEvents(sam.id, await conversationRow(id));
		const rowBefore = await conversationRow(id);
		const samHeardBefore = samHeard.length;
		await sayNotToday(alex.id, id, at('2031-06-10T22:00', LONDON));
		await settle();
		// Nothing changed on Sam's side: the log, the row, the socket, the page, the calm line.
		expect(await conversationRow(id)).toEqual(rowBefore);
		expect(await visibleEvents(sam.id, await conversationRow(id))).toEqual(samEventsBefore);
		expect(samHeard.length).toBe(samHeardBefore);
		expect((await readDaily(sam.id, id)).notToday).toBe(false);
		expect(await todayFor(sam.id, at('2031-06-10T22:00', LONDON))).toEqual({ conversationId: id });
		// Alex's own: the calm line goes, the question stays for later.
		expect(await todayFor(alex.id, at('2031-06-10T18:00', NY))).toBeNull();
		expect((await readDaily(alex.id, id)).notToday).toBe(true);

		// The next day, still unanswered: Alex's 07:00 brings a new question, and the old one rests.
		const [next] = await mine(coupleId, at('2031-06-11T07:00', NY));
		expect(next!.drawn).toBe(true);
		expect(next!.conversationId).not.toBe(id);
		expect((await conversationRow(id)).status).toBe('ended');
		await expect(
			submitIntent('daily', sam.id, id, 's-late', { type: 'answer', text: 'late' })
		).rejects.toThrow(/resting/);
		// At most one open question for today for this couple, and nothing anywhere counts.
		const open = (
			await getDb().select().from(conversations).where(eq(conversations.coupleId, coupleId))
		).filter((c) => c.kind === 'daily' && c.status === 'active');
		expect(open.map((c) => c.id)).toEqual([next!.conversationId]);
		const [samNext] = await mine(coupleId, at('2031-06-11T21:00', LONDON));
		expect(samNext!.conversationId).toBe(next!.conversationId);
		const words = JSON.stringify([
			(await readConversation(sam.id, id)).lines,
			(await readConversation(alex.id, id)).lines,
			alexHeard,
			samHeard
		]);
		expect(words).not.toMatch(/streak|missed|in a row|days? (ago|left)|not today/i);
	});

	it('pausing stops delivery for both, tells nobody, and nothing is caught up after', async () => {
		const { alex, sam, coupleId, samHeard } = await pairWithSockets();
		await saveDailyChoice(alex.id, everyDay(9));
		await saveDailyChoice(sam.id, everyDay(9));
		expect(await mine(coupleId, at('2031-09-01T09:00', LONDON))).toHaveLength(1);
		expect(await mine(coupleId, at('2031-09-01T09:00', NY))).toHaveLength(1);
		await settle();
		const heard = samHeard.length;
		await saveDailyChoice(alex.id, { ...everyDay(9), enabled: false });
		await settle();
		expect(samHeard.length).toBe(heard);
		for (const day of ['2031-09-02', '2031-09-03']) {
			expect(await mine(coupleId, at(`${day}T09:00`, LONDON))).toEqual([]);
			expect(await mine(coupleId, at(`${day}T09:00`, NY))).toEqual([]);
		}
		// Back on: today's comes, never the days in between.
		await saveDailyChoice(alex.id, everyDay(9));
		const back = await mine(coupleId, at('2031-09-04T09:00', LONDON));
		expect(back.map((d) => d.localDate)).toEqual(['2031-09-04']);
		const days = (
			await getDb()
				.select({ day: dailyDeliveries.localDate })
				.from(dailyDeliveries)
				.where(eq(dailyDeliveries.userId, sam.id))
		).map((r) => r.day);
		expect(days.sort()).toEqual(['2031-09-01', '2031-09-04']);
	});
});

describe('against the built server', () => {
	let server: RunningServer;
	let pushService: Server;
	let pushUrl: string;
	const received: { path: string; body: Buffer }[] = [];

	beforeAll(async () => {
		pushService = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
				res.statusCode = 201;
				res.end();
			});
		});
		await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', r));
		pushUrl = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
		server = await startServer({ pushTestOrigin: pushUrl });
	});
	afterAll(async () => {
		await server?.stop();
		if (server) await removeDb(server.dbPath);
		pushService?.close();
	});

	const choose = (fields: Record<string, string> = {}) => ({
		enabled: 'on',
		hour: '0',
		depth: 'light',
		day1: 'on',
		day2: 'on',
		day3: 'on',
		day4: 'on',
		day5: 'on',
		day6: 'on',
		day7: 'on',
		...fields
	});

	it('both opt in in settings; each gets it, the same question; the push holds no words', async () => {
		const { a, b } = await couple(server.url);
		expect((await a.action('/settings?/timeZone', { timeZone: NY })).body.type).toBe('success');
		// Sam has no page open and allowed notifications.
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const auth = randomBytes(16);
		const endpoint = `${pushUrl}/ok/${crypto.randomUUID()}`;
		const subscribed = await fetch(`${server.url}/settings/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: b.cookie, origin: server.url },
			body: JSON.stringify({
				endpoint,
				keys: {
					p256dh: ecdh.getPublicKey().toString('base64url'),
					auth: auth.toString('base64url')
				}
			})
		});
		expect(subscribed.status).toBe(200);
		const aSocket = connectSocket(server.url, { cookie: a.cookie });
		await connected(aSocket);

		// Only Alex: nothing comes, and the page says so calmly.
		expect((await a.action('/settings?/daily', choose())).body.type).toBe('success');
		expect((await a.get('/today')).status).toBe(200);
		expect(await (await a.get('/today')).text()).toContain('data-testid="today-calm"');

		// Sam turns it on too (midnight: already due today on both clocks): it reaches both.
		const arrived = nextEvent<{ conversationId: string }>(aSocket, 'daily:arrived');
		expect((await b.action('/settings?/daily', choose({ depth: 'vulnerable' }))).body.type).toBe(
			'success'
		);
		const { conversationId: id } = await arrived;
		for (const who of [a, b]) {
			const today = await who.get('/today');
			expect(today.status).toBe(303);
			expect(today.headers.get('location')).toBe(`/today/${id}`);
			expect(await (await who.get('/')).text()).toContain('data-testid="today-notice"');
		}
		const page = await (await b.get(`/today/${id}`)).text();
		const cardText = /data-testid="card-text"[^>]*>([^<]+)</.exec(page)![1]!;
		expect(page).toContain('A question for today');

		const delivery = received.find((r) => endpoint.endsWith(r.path));
		expect(delivery).toBeDefined();
		const plain = ece
			.decrypt(delivery!.body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth })
			.toString('utf8');
		expect(JSON.parse(plain)).toEqual({
			title: 'Hearth',
			body: "Today's question is here",
			url: `/today/${id}`
		});
		// A word of the question that is not also a word of the fixed notice ("today" can be both).
		const notice = "hearth today's question is here";
		const word = cardText
			.split(/[^A-Za-z]+/)
			.find((w) => w.length > 3 && !notice.includes(w.toLowerCase()))!;
		expect(word).toBeTruthy();
		expect(plain).not.toContain(word);
		expect(plain).not.toContain(a.name);
		// One push for Sam's one day, never repeated.
		expect(received.filter((r) => endpoint.endsWith(r.path))).toHaveLength(1);

		// Answers reveal together through the page's form actions.
		expect(
			(await a.action(`/today/${id}?/answer`, { clientId: 'c'.repeat(32), text: 'ALEX-WORDS' }))
				.body
		).toMatchObject({ type: 'redirect', location: `/today/${id}` });
		expect(await (await b.get(`/today/${id}`)).text()).not.toContain('ALEX-WORDS');
		expect(
			(await b.action(`/today/${id}?/answer`, { clientId: 'd'.repeat(32), text: 'SAM-WORDS' })).body
				.type
		).toBe('redirect');
		const revealed = await (await a.get(`/today/${id}`)).text();
		expect(revealed).toContain('ALEX-WORDS');
		expect(revealed).toContain('SAM-WORDS');
		// History has it, like any card.
		expect(await (await a.get('/history?kind=daily')).text()).toContain(`/history/${id}`);
		aSocket.close();
	});
});
