import { z } from 'zod';
import { line, text } from './text';
import { CATEGORIES } from '$lib/deck/types';

const flag = z
	.enum(['1', 'on', 'true'])
	.optional()
	.transform((v) => v !== undefined);

/** The timeline's URL parameters. Anything unknown is dropped with a message, never a crash. */
export const historyQuery = z.object({
	kind: z.enum(['live', 'async', 'daily', 'checkin']).optional(),
	category: z.enum(CATEGORIES).optional(),
	moments: flag,
	setAside: flag,
	q: line().trim().max(100).optional(),
	after: z
		.string()
		.regex(/^\d{1,15}_[0-9a-f-]{36}$/)
		.optional()
});

export function parseHistoryQuery(params: URLSearchParams) {
	const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
	const parsed = historyQuery.safeParse(raw);
	if (parsed.success) return { query: parsed.data, problem: null };
	// Keep what is valid; say plainly what was ignored.
	const query: z.output<typeof historyQuery> = { moments: false, setAside: false };
	for (const key of Object.keys(historyQuery.shape) as (keyof typeof historyQuery.shape)[]) {
		const one = historyQuery.shape[key].safeParse(raw[key]);
		if (one.success) Object.assign(query, { [key]: one.data });
	}
	return {
		query,
		problem: 'Some filters in the address were not understood, so they were left out.'
	};
}

export const momentForm = z.object({ seq: z.coerce.number().int().min(1).max(1e9) });
export const noteForm = z.object({
	note: text().trim().max(2000, 'Keep the note under 2,000 characters.')
});
export const bringBackForm = z.object({ setAsideId: z.uuid() });
export const deleteAccountForm = z.object({
	password: z.string().min(1, 'Please enter your password to confirm.').max(128),
	confirm: z.literal('on', { error: 'Please tick the box to confirm you understand.' })
});
