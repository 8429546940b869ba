import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { coupleMembers, couples, users } from '../db/schema';
import { requireActiveCouple } from './access';

export function setTimeZone(userId: string, timeZone: string): void {
	getDb().update(users).set({ timeZone }).where(eq(users.id, userId)).run();
}

/** Names the caller's active couple; an ended couple is read-only, so it is "not found" here. */
export function renameCouple(userId: string, name: string | null): void {
	const couple = requireActiveCouple(userId);
	getDb().update(couples).set({ name }).where(eq(couples.id, couple.id)).run();
}

/**
 * Leaving ends the couple for both: it becomes read-only history they both keep, and both are
 * free to pair again. Returns who should hear about it.
 */
export function leaveCouple(userId: string, now = Date.now()) {
	const couple = requireActiveCouple(userId);
	getDb().transaction((tx) => {
		tx.update(couples).set({ endedAt: now }).where(eq(couples.id, couple.id)).run();
		tx.update(coupleMembers)
			.set({ active: false })
			.where(eq(coupleMembers.coupleId, couple.id))
			.run();
	});
	return { coupleId: couple.id, partnerId: couple.partner.id };
}
