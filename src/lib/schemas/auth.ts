import { z } from 'zod';
import { hasForbiddenText, line } from './text';

import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from '$lib/limits';

// Shared with the pages (input constraints) through the zod-free $lib/limits.
export { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN };

const email = z
	.string({ error: 'Please enter your email.' })
	.trim()
	.min(1, 'Please enter your email.')
	.max(254, 'That email is too long.')
	.pipe(z.email({ error: 'That does not look like an email address.' }));

const password = z
	.string({ error: 'Please enter a password.' })
	.min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
	.max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const signupSchema = z.object({
	name: line({ error: 'Please tell us your name.' })
		.trim()
		.min(1, 'Please tell us your name.')
		.max(NAME_MAX, `Keep it under ${NAME_MAX} characters.`),
	email,
	password
});

export const loginSchema = z.object({
	email,
	password: z
		.string({ error: 'Please enter your password.' })
		.min(1, 'Please enter your password.')
		.max(PASSWORD_MAX, 'That password is too long.')
});

export const passwordChangeSchema = z
	.object({
		currentPassword: z
			.string({ error: 'Please enter your current password.' })
			.min(1, 'Please enter your current password.')
			.max(PASSWORD_MAX),
		newPassword: password
	})
	.refine((v) => v.currentPassword !== v.newPassword, {
		path: ['newPassword'],
		message: 'Choose a password different from the current one.'
	});

/** A local path to return to after login; anything else (other sites, `//host`) is dropped. */
export const redirectTarget = z
	.string()
	.max(500)
	.regex(/^\/(?![/\\])/)
	.refine((v) => !hasForbiddenText(v) && !/[\t\n]/.test(v))
	.catch('/');
