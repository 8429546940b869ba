/**
 * An open door: "I might like to talk sometime this week." One partner leaves it; the other sees a
 * warm note and may start a talk or propose a time; either closes it, without a reason; it fades by
 * itself a week after it was (last) opened. Nothing reminds anyone and nothing counts it: no push,
 * no badge, no read marks, and it is never in history.
 *
 * A door is a conversation of kind `door` (src/lib/conversation/door): its events go through the
 * one pipeline and the gate, are read through the visibility rule and reach the partner's open
 * pages through publish. Every function takes the clock as an argument, so tests set the time.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq } from 'drizzle-orm';
import { doorKind } from '$lib/conversation/door/kind';
import { fadesAt, isOpen, type DoorState } from '$lib/conversation/door/reducer';
import { fadeRefusal } from '$lib/conversation/door/rules';
import type { DoorDepth } from '$lib/conversation/door/types';
import { activeCoupleOf, participantsOf, requireActiveCouple } from '../couples/access';
import { getDb, transaction } from '../db';
import { conversations, type Conversation } from '../db/schema';
import { forReading } from '../conversations/gate';
import { conflict, stateOf, type Appended, insertConversation } from '../conversations/log';
import { record, submitIntent } from '../conversations/pipeline';
import { publish } from '../conversations/publish';
import { visibleState } from '../conversations/visibility';

/** A retried "leave the door open" lands on the same door: opened at most once. */
function doorIdFor(userId: string, clientId: string): string {
	const hex = encodeHexLowerCase(sha256(new TextEncoder().encode(`door:${userId}:${clientId}`)));
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** This person's door that is not closed (it may have faded by itself), if any. */
async function unclosedDoorOf(coupleId: string, userId: string): Promise<Conversation | undefined> {
	const [door] = await getDb()
		.select()
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, coupleId),
				eq(conversations.kind, 'door'),
				eq(conversations.startedBy, userId),
				eq(conversations.status, 'active')
			)
		)
		.orderBy(desc(conversations.createdAt))
		.limit(1);
	return door;
}

const exists = async (id: string) =>
	(
		await getDb()
			.select({ id: conversations.id })
			.from(conversations)
			.where(eq(conversations.id, id))
			.limit(1)
	).length > 0;

/** The same door (the same person and clientId) was written meanwhile: this one is undone. */
class OpenedMeanwhile extends Error {}

/**
 * Leaves the door open, or — when this person's door is open already — just updates it: the depth
 * as chosen now, and its week starts again.
 */
export async function openDoor(
	userId: string,
	input: { clientId: string; depth: DoorDepth | null },
	now = Date.now()
): Promise<{ conversationId: string; duplicate: boolean }> {
	const couple = await requireActiveCouple(userId);
	const id = doorIdFor(userId, input.clientId);
	if (await exists(id)) return { conversationId: id, duplicate: true };

	const current = await unclosedDoorOf(couple.id, userId);
	if (current && isOpen(await stateOf(doorKind, current), now)) {
		const done = await submitIntent(
			'door',
			userId,
			current.id,
			input.clientId,
			{ type: 'open', depth: input.depth },
			{ now }
		);
		return { conversationId: current.id, duplicate: done.duplicate };
	}

	const participants = await participantsOf(userId, couple);
	let appended: Appended[] | null;
	try {
		appended = await transaction(async () => {
			// The same form sent twice at once: the first one's door (SQLite lets this transaction
			// begin only after the first one's has ended).
			if (await exists(id)) return null;
			const done: Appended[] = [];
			// A door that faded by itself is marked closed first: one door a person at a time.
			const faded = await unclosedDoorOf(couple.id, userId);
			if (faded)
				done.push(
					await record(
						'door',
						faded.id,
						null,
						null,
						(state) => {
							const refusal = fadeRefusal(state as DoorState, now);
							if (refusal) conflict(refusal);
							return { type: 'door.faded', data: {} };
						},
						now
					)
				);
			const written = await insertConversation({
				id,
				coupleId: couple.id,
				kind: 'door',
				startedBy: userId,
				at: now
			});
			if (!written) {
				// A door of this person's was written meanwhile (on PostgreSQL, where this transaction
				// did not wait for it): this very one, sent twice — or another, still open.
				if (await exists(id)) throw new OpenedMeanwhile();
				conflict('This door is still open.');
			}
			done.push(
				await record(
					'door',
					id,
					userId,
					input.clientId,
					() => ({ type: 'door.opened', data: { participants, depth: input.depth } }),
					now
				)
			);
			return done;
		});
	} catch (error) {
		if (!(error instanceof OpenedMeanwhile)) throw error;
		appended = null;
	}
	if (!appended) return { conversationId: id, duplicate: true };
	for (const a of appended) publish(a.conversation, a.event);
	return { conversationId: id, duplicate: false };
}

/** Closes a door, for both, quietly: either partner may, while it is open. */
export async function closeDoor(
	userId: string,
	doorId: string,
	clientId: string,
	now = Date.now()
): Promise<{ duplicate: boolean }> {
	const done = await submitIntent('door', userId, doorId, clientId, { type: 'close' }, { now });
	return { duplicate: done.duplicate };
}

/** An open door as a page shows it. */
export type DoorView = {
	id: string;
	depth: DoorDepth | null;
	openedAt: number;
	/** When it closes by itself, if nobody closes it before. */
	fadesAt: number;
};

/**
 * The doors open now in this person's couple as it is now: their own, and their partner's. Read
 * through the gate and the visibility rule, like every conversation.
 */
export async function doorsFor(
	userId: string,
	now = Date.now()
): Promise<{ mine: DoorView | null; partner: DoorView | null }> {
	const open = { mine: null as DoorView | null, partner: null as DoorView | null };
	const couple = await activeCoupleOf(userId);
	if (!couple) return open;
	const rows = await getDb()
		.select({ id: conversations.id, startedBy: conversations.startedBy })
		.from(conversations)
		.where(
			and(
				eq(conversations.coupleId, couple.id),
				eq(conversations.kind, 'door'),
				eq(conversations.status, 'active')
			)
		);
	for (const row of rows) {
		const { conversation } = await forReading(userId, row.id, 'door');
		const state = await visibleState<DoorState>(userId, conversation);
		if (!isOpen(state, now) || state.openerId === null) continue;
		const view = {
			id: row.id,
			depth: state.depth,
			openedAt: state.openedAt!,
			fadesAt: fadesAt(state)!
		};
		if (state.openerId === userId) open.mine = view;
		else if (state.openerId === couple.partner.id) open.partner = view;
	}
	return open;
}
