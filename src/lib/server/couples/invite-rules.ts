import type { Invite } from '../db/schema';

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteProblem =
	'expired' | 'used' | 'revoked' | 'own' | 'you-are-paired' | 'inviter-paired';

/** Why this person cannot accept this invite now, or null when they can. Pure, so it is unit-tested. */
export function inviteProblem(
	invite: Pick<Invite, 'inviterId' | 'expiresAt' | 'usedAt' | 'revokedAt'>,
	viewer: { id: string; inCouple: boolean },
	inviterInCouple: boolean,
	now: number
): InviteProblem | null {
	if (invite.usedAt !== null) return 'used';
	if (invite.revokedAt !== null) return 'revoked';
	if (now >= invite.expiresAt) return 'expired';
	if (invite.inviterId === viewer.id) return 'own';
	if (viewer.inCouple) return 'you-are-paired';
	if (inviterInCouple) return 'inviter-paired';
	return null;
}

/** Kind, clear words for each problem: nothing here blames anyone. */
export function inviteProblemMessage(problem: InviteProblem, inviterName: string): string {
	switch (problem) {
		case 'expired':
			return `This invite has expired — invites last a week. Ask ${inviterName} for a fresh one.`;
		case 'used':
			return 'This invite has already been used. Each invite opens one space, once.';
		case 'revoked':
			return `${inviterName} has replaced this invite. Ask them for the new link or code.`;
		case 'own':
			return 'This is your own invite. Send the link or code to your partner to join you.';
		case 'you-are-paired':
			return 'You already share a space. To join another, leave your current space in Settings first.';
		case 'inviter-paired':
			return `${inviterName} already shares a space with someone, so this invite can't be used.`;
	}
}
