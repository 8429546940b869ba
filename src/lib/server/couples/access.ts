import { and, eq, ne } from 'drizzle-orm';
import { findUserById } from '../auth/accounts';
import { getDb } from '../db';
import { coupleMembers, couples, users } from '../db/schema';
import { notFound } from '../errors';

export type Partner = { id: string; name: string; timeZone: string };
export type CoupleView = {
	id: string;
	name: string | null;
	createdAt: number;
	endedAt: number | null;
	partner: Partner;
};

/**
 * The one gate for shared data: a person's couple is always resolved from the database, never from
 * an id the client sends. Anything outside it answers "not found", like an id that does not exist.
 */
export async function activeCoupleOf(userId: string): Promise<CoupleView | null> {
	const [row] = await getDb()
		.select({ coupleId: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(and(eq(coupleMembers.userId, userId), eq(coupleMembers.active, true)))
		.limit(1);
	return row ? coupleView(row.coupleId, userId) : null;
}

export async function requireActiveCouple(userId: string): Promise<CoupleView> {
	const couple = await activeCoupleOf(userId);
	if (!couple) throw notFound();
	return couple;
}

/** A couple this person belongs or belonged to (ended couples stay readable), else not found. */
export async function coupleForReading(userId: string, coupleId: string): Promise<CoupleView> {
	const [member] = await getDb()
		.select({ coupleId: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(and(eq(coupleMembers.coupleId, coupleId), eq(coupleMembers.userId, userId)))
		.limit(1);
	if (!member) throw notFound();
	const view = await coupleView(coupleId, userId);
	if (!view) throw notFound();
	return view;
}

/** Every couple this person was part of, newest first (the ended ones are read-only). */
export async function couplesOf(userId: string): Promise<CoupleView[]> {
	const rows = await getDb()
		.select({ coupleId: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(eq(coupleMembers.userId, userId));
	const views: CoupleView[] = [];
	for (const r of rows) {
		const view = await coupleView(r.coupleId, userId);
		if (view) views.push(view);
	}
	return views.sort((a, b) => b.createdAt - a.createdAt);
}

async function coupleView(coupleId: string, viewerId: string): Promise<CoupleView | null> {
	const db = getDb();
	const [couple] = await db.select().from(couples).where(eq(couples.id, coupleId)).limit(1);
	if (!couple) return null;
	const [partner] = await db
		.select({ id: users.id, name: users.name, timeZone: users.timeZone })
		.from(coupleMembers)
		.innerJoin(users, eq(users.id, coupleMembers.userId))
		.where(and(eq(coupleMembers.coupleId, coupleId), ne(coupleMembers.userId, viewerId)))
		.limit(1);
	return {
		id: couple.id,
		name: couple.name,
		createdAt: couple.createdAt,
		endedAt: couple.endedAt,
		partner: partner ?? { id: '', name: 'Former partner', timeZone: 'UTC' }
	};
}

/** The two people of a new conversation, named as they are now (a copy: history outlives renames). */
export async function participantsOf(
	userId: string,
	couple: CoupleView
): Promise<{ id: string; name: string }[]> {
	return [
		{ id: userId, name: (await findUserById(userId))?.name ?? '' },
		{ id: couple.partner.id, name: couple.partner.name }
	];
}
