import { error } from '@sveltejs/kit';
import { exportMarkdown } from '$lib/server/history/account';
import type { RequestHandler } from './$types';

/** The same, as a readable transcript in Markdown, times in the person's own zone. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, { message: 'Please log in first.' });
	return new Response(await exportMarkdown(locals.user.id, locals.user.timeZone), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': 'attachment; filename="hearth-transcript.md"',
			'cache-control': 'private, no-store'
		}
	});
};
