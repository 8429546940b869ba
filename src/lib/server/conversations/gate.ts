import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { KindName } from '$lib/conversation/kind';
import { prepared, type Db } from '../db';
import { coupleMembers, conversations, type Conversation } from '../db/schema';
import { AppError, notFound } from '../errors';

/**
 * The one gate of every conversation, for every kind and every path (sockets, pages, form actions,
 * history, exports). The couple is resolved from the database — never from an id a client sends —
 * in one query that returns the conversation itself. Anything outside the person's couples, or of
 * another kind than the caller expects, answers "not found", exactly like an id that does not exist.
 */
function prepareGate(db: Db) {
	return db
		.select({ conversation: getTableColumns(conversations), active: coupleMembers.active })
		.from(conversations)
		.innerJoin(
			coupleMembers,
			and(
				eq(coupleMembers.coupleId, conversations.coupleId),
				eq(coupleMembers.userId, sql.placeholder('userId'))
			)
		)
		.where(eq(conversations.id, sql.placeholder('conversationId')))
		.prepare();
}

function gate(userId: string, conversationId: string, kind: KindName | undefined) {
	const row = prepared('conversation-gate', prepareGate).get({ userId, conversationId });
	if (!row || (kind && row.conversation.kind !== kind)) throw notFound();
	return row;
}

/** A conversation this person may read: theirs, or kept from a couple that has ended. */
export function forReading(
	userId: string,
	conversationId: string,
	kind?: KindName
): { conversation: Conversation; writable: boolean } {
	const row = gate(userId, conversationId, kind);
	return { conversation: row.conversation, writable: row.active };
}

/**
 * A conversation this person may change (events, moments, notes): only while they are an active
 * member of its couple. A former partner keeps their history to read, and can write nothing to it.
 */
export function forWriting(userId: string, conversationId: string, kind?: KindName): Conversation {
	const row = gate(userId, conversationId, kind);
	// An ended couple is read-only history; say so plainly to its own members.
	if (!row.active) throw new AppError('conflict', 'This space is read-only now.');
	return row.conversation;
}
