import { fail } from '@sveltejs/kit';
import { z } from 'zod';

export type FieldErrors = Record<string, string>;

/**
 * Validates a form with a shared schema. On failure returns a 400 `fail` carrying the first message
 * per field and the submitted values, minus any field named like a password (never echoed back).
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData) {
	const raw: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') raw[key] = value;
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true as const, data: result.data as z.output<S> };
	return { ok: false as const, failure: invalid(raw, firstErrors(result.error)) };
}

export function firstErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}

export function invalid(raw: Record<string, string>, errors: FieldErrors, status = 400) {
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (!/password/i.test(key)) values[key] = value;
	}
	return fail(status, { values, errors });
}
