/**
 * An open door between two real clients, in process: a real Socket.io server on a random port, a
 * real SQLite file, and a clock the test sets (the domain takes `now`, as the reminders and the
 * questions for today do). The door goes through the one pipeline and reaches the partner's open
 * pages as a conversation event; it fades after a week; either closes it; opening it again
 * updates it; nothing counts it, reminds anyone or keeps it as history; a former partner and
 * another couple find nothing; a deletion leaves no name in it.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DOOR_OPEN_MS } from '$lib/conversation/door/types';
import { leaveCouple } from '$lib/server/couples/settings';
import { getDb } from '$lib/server/db';
import { conversationReads, conversations, events } from '$lib/server/db/schema';
import { forReading, forWriting } from '$lib/server/conversations/gate';
import { submitIntent } from '$lib/server/conversations/pipeline';
import { closeDoor, doorsFor, openDoor } from '$lib/server/door/doors';
import { AppError } from '$lib/server/errors';
import { deleteAccount, exportData, exportMarkdown } from '$lib/server/history/account';
import { readConversation, saveNote, timelineOf, toggleMoment } from '$lib/server/history/history';
import { pair } from '../helpers/domain';
import { realtimeInProcess } from '../helpers/in-process';
import { request } from '../helpers/socket';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2031, 4, 5, 9);
const settle = () => new Promise((r) => setTimeout(r, 150));
const id = () => crypto.randomUUID().replaceAll('-', '');

const { listen } = realtimeInProcess();

const row = async (conversationId: string) =>
	(
		await getDb().select().from(conversations).where(eq(conversations.id, conversationId)).limit(1)
	)[0]!;
const refused = async (work: () => unknown) => {
	try {
		await work();
	} catch (error) {
		if (error instanceof AppError) return error.code;
		throw error;
	}
	return 'done';
};

describe('an open door', () => {
	it('reaches the partner live, updates in place, and closes for both, quietly', async () => {
		const { a: alex, b: sam } = await pair();
		const others = await pair(['Robin', 'Kai']);
		const [alexPage, samPage, robinPage] = await Promise.all([
			listen(alex.id),
			listen(sam.id),
			listen(others.a.id)
		]);

		expect(await doorsFor(sam.id, T0)).toEqual({ mine: null, partner: null });
		const opened = await openDoor(alex.id, { clientId: id(), depth: 'light' }, T0);
		await settle();
		// Sam's open page hears it as a conversation event; Robin hears nothing at all.
		const samEvents = samPage.heard.filter((h) => h.name === 'conversation:event');
		expect(samEvents).toEqual([
			{
				name: 'conversation:event',
				info: {
					conversationId: opened.conversationId,
					event: expect.objectContaining({ type: 'door.opened', actorId: alex.id, at: T0 })
				}
			}
		]);
		expect(robinPage.heard).toEqual([]);
		// Nothing but that: no card notice, no push-shaped notice, no reminder.
		expect(samPage.heard.map((h) => h.name)).toEqual(['conversation:event']);
		const view = {
			id: opened.conversationId,
			depth: 'light',
			openedAt: T0,
			fadesAt: T0 + DOOR_OPEN_MS
		};
		expect(await doorsFor(sam.id, T0 + DAY)).toEqual({ mine: null, partner: view });
		expect(await doorsFor(alex.id, T0 + DAY)).toEqual({ mine: view, partner: null });
		expect(await doorsFor(others.a.id, T0 + DAY)).toEqual({ mine: null, partner: null });

		// Opening it again while open updates the same door: the depth, and its week from now.
		const again = await openDoor(alex.id, { clientId: id(), depth: 'on-my-mind' }, T0 + 3 * DAY);
		expect(again).toEqual({ conversationId: opened.conversationId, duplicate: false });
		expect((await doorsFor(sam.id, T0 + 9 * DAY)).partner).toEqual({
			...view,
			depth: 'on-my-mind',
			openedAt: T0 + 3 * DAY,
			fadesAt: T0 + 10 * DAY
		});
		// A form sent twice (the same clientId) opens nothing twice.
		const clientId = id();
		await openDoor(alex.id, { clientId, depth: null }, T0 + 3 * DAY + 1);
		const lastSeq = (await row(opened.conversationId)).lastSeq;
		await openDoor(alex.id, { clientId, depth: null }, T0 + 3 * DAY + 2);
		expect((await row(opened.conversationId)).lastSeq).toBe(lastSeq);

		// Only Alex changes it: Sam's attempt through the pipeline is refused, and changes nothing.
		expect(
			await refused(() =>
				submitIntent('door', sam.id, opened.conversationId, id(), { type: 'open', depth: 'light' })
			)
		).toBe('conflict');
		// Another couple finds nothing, to change or to close.
		expect(await refused(() => closeDoor(others.a.id, opened.conversationId, id(), T0))).toBe(
			'not_found'
		);

		// Nothing counts it: no read marks, no badge; no history, no transcript, no export.
		const reads = await getDb()
			.select()
			.from(conversationReads)
			.where(eq(conversationReads.conversationId, opened.conversationId));
		expect(reads).toEqual([]);
		for (const who of [alex.id, sam.id]) {
			expect((await timelineOf(who, {}, null)).items).toEqual([]);
			expect(await refused(() => readConversation(who, opened.conversationId))).toBe('not_found');
			expect(await refused(() => toggleMoment(who, opened.conversationId, 1))).toBe('not_found');
			expect(await refused(() => saveNote(who, opened.conversationId, 'a note'))).toBe('not_found');
			expect(JSON.stringify(await exportData(who))).not.toContain(opened.conversationId);
			expect(await exportMarkdown(who, 'UTC')).not.toMatch(/door/i);
		}

		// Sam closes it ("Thanks — we talked"): for both, and Alex's page hears it.
		alexPage.heard.length = 0;
		await closeDoor(sam.id, opened.conversationId, id(), T0 + 4 * DAY);
		await settle();
		expect(alexPage.heard).toEqual([
			{
				name: 'conversation:event',
				info: {
					conversationId: opened.conversationId,
					event: expect.objectContaining({ type: 'door.closed', actorId: sam.id, data: {} })
				}
			}
		]);
		expect(await doorsFor(alex.id, T0 + 4 * DAY)).toEqual({ mine: null, partner: null });
		expect(await doorsFor(sam.id, T0 + 4 * DAY)).toEqual({ mine: null, partner: null });
		expect((await row(opened.conversationId)).status).toBe('ended');
		// Closing it again is a calm "closed already"; opening again makes a new door.
		expect(await refused(() => closeDoor(alex.id, opened.conversationId, id(), T0 + 4 * DAY))).toBe(
			'conflict'
		);
		const next = await openDoor(alex.id, { clientId: id(), depth: null }, T0 + 5 * DAY);
		expect(next.conversationId).not.toBe(opened.conversationId);
		expect((await doorsFor(sam.id, T0 + 5 * DAY)).partner?.id).toBe(next.conversationId);
		expect(robinPage.heard).toEqual([]);
	});

	it('fades by itself a week after it was opened; a new one marks the faded one closed', async () => {
		const { a: alex, b: sam } = await pair();
		const first = await openDoor(sam.id, { clientId: id(), depth: 'on-my-mind' }, T0);
		expect((await doorsFor(alex.id, T0 + DOOR_OPEN_MS - 1)).partner?.id).toBe(first.conversationId);
		expect(await doorsFor(alex.id, T0 + DOOR_OPEN_MS)).toEqual({ mine: null, partner: null });
		expect(await doorsFor(sam.id, T0 + DOOR_OPEN_MS)).toEqual({ mine: null, partner: null });
		// Nothing was written for the fading itself: it is the clock, not an event.
		expect(await row(first.conversationId)).toMatchObject({ lastSeq: 1, status: 'active' });
		// A faded door can no longer be closed (nor changed).
		expect(
			await refused(() => closeDoor(alex.id, first.conversationId, id(), T0 + DOOR_OPEN_MS))
		).toBe('conflict');

		// Both partners may have a door of their own open at once.
		const alexs = await openDoor(alex.id, { clientId: id(), depth: null }, T0 + DOOR_OPEN_MS);
		const second = await openDoor(sam.id, { clientId: id(), depth: 'light' }, T0 + 8 * DAY);
		expect(second.conversationId).not.toBe(first.conversationId);
		const log = await getDb()
			.select()
			.from(events)
			.where(eq(events.conversationId, first.conversationId))
			.orderBy(events.seq);
		expect(log.map((e) => [e.type, e.actorId])).toEqual([
			['door.opened', sam.id],
			['door.faded', null]
		]);
		expect((await row(first.conversationId)).status).toBe('ended');
		expect(await doorsFor(alex.id, T0 + 8 * DAY)).toEqual({
			mine: expect.objectContaining({ id: alexs.conversationId }),
			partner: expect.objectContaining({ id: second.conversationId, depth: 'light' })
		});
		// One door a person that is not closed: the database says so too.
		const unclosed = await getDb()
			.select()
			.from(conversations)
			.where(and(eq(conversations.startedBy, sam.id), eq(conversations.status, 'active')));
		expect(unclosed.map((c) => c.id)).toEqual([second.conversationId]);
	});

	it('is gone for a former partner, and a deletion leaves no name in it', async () => {
		const { a: alex, b: sam } = await pair();
		const door = await openDoor(alex.id, { clientId: id(), depth: 'light' }, T0);
		const samPage = await listen(sam.id);
		await leaveCouple(sam.id, T0 + DAY);
		for (const who of [alex.id, sam.id]) {
			expect(await doorsFor(who, T0 + DAY)).toEqual({ mine: null, partner: null });
			// Not "read-only": not found, exactly like an id that does not exist.
			expect(await refused(() => forReading(who, door.conversationId))).toBe('not_found');
			expect(await refused(() => forWriting(who, door.conversationId))).toBe('not_found');
			expect(await refused(() => closeDoor(who, door.conversationId, id(), T0 + DAY))).toBe(
				'not_found'
			);
			expect(JSON.stringify(await exportData(who))).not.toContain(door.conversationId);
		}
		const synced = await request(samPage.socket, 'conversation:sync', {
			conversationId: door.conversationId,
			kind: 'door',
			afterSeq: 0
		});
		expect(synced.ok).toBe(false);

		await deleteAccount(alex.id);
		const payloads = (
			await getDb().select().from(events).where(eq(events.conversationId, door.conversationId))
		)
			.map((e) => e.payload)
			.join(' ');
		expect(payloads).not.toContain('Alex');
		expect(payloads).toContain('Former partner');
	});
});
