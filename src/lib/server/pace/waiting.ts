import { sql } from 'drizzle-orm';
import { firstRow } from '../db';

/**
 * How many cards `senderId` sent that wait for `recipientId`'s answer in this couple: not answered
 * yet, and not set aside by the recipient (a card they set aside rests at their own pace; it is not
 * the sender's to wait on). Read from the log, where a set-aside is the recipient's latest
 * set-aside or bring-back in that conversation.
 */
export async function cardsWaitingFor(
	coupleId: string,
	senderId: string,
	recipientId: string
): Promise<number> {
	const row = await firstRow<{ waiting: number }>(sql`
		select count(*) as "waiting" from conversations c
		where c.couple_id = ${coupleId} and c.kind = 'async' and c.started_by = ${senderId}
		and not exists (
			select 1 from events e
			where e.conversation_id = c.id and e.type = 'answer.given' and e.actor_id = ${recipientId})
		and coalesce((
			select e.type from events e
			where e.conversation_id = c.id and e.actor_id = ${recipientId}
				and e.type in ('card.set-aside', 'card.brought-back')
			order by e.seq desc limit 1), '') <> 'card.set-aside'`);
	return Number(row?.waiting ?? 0);
}
