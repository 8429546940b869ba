import type { ActionResult } from '@sveltejs/kit';
import { notices } from '$lib/components/notices.svelte';

const NOT_SENT =
	'Not sent — the connection dropped. What you wrote is still here: try again in a moment.';

/**
 * A form that never reached the server (offline, or the connection dropped) comes back as an error
 * with no status. Nothing was posted, so the page stays as it is — everything typed still in its
 * fields — and says so, rather than leaving for the error page. True when that is what happened.
 */
export function saidNotSent(result: ActionResult): boolean {
	if (result.type !== 'error' || result.status) return false;
	notices.push(NOT_SENT, { ms: 10_000 });
	return true;
}
