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
export function activeCoupleOf(userId: string): CoupleView | null {
	const row = getDb()
		.select({ coupleId: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(and(eq(coupleMembers.userId, userId), eq(coupleMembers.active, true)))
		.get();
	return row ? coupleView(row.coupleId, userId) : null;
}

export function requireActiveCouple(userId: string): CoupleView {
	const couple = activeCoupleOf(userId);
	if (!couple) throw notFound();
	return couple;
}

/** A couple this person belongs or belonged to (ended couples stay readable), else not found. */
export function coupleForReading(userId: string, coupleId: string): CoupleView {
	const member = getDb()
		.select({ coupleId: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(and(eq(coupleMembers.coupleId, coupleId), eq(coupleMembers.userId, userId)))
		.get();
	if (!member) throw notFound();
	const view = coupleView(coupleId, userId);
	if (!view) throw notFound();
	return view;
}

/** Every couple this person was part of, newest first (the ended ones are read-only). */
export function couplesOf(userId: string): CoupleView[] {
	const rows = getDb()
		.select({ coupleId: coupleMembers.coupleId })
		.from(coupleMembers)
		.where(eq(coupleMembers.userId, userId))
		.all();
	return rows
		.map((r) => coupleView(r.coupleId, userId))
		.filter((c): c is CoupleView => c !== null)
		.sort((a, b) => b.createdAt - a.createdAt);
}

function coupleView(coupleId: string, viewerId: string): CoupleView | null {
	const db = getDb();
	const couple = db.select().from(couples).where(eq(couples.id, coupleId)).get();
	if (!couple) return null;
	const partner = db
		.select({ id: users.id, name: users.name, timeZone: users.timeZone })
		.from(coupleMembers)
		.innerJoin(users, eq(users.id, coupleMembers.userId))
		.where(and(eq(coupleMembers.coupleId, coupleId), ne(coupleMembers.userId, viewerId)))
		.get();
	return {
		id: couple.id,
		name: couple.name,
		createdAt: couple.createdAt,
		endedAt: couple.endedAt,
		partner: partner ?? { id: '', name: 'Former partner', timeZone: 'UTC' }
	};
}

/** The two people of a new conversation, named as they are now (a copy: history outlives renames). */
export function participantsOf(userId: string, couple: CoupleView): { id: string; name: string }[] {
	return [
		{ id: userId, name: findUserById(userId)?.name ?? '' },
		{ id: couple.partner.id, name: couple.partner.name }
	];
}
