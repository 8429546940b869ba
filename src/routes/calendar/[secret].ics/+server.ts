import { error } from '@sveltejs/kit';
import { feedCalendar } from '$lib/server/schedule/feeds';
import type { RequestHandler } from './$types';

/**
 * A person's private calendar feed. Calendar apps fetch it without a session, so the secret in the
 * URL is the key: an unknown or revoked one is simply not found.
 */
export const GET: RequestHandler = async (event) => {
	const text = await feedCalendar(event.params.secret, event.url.origin);
	if (text === null) error(404, { message: 'We could not find that calendar.' });
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex'
		}
	});
};
