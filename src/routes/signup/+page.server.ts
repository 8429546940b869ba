import { redirect } from '@sveltejs/kit';
import { signupSchema, redirectTarget } from '$lib/schemas/auth';
import { createUser, EmailTakenError } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { authLimits } from '$lib/server/auth/rate-limit';
import { createSession } from '$lib/server/auth/session';
import { invalid, parseForm, readForm } from '$lib/server/forms';
import { clientAddress } from '$lib/server/request';
import { TIME_ZONE_MESSAGE, resolveTimeZone } from '$lib/schemas/time-zone';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = redirectTarget.parse(url.searchParams.get('redirectTo') ?? '/');
	if (locals.user) redirect(303, next);
	return { redirectTo: next };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const parsed = parseForm(signupSchema, form);
		if (!parsed.ok) return parsed.failure;
		// The page fills in the browser's zone and lets it be changed; without JavaScript the field
		// is empty and the person types it. Only a client that sends no field at all gets UTC.
		const typedZone = form.get('timeZone');
		const timeZone = typedZone === null ? 'UTC' : resolveTimeZone(String(typedZone));
		const raw = {
			name: parsed.data.name,
			email: parsed.data.email,
			timeZone: typeof typedZone === 'string' ? typedZone : ''
		};
		if (!timeZone) return invalid(raw, { timeZone: TIME_ZONE_MESSAGE });
		const limit = await authLimits.signup(clientAddress(event));
		if (!limit.allowed) {
			return invalid(
				raw,
				{
					form: `Too many new accounts from here. Please try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`
				},
				429
			);
		}
		let userId: string;
		try {
			const user = await createUser({
				...parsed.data,
				timeZone
			});
			userId = user.id;
		} catch (error) {
			if (error instanceof EmailTakenError) {
				return invalid(raw, {
					email: 'An account with that email already exists. Try logging in.'
				});
			}
			throw error;
		}
		const { token, session } = await createSession(userId);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, redirectTarget.parse(form.get('redirectTo') ?? '/'));
	}
};
