import { fail, redirect } from '@sveltejs/kit';
import { inviteTokenSchema } from '$lib/schemas/couple';
import { findUserById } from '$lib/server/auth/accounts';
import { inviteProblemMessage } from '$lib/server/couples/invite-rules';
import {
	acceptInvite,
	findInviteByToken,
	InviteRefused,
	problemFor
} from '$lib/server/couples/invites';
import { AppError } from '$lib/server/errors';
import { requireUser } from '$lib/server/guard';
import { announceCoupleFormed } from '$lib/server/hub';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';

const UNKNOWN =
	"This invite link doesn't work. Check that it was copied whole, or ask your partner for a new one.";

export const load: PageServerLoad = async ({ params, locals }) => {
	const token = inviteTokenSchema.safeParse(params.token);
	const found = token.success ? await findInviteByToken(token.data) : undefined;
	if (!found) return { state: 'unknown' as const, message: UNKNOWN };
	const inviterName = found.inviterName;
	const { usedAt, revokedAt, expiresAt } = found.invite;
	// A used invite belongs to a couple now: say nothing of who is in it.
	if (usedAt !== null)
		return { state: 'problem' as const, message: inviteProblemMessage('used', '') };
	if (!locals.user) {
		if (revokedAt !== null || Date.now() >= expiresAt) {
			const problem = revokedAt !== null ? 'revoked' : 'expired';
			return { state: 'problem' as const, message: inviteProblemMessage(problem, inviterName) };
		}
		return { state: 'signed-out' as const, inviterName };
	}
	const problem = await problemFor(found, locals.user.id);
	if (problem)
		return {
			state: 'problem' as const,
			inviterName,
			message: inviteProblemMessage(problem, inviterName)
		};
	return { state: 'ready' as const, inviterName };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		await readForm(event);
		const token = inviteTokenSchema.safeParse(event.params.token);
		if (!token.success) return fail(404, { message: UNKNOWN });
		let joined;
		try {
			joined = await acceptInvite(token.data, user.id);
		} catch (error) {
			if (error instanceof InviteRefused) {
				const inviterName = (await findInviteByToken(token.data))?.inviterName ?? 'your partner';
				const name = error.problem === 'used' ? '' : inviterName;
				return fail(409, { message: inviteProblemMessage(error.problem, name) });
			}
			if (error instanceof AppError) return fail(404, { message: UNKNOWN });
			throw error;
		}
		const inviter = await findUserById(joined.inviterId);
		announceCoupleFormed(joined.coupleId, [
			{ id: joined.inviterId, name: inviter?.name ?? joined.inviterName },
			{ id: user.id, name: user.name }
		]);
		redirect(303, '/?joined=1');
	}
};
