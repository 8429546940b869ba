import { and, eq, gte, sql } from 'drizzle-orm';
import { getDb } from '../db';
import { greatest } from '../db/sql';
import { conversationReads } from '../db/schema';

/** How far a person has read a conversation (for "new" on the partner's cards). */
export async function markRead(userId: string, conversationId: string, seq: number) {
	await getDb()
		.insert(conversationReads)
		.values({ userId, conversationId, lastReadSeq: seq })
		.onConflictDoUpdate({
			target: [conversationReads.userId, conversationReads.conversationId],
			set: { lastReadSeq: greatest(conversationReads.lastReadSeq, sql`excluded.last_read_seq`) }
		});
}

/**
 * An event that is never news to this person (the partner's "not yet"): if they had read
 * everything before it, they have read it too — so it lights no "new" and no badge.
 */
export async function notNewsTo(
	userId: string,
	conversationId: string,
	beforeSeq: number,
	seq: number
) {
	await getDb()
		.update(conversationReads)
		.set({ lastReadSeq: seq })
		.where(
			and(
				eq(conversationReads.userId, userId),
				eq(conversationReads.conversationId, conversationId),
				gte(conversationReads.lastReadSeq, beforeSeq)
			)
		);
}
