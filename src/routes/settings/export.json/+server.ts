import { error } from '@sveltejs/kit';
import { exportData } from '$lib/server/history/account';
import type { RequestHandler } from './$types';

/** Everything this person can see, as JSON (a download). */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, { message: 'Please log in first.' });
	const body = JSON.stringify(await exportData(locals.user.id), null, 2);
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="hearth-export.json"',
			'cache-control': 'private, no-store'
		}
	});
};
