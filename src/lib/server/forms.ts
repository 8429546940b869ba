import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';

export type FieldErrors = Record<string, string>;

export const UNREADABLE_FORM = 'We could not read that form. Please reload the page and try again.';

/**
 * The one way a form action reads its body. A body that cannot be parsed (a broken multipart body,
 * a urlencoded body with malformed percent escapes or bytes that are not UTF-8) answers 400 with a
 * plain message instead of a 500, and before the action has changed anything. Content types that
 * are not forms never get here: the request hook answers them with 415.
 *
 * Every action calls it, including actions that take no fields, so a broken body is refused the
 * same way everywhere.
 */
export async function readForm(event: Pick<RequestEvent, 'request'>): Promise<FormData> {
	const request = event.request;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	try {
		if (type === 'application/x-www-form-urlencoded')
			return parseUrlencoded(await request.arrayBuffer());
		return await request.formData();
	} catch (caught) {
		// A refusal SvelteKit made while reading (413: the body is over the size limit) stands.
		if (hasStatus(caught) && caught.status >= 400 && caught.status < 500) throw caught;
		error(400, { message: UNREADABLE_FORM });
	}
}

/**
 * `application/x-www-form-urlencoded`, parsed as the URL standard does but strictly: where a
 * browser's parser would quietly keep a stray `%` or swap broken bytes for U+FFFD, this throws.
 */
export function parseUrlencoded(body: ArrayBuffer | Uint8Array): FormData {
	const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	const form = new FormData();
	for (const sequence of text.split('&')) {
		if (sequence === '') continue;
		const at = sequence.indexOf('=');
		const name = at < 0 ? sequence : sequence.slice(0, at);
		const value = at < 0 ? '' : sequence.slice(at + 1);
		form.append(percentDecode(name), percentDecode(value));
	}
	return form;
}

/** Throws a URIError for a `%` without two hex digits or escapes that are not UTF-8. */
const percentDecode = (part: string) => decodeURIComponent(part.replaceAll('+', ' '));

const hasStatus = (value: unknown): value is { status: number } =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as { status?: unknown }).status === 'number';

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
