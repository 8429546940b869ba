import { describe, expect, it } from 'vitest';
import { createUser } from '$lib/server/auth/accounts';
import { activeCoupleOf, coupleForReading } from '$lib/server/couples/access';
import { INVITE_LIFETIME_MS, inviteProblem } from '$lib/server/couples/invite-rules';
import {
	acceptInvite,
	createInvite,
	findInviteByCode,
	InviteRefused,
	openInviteOf,
	revokeInvite
} from '$lib/server/couples/invites';
import { leaveCouple } from '$lib/server/couples/settings';
import { INVITE_CODE_ALPHABET } from '$lib/schemas/couple';

const now = 1_800_000_000_000;
const base = { inviterId: 'a', expiresAt: now + 1000, usedAt: null, revokedAt: null };
const viewer = { id: 'b', inCouple: false };

describe('invite rules', () => {
	it('lets a free person accept a fresh invite', () => {
		expect(inviteProblem(base, viewer, false, now)).toBeNull();
	});
	it('expires after its lifetime', () => {
		expect(inviteProblem(base, viewer, false, now + 1000)).toBe('expired');
	});
	it('is single use', () => {
		expect(inviteProblem({ ...base, usedAt: now - 5 }, viewer, false, now)).toBe('used');
	});
	it('can be revoked', () => {
		expect(inviteProblem({ ...base, revokedAt: now - 5 }, viewer, false, now)).toBe('revoked');
	});
	it('cannot be accepted by its own inviter', () => {
		expect(inviteProblem(base, { id: 'a', inCouple: false }, false, now)).toBe('own');
	});
	it('cannot be accepted by someone already paired, nor when the inviter paired since', () => {
		expect(inviteProblem(base, { id: 'b', inCouple: true }, false, now)).toBe('you-are-paired');
		expect(inviteProblem(base, viewer, true, now)).toBe('inviter-paired');
	});
});

async function person(name: string) {
	return createUser({
		name,
		email: `${crypto.randomUUID()}@example.com`,
		password: 'long enough pw'
	});
}

describe('invites on a real database', () => {
	it('makes an 8-character code without look-alikes and a 160-bit link token, valid 7 days', async () => {
		const alex = await person('Alex');
		const invite = createInvite(alex.id, now);
		expect(invite.code).toMatch(new RegExp(`^[${INVITE_CODE_ALPHABET}]{8}$`));
		expect(invite.code).not.toMatch(/[01OIL]/);
		expect(invite.token).toMatch(/^[a-z2-7]{32}$/);
		expect(invite.expiresAt - now).toBe(INVITE_LIFETIME_MS);
		expect(findInviteByCode(invite.code)?.inviterName).toBe('Alex');
	});

	it('replacing an invite revokes the old one', async () => {
		const alex = await person('Alex');
		const first = createInvite(alex.id);
		const second = createInvite(alex.id);
		expect(openInviteOf(alex.id)?.id).toBe(second.id);
		const sam = await person('Sam');
		expect(() => acceptInvite(first.token, sam.id)).toThrow(InviteRefused);
		expect(activeCoupleOf(sam.id)).toBeNull();
	});

	it('only the inviter can revoke; others get not found', async () => {
		const alex = await person('Alex');
		const eve = await person('Eve');
		const invite = createInvite(alex.id);
		expect(() => revokeInvite(eve.id, invite.id)).toThrow('We could not find that.');
		revokeInvite(alex.id, invite.id);
		expect(openInviteOf(alex.id)).toBeUndefined();
	});

	it('accepting creates a couple of exactly two, once; leaving makes it read-only for both', async () => {
		const alex = await person('Alex');
		const sam = await person('Sam');
		const kai = await person('Kai');
		const invite = createInvite(alex.id);
		const { coupleId } = acceptInvite(invite.token, sam.id);
		expect(activeCoupleOf(alex.id)?.partner.name).toBe('Sam');
		expect(activeCoupleOf(sam.id)?.partner.name).toBe('Alex');
		expect(() => acceptInvite(invite.token, kai.id)).toThrow(InviteRefused);
		expect(() => createInvite(alex.id)).toThrow(/already share a space/);

		leaveCouple(sam.id);
		expect(activeCoupleOf(alex.id)).toBeNull();
		expect(activeCoupleOf(sam.id)).toBeNull();
		expect(coupleForReading(alex.id, coupleId).endedAt).not.toBeNull();
		expect(() => coupleForReading(kai.id, coupleId)).toThrow('We could not find that.');
		// both free to pair again
		const again = createInvite(sam.id);
		acceptInvite(again.token, kai.id);
		expect(activeCoupleOf(kai.id)?.partner.name).toBe('Sam');
	});
});
