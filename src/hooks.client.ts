import type { HandleClientError } from '@sveltejs/kit';

// Never show a stack trace or an internal message to a person.
export const handleError: HandleClientError = () => ({
	message: 'Something went wrong on this page. Please reload.'
});
