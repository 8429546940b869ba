import type { HandleClientError } from '@sveltejs/kit';
import { z } from 'zod';

// The Content-Security-Policy allows no eval: zod would otherwise probe `new Function` (a blocked
// eval, reported as a violation) before falling back to the same checks without it.
z.config({ jitless: true });

// Never show a stack trace or an internal message to a person.
export const handleError: HandleClientError = () => ({
	message: 'Something went wrong on this page. Please reload.'
});
