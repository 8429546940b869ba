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

const searchKey = (name: string) =>
	name
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, ' ');

/**
 * The zone a person typed into the searchable field: an IANA name in any case, with spaces or
 * underscores ("america/new york"), or just its city when only one zone has it ("Lisbon").
 * Returns the zone's proper name, or null when there is none.
 */
export function resolveTimeZone(typed: string): string | null {
	const value = typed.trim();
	if (!value || value.length > 64) return null;
	if (isTimeZone(value))
		return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
	const wanted = searchKey(value);
	const zones = Intl.supportedValuesOf('timeZone');
	const named = zones.find((zone) => searchKey(zone) === wanted);
	if (named) return named;
	const byCity = zones.filter(
		(zone) => searchKey(zone.slice(zone.lastIndexOf('/') + 1)) === wanted
	);
	return byCity.length === 1 ? byCity[0]! : null;
}

export const TIME_ZONE_MESSAGE =
	'Please choose a time zone from the list, or type a city like “London”.';

export const timeZoneSchema = z.string().transform((value, context) => {
	const zone = resolveTimeZone(value);
	if (zone) return zone;
	context.addIssue({ code: 'custom', message: TIME_ZONE_MESSAGE });
	return z.NEVER;
});

/** The browser's detected zone from a form, or UTC when it is missing or unknown. */
export function timeZoneOrUtc(value: unknown): string {
	const parsed = timeZoneSchema.safeParse(value);
	return parsed.success ? parsed.data : 'UTC';
}
