import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from './auth/session';

/** Pages that need an account send a visitor to log in, then back to where they were going. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const target = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(target)}`);
	}
	return user;
}
