import type { HandleClientError } from '@sveltejs/kit';

// zod validates on the server only: pages take their limits from the zod-free $lib/limits, so the
// library is not shipped to the browser. (If it ever is, call `z.config({ jitless: true })` where
// it is used: the Content-Security-Policy allows no eval, which zod would otherwise probe.)

// Never show a stack trace or an internal message to a person.
export const handleError: HandleClientError = () => ({
	message: 'Something went wrong on this page. Please reload.'
});
