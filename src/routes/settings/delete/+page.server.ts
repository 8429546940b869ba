import { redirect } from '@sveltejs/kit';
import { deleteAccountForm } from '$lib/schemas/history';
import { findUserById } from '$lib/server/auth/accounts';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { verifyPassword } from '$lib/server/auth/password';
import { activeCoupleOf } from '$lib/server/couples/access';
import { invalid, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import { deleteAccount } from '$lib/server/history/account';
import { announceCoupleEnded, endUserSockets } from '$lib/server/hub';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { partnerName: (await activeCoupleOf(user.id))?.partner.name ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(deleteAccountForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const stored = await findUserById(user.id);
		if (!stored || !(await verifyPassword(stored.passwordHash, parsed.data.password))) {
			return invalid({}, { password: 'That is not your password.' });
		}
		const couple = await activeCoupleOf(user.id);
		endUserSockets(user.id, 'logout-all');
		await deleteAccount(user.id);
		if (couple)
			announceCoupleEnded(couple.id, { id: user.id, name: 'Your partner' }, couple.partner.id);
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/?deleted=1');
	}
};
