import { sql } from 'drizzle-orm';
import { getDb } from '../db';
import { conversationReads } from '../db/schema';

/** How far a person has read a conversation (for "new" on the partner's cards). */
export function markRead(userId: string, conversationId: string, seq: number) {
	getDb()
		.insert(conversationReads)
		.values({ userId, conversationId, lastReadSeq: seq })
		.onConflictDoUpdate({
			target: [conversationReads.userId, conversationReads.conversationId],
			set: { lastReadSeq: sql`max(${conversationReads.lastReadSeq}, excluded.last_read_seq)` }
		})
		.run();
}
