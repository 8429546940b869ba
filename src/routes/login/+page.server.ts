import { redirect } from '@sveltejs/kit';
import { loginSchema, redirectTarget } from '$lib/schemas/auth';
import { findUserByEmail } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { decoyHash, verifyPassword } from '$lib/server/auth/password';
import { authLimits } from '$lib/server/auth/rate-limit';
import { createSession } from '$lib/server/auth/session';
import { invalid, parseForm, readForm } from '$lib/server/forms';
import { clientAddress } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = redirectTarget.parse(url.searchParams.get('redirectTo') ?? '/');
	if (locals.user) redirect(303, next);
	return { redirectTo: next, signedOut: url.searchParams.has('signedOut') };
};

function wait(seconds: number) {
	return seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const parsed = parseForm(loginSchema, form);
		if (!parsed.ok) return parsed.failure;
		const { email, password } = parsed.data;
		const account = email.toLowerCase();
		const address = clientAddress(event);
		const limit = await authLimits.loginAttempt(address, account);
		if (!limit.allowed) {
			return invalid(
				{ email },
				{ form: `Let's pause for a moment. Please try again in ${wait(limit.retryAfterSeconds)}.` },
				429
			);
		}
		const user = await findUserByEmail(email);
		// Verify against a decoy when the account is unknown, so the answer takes the same time.
		const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
		if (!user || !valid) {
			await authLimits.loginFailed(address, account);
			return invalid({ email }, { form: 'That email and password do not match an account.' });
		}
		await authLimits.loginSucceeded(address, account);
		const { token, session } = await createSession(user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, redirectTarget.parse(form.get('redirectTo') ?? '/'));
	}
};
