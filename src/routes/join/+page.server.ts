import { redirect } from '@sveltejs/kit';
import { joinCodeForm } from '$lib/schemas/couple';
import { authLimits } from '$lib/server/auth/rate-limit';
import { findInviteByCode } from '$lib/server/couples/invites';
import { invalid, parseForm, readForm } from '$lib/server/forms';
import { clientAddress } from '$lib/server/request';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(joinCodeForm, await readForm(event));
		if (!parsed.ok) return parsed.failure;
		const limit = await authLimits.joinCode(clientAddress(event));
		const raw = { code: parsed.data.code };
		if (!limit.allowed) {
			return invalid(
				raw,
				{ code: 'Too many codes tried from here. Please wait a little and try again.' },
				429
			);
		}
		const found = await findInviteByCode(parsed.data.code);
		if (!found) {
			return invalid(
				raw,
				{ code: 'That code does not match an invite. Check it with your partner.' },
				404
			);
		}
		redirect(303, `/join/${found.invite.token}`);
	}
};
