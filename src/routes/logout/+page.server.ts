import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { endSessionSockets } from '$lib/server/hub';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms';

// Logging out changes state, so it is a POST only; a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		await readForm(event);
		const { locals, cookies, url } = event;
		if (locals.sessionId) {
			await invalidateSession(locals.sessionId);
			endSessionSockets(locals.sessionId, 'logout');
		}
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
