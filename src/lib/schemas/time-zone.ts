import { z } from 'zod';

/** True for an IANA zone name the runtime knows ("Europe/London", "America/New_York", "UTC"). */
export function isTimeZone(value: string): boolean {
	if (value.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

export const timeZoneSchema = z
	.string()
	.trim()
	.refine(isTimeZone, { message: 'Please choose a time zone from the list.' });

/** The browser's detected zone from a form, or UTC when it is missing or unknown. */
export function timeZoneOrUtc(value: unknown): string {
	const parsed = timeZoneSchema.safeParse(value);
	return parsed.success ? parsed.data : 'UTC';
}
