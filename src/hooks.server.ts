import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { registerRuntime } from '$lib/server/runtime';
import { applySecurityHeaders } from '$lib/server/security-headers';

export const init: ServerInit = async () => {
	if (!building) await registerRuntime();
};

const BODY_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'];

export const handle: Handle = async ({ event, resolve }) => {
	const response = await respond({ event, resolve });
	applySecurityHeaders(response.headers, event.url);
	return response;
};

const respond: Handle = async ({ event, resolve }) => {
	// Forms and the JSON endpoints read only these; anything else gets a clear 415, not a crash
	// deep inside request.formData().
	const method = event.request.method;
	if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
		const type = (event.request.headers.get('content-type') ?? '')
			.split(';')[0]!
			.trim()
			.toLowerCase();
		if (type && !BODY_TYPES.includes(type)) {
			return new Response('Please send this as a form.', {
				status: 415,
				headers: { 'content-type': 'text/plain' }
			});
		}
	}

	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.sessionId = null;
	if (token) {
		const result = await validateSessionToken(token);
		if (result) {
			event.locals.user = result.user;
			event.locals.sessionId = result.session.id;
			setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	const response = await resolve(event);
	// Private by default: pages carry a couple's words, so no shared cache may keep them.
	if (!response.headers.has('cache-control'))
		response.headers.set('cache-control', 'private, no-store');
	return response;
};

/** Unexpected errors are logged here; the person sees a calm message, never a stack trace. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error('[server] unexpected error', error);
	return {
		message: status === 404 ? 'We could not find that page.' : 'Something went wrong on our side.'
	};
};
