import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, desc, eq, isNull, gt } from 'drizzle-orm';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '$lib/schemas/couple';
import { getDb, transaction } from '../db';
import { lockRows } from '../db/locks';
import { coupleMembers, couples, invites, users, type Invite } from '../db/schema';
import { AppError, notFound } from '../errors';
import { activeCoupleOf } from './access';
import { INVITE_LIFETIME_MS, inviteProblem, type InviteProblem } from './invite-rules';

function randomToken(): string {
	const bytes = new Uint8Array(20); // 160 bits
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function randomCode(): string {
	// Rejection sampling keeps every character equally likely.
	const limit = 256 - (256 % INVITE_CODE_ALPHABET.length);
	let code = '';
	while (code.length < INVITE_CODE_LENGTH) {
		const [byte] = crypto.getRandomValues(new Uint8Array(1));
		if (byte! < limit) code += INVITE_CODE_ALPHABET[byte! % INVITE_CODE_ALPHABET.length];
	}
	return code;
}

/** The invite this person has out right now (not used, revoked or expired), if any. */
export async function openInviteOf(userId: string, now = Date.now()): Promise<Invite | undefined> {
	const [invite] = await getDb()
		.select()
		.from(invites)
		.where(
			and(
				eq(invites.inviterId, userId),
				isNull(invites.usedAt),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, now)
			)
		)
		.orderBy(desc(invites.createdAt))
		.limit(1);
	return invite;
}

/** Makes a fresh invite, replacing (revoking) any open one: one live invite a person. */
export async function createInvite(userId: string, now = Date.now()): Promise<Invite> {
	if (await activeCoupleOf(userId)) {
		throw new AppError('conflict', 'You already share a space, so there is no one to invite.');
	}
	return transaction(async (tx) => {
		await tx
			.update(invites)
			.set({ revokedAt: now })
			.where(and(eq(invites.inviterId, userId), isNull(invites.usedAt), isNull(invites.revokedAt)));
		for (;;) {
			const invite: Invite = {
				id: crypto.randomUUID(),
				inviterId: userId,
				token: randomToken(),
				code: randomCode(),
				createdAt: now,
				expiresAt: now + INVITE_LIFETIME_MS,
				usedAt: null,
				usedBy: null,
				revokedAt: null
			};
			// A code collision (1 in ~10^12) simply draws again. It is skipped rather than caught, so
			// the transaction goes on (on PostgreSQL a failed statement would abort it).
			const inserted = await tx
				.insert(invites)
				.values(invite)
				.onConflictDoNothing()
				.returning({ id: invites.id });
			if (inserted.length === 1) return invite;
		}
	});
}

/** Revokes the person's open invite. Someone else's invite id answers not found. */
export async function revokeInvite(
	userId: string,
	inviteId: string,
	now = Date.now()
): Promise<void> {
	const revoked = await getDb()
		.update(invites)
		.set({ revokedAt: now })
		.where(
			and(
				eq(invites.id, inviteId),
				eq(invites.inviterId, userId),
				isNull(invites.usedAt),
				isNull(invites.revokedAt)
			)
		)
		.returning({ id: invites.id });
	if (revoked.length === 0) throw notFound();
}

export type InviteLookup = { invite: Invite; inviterName: string };

export function findInviteByToken(token: string): Promise<InviteLookup | undefined> {
	return lookup(eq(invites.token, token));
}

export function findInviteByCode(code: string): Promise<InviteLookup | undefined> {
	return lookup(eq(invites.code, code));
}

async function lookup(where: ReturnType<typeof eq>): Promise<InviteLookup | undefined> {
	const [row] = await getDb()
		.select({ invite: invites, inviterName: users.name })
		.from(invites)
		.innerJoin(users, eq(users.id, invites.inviterId))
		.where(where)
		.limit(1);
	return row ?? undefined;
}

export async function problemFor(
	lookup: InviteLookup,
	viewerId: string,
	now = Date.now()
): Promise<InviteProblem | null> {
	return inviteProblem(
		lookup.invite,
		{ id: viewerId, inCouple: (await activeCoupleOf(viewerId)) !== null },
		(await activeCoupleOf(lookup.invite.inviterId)) !== null,
		now
	);
}

export class InviteRefused extends AppError {
	constructor(readonly problem: InviteProblem) {
		super('conflict', problem);
	}
}

/**
 * Accepts an invite: marks it used and creates the couple with both members, all in one
 * transaction. Two people accepting at once: the second finds the invite used (SQLite serialises
 * the writers; on PostgreSQL acceptances that share a person take turns, see below); the partial
 * unique index guards "one active couple a person" whatever happens.
 */
export function acceptInvite(token: string, userId: string, now = Date.now()) {
	return transaction(async (tx) => {
		const seen = await findInviteByToken(token);
		if (!seen) throw notFound();
		// Acceptances that share a person (one invite, or two people accepting each other's) take
		// their turn here, always in the same order: on PostgreSQL they would otherwise lock each
		// other's invites in opposite orders and deadlock (SQLite already runs one writer at a time).
		await lockRows('users', [seen.invite.inviterId, userId]);
		// Read again once it is our turn: the one before may have used it.
		const found = await findInviteByToken(token);
		if (!found) throw notFound();
		const problem = await problemFor(found, userId, now);
		if (problem) throw new InviteRefused(problem);
		const claimed = await tx
			.update(invites)
			.set({ usedAt: now, usedBy: userId })
			.where(
				and(eq(invites.id, found.invite.id), isNull(invites.usedAt), isNull(invites.revokedAt))
			)
			.returning({ id: invites.id });
		if (claimed.length !== 1) throw new InviteRefused('used');
		const coupleId = crypto.randomUUID();
		await tx.insert(couples).values({ id: coupleId, createdAt: now });
		// A member already in an active couple is skipped rather than failing the statement (which
		// on PostgreSQL would abort the transaction); the refusal then undoes all of it.
		const members = await tx
			.insert(coupleMembers)
			.values([
				{ coupleId, userId: found.invite.inviterId, joinedAt: now, active: true },
				{ coupleId, userId, joinedAt: now, active: true }
			])
			.onConflictDoNothing()
			.returning({ userId: coupleMembers.userId });
		if (members.length !== 2) throw new InviteRefused('inviter-paired');
		// Any other invite either of them had out is now moot.
		for (const id of [found.invite.inviterId, userId]) {
			await tx
				.update(invites)
				.set({ revokedAt: now })
				.where(and(eq(invites.inviterId, id), isNull(invites.usedAt), isNull(invites.revokedAt)));
		}
		return { coupleId, inviterId: found.invite.inviterId, inviterName: found.inviterName };
	});
}
