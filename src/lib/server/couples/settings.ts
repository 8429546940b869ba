import { eq } from 'drizzle-orm';
import { getDb, transaction } from '../db';
import { coupleMembers, couples, users } from '../db/schema';
import { requireActiveCouple } from './access';

export async function setTimeZone(userId: string, timeZone: string): Promise<void> {
	await getDb().update(users).set({ timeZone }).where(eq(users.id, userId));
}

/** Names the caller's active couple; an ended couple is read-only, so it is "not found" here. */
export async function renameCouple(userId: string, name: string | null): Promise<void> {
	const couple = await requireActiveCouple(userId);
	await getDb().update(couples).set({ name }).where(eq(couples.id, couple.id));
}

/**
 * Leaving ends the couple for both: it becomes read-only history they both keep, and both are
 * free to pair again. Returns who should hear about it.
 */
export async function leaveCouple(userId: string, now = Date.now()) {
	const couple = await requireActiveCouple(userId);
	await transaction(async (tx) => {
		await tx.update(couples).set({ endedAt: now }).where(eq(couples.id, couple.id));
		await tx
			.update(coupleMembers)
			.set({ active: false })
			.where(eq(coupleMembers.coupleId, couple.id));
	});
	return { coupleId: couple.id, partnerId: couple.partner.id };
}
