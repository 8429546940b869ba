import type { KindName } from '$lib/conversation/kind';
import { isSignal } from '$lib/conversation/kinds';
import type { Conversation } from '../db/schema';
import { AppError, notFound } from '../errors';
import { conversationForMember } from './log';

/**
 * The one gate of every conversation, for every kind and every path (sockets, pages, form actions,
 * history, exports). The couple is resolved from the database — never from an id a client sends —
 * in one query that also returns the conversation itself. Anything outside the person's couples,
 * or of another kind than the caller expects, answers "not found", exactly like an id that does
 * not exist. A signal (an open door) belongs to the couple as it is now: to a former partner it is
 * "not found" too.
 */
async function gate(userId: string, conversationId: string, kind: KindName | undefined) {
	const row = await conversationForMember(userId, conversationId);
	if (!row || (kind && row.kind !== kind)) throw notFound();
	if (!row.active && isSignal(row.kind)) throw notFound();
	const { active, ...conversation } = row;
	return { conversation: conversation as Conversation, active };
}

/** A conversation this person may read: theirs, or kept from a couple that has ended. */
export async function forReading(
	userId: string,
	conversationId: string,
	kind?: KindName
): Promise<{ conversation: Conversation; writable: boolean }> {
	const { conversation, active } = await gate(userId, conversationId, kind);
	return { conversation, writable: active };
}

/**
 * A conversation this person may change (events, moments, notes): only while they are an active
 * member of its couple. A former partner keeps their history to read, and can write nothing to it.
 */
export async function forWriting(
	userId: string,
	conversationId: string,
	kind?: KindName
): Promise<Conversation> {
	const { conversation, active } = await gate(userId, conversationId, kind);
	// An ended couple is read-only history; say so plainly to its own members.
	if (!active) throw new AppError('conflict', 'This space is read-only now.');
	return conversation;
}
