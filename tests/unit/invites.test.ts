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
		const invite = await createInvite(alex.id, now);
		expect(invite.code).toMatch(new RegExp(`^[${INVITE_CODE_ALPHABET}]{8}$`));
		expect(invite.code).not.toMatch(/[01OIL]/);
		expect(invite.token).toMatch(/^[a-z2-7]{32}$/);
		expect(invite.expiresAt - now).toBe(INVITE_LIFETIME_MS);
		expect((await findInviteByCode(invite.code))?.inviterName).toBe('Alex');
	});

	it('replacing an invite revokes the old one', async () => {
		const alex = await person('Alex');
		const first = await createInvite(alex.id);
		const second = await createInvite(alex.id);
		expect((await openInviteOf(alex.id))?.id).toBe(second.id);
		const sam = await person('Sam');
		await expect(acceptInvite(first.token, sam.id)).rejects.toThrow(InviteRefused);
		expect(await activeCoupleOf(sam.id)).toBeNull();
	});

	it('only the inviter can revoke; others get not found', async () => {
		const alex = await person('Alex');
		const eve = await person('Eve');
		const invite = await createInvite(alex.id);
		await expect(revokeInvite(eve.id, invite.id)).rejects.toThrow('We could not find that.');
		await revokeInvite(alex.id, invite.id);
		expect(await openInviteOf(alex.id)).toBeUndefined();
	});

	it('accepting creates a couple of exactly two, once; leaving makes it read-only for both', async () => {
		const alex = await person('Alex');
		const sam = await person('Sam');
		const kai = await person('Kai');
		const invite = await createInvite(alex.id);
		const { coupleId } = await acceptInvite(invite.token, sam.id);
		expect((await activeCoupleOf(alex.id))?.partner.name).toBe('Sam');
		expect((await activeCoupleOf(sam.id))?.partner.name).toBe('Alex');
		await expect(acceptInvite(invite.token, kai.id)).rejects.toThrow(InviteRefused);
		await expect(createInvite(alex.id)).rejects.toThrow(/already share a space/);

		await leaveCouple(sam.id);
		expect(await activeCoupleOf(alex.id)).toBeNull();
		expect(await activeCoupleOf(sam.id)).toBeNull();
		expect((await coupleForReading(alex.id, coupleId)).endedAt).not.toBeNull();
		await expect(coupleForReading(kai.id, coupleId)).rejects.toThrow('We could not find that.');
		// both free to pair again
		const again = await createInvite(sam.id);
		await acceptInvite(again.token, kai.id);
		expect((await activeCoupleOf(kai.id))?.partner.name).toBe('Sam');
	});
});
