import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, desc, eq, isNull, gt } from 'drizzle-orm';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '$lib/schemas/couple';
import { getDb } from '../db';
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
export function openInviteOf(userId: string, now = Date.now()): Invite | undefined {
	return getDb()
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
		.get();
}

/** Makes a fresh invite, replacing (revoking) any open one: one live invite a person. */
export function createInvite(userId: string, now = Date.now()): Invite {
	if (activeCoupleOf(userId)) {
		throw new AppError('conflict', 'You already share a space, so there is no one to invite.');
	}
	const db = getDb();
	return db.transaction((tx) => {
		tx.update(invites)
			.set({ revokedAt: now })
			.where(and(eq(invites.inviterId, userId), isNull(invites.usedAt), isNull(invites.revokedAt)))
			.run();
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
			try {
				tx.insert(invites).values(invite).run();
				return invite;
			} catch (error) {
				// A code collision (1 in ~10^12) simply draws again.
				if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
			}
		}
	});
}

/** Revokes the person's open invite. Someone else's invite id answers not found. */
export function revokeInvite(userId: string, inviteId: string, now = Date.now()): void {
	const result = getDb()
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
		.run();
	if (result.changes === 0) throw notFound();
}

export type InviteLookup = { invite: Invite; inviterName: string };

export function findInviteByToken(token: string): InviteLookup | undefined {
	return lookup(eq(invites.token, token));
}

export function findInviteByCode(code: string): InviteLookup | undefined {
	return lookup(eq(invites.code, code));
}

function lookup(where: ReturnType<typeof eq>): InviteLookup | undefined {
	const row = getDb()
		.select({ invite: invites, inviterName: users.name })
		.from(invites)
		.innerJoin(users, eq(users.id, invites.inviterId))
		.where(where)
		.get();
	return row ?? undefined;
}

export function problemFor(
	lookup: InviteLookup,
	viewerId: string,
	now = Date.now()
): InviteProblem | null {
	return inviteProblem(
		lookup.invite,
		{ id: viewerId, inCouple: activeCoupleOf(viewerId) !== null },
		activeCoupleOf(lookup.invite.inviterId) !== null,
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
 * transaction. Two people accepting at once: SQLite serialises the writers, the second finds the
 * invite used; the partial unique index guards "one active couple a person" whatever happens.
 */
export function acceptInvite(token: string, userId: string, now = Date.now()) {
	const db = getDb();
	return db.transaction(
		(tx) => {
			const found = findInviteByToken(token);
			if (!found) throw notFound();
			const problem = problemFor(found, userId, now);
			if (problem) throw new InviteRefused(problem);
			const claimed = tx
				.update(invites)
				.set({ usedAt: now, usedBy: userId })
				.where(
					and(eq(invites.id, found.invite.id), isNull(invites.usedAt), isNull(invites.revokedAt))
				)
				.run();
			if (claimed.changes !== 1) throw new InviteRefused('used');
			const coupleId = crypto.randomUUID();
			tx.insert(couples).values({ id: coupleId, createdAt: now }).run();
			try {
				tx.insert(coupleMembers)
					.values([
						{ coupleId, userId: found.invite.inviterId, joinedAt: now, active: true },
						{ coupleId, userId, joinedAt: now, active: true }
					])
					.run();
			} catch (error) {
				if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
					throw new InviteRefused('inviter-paired');
				throw error;
			}
			// Any other invite either of them had out is now moot.
			for (const id of [found.invite.inviterId, userId]) {
				tx.update(invites)
					.set({ revokedAt: now })
					.where(and(eq(invites.inviterId, id), isNull(invites.usedAt), isNull(invites.revokedAt)))
					.run();
			}
			return { coupleId, inviterId: found.invite.inviterId, inviterName: found.inviterName };
		},
		{ behavior: 'immediate' }
	);
}
