import { describe, expect, it } from 'vitest';
import { resolveTimeZone, timeZoneSchema } from '$lib/schemas/time-zone';

describe('the searchable time-zone field', () => {
	it('takes a zone by its name in any case, with spaces or underscores', () => {
		expect(resolveTimeZone('Europe/London')).toBe('Europe/London');
		expect(resolveTimeZone('  america/new york ')).toBe('America/New_York');
		expect(resolveTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
		expect(resolveTimeZone('UTC')).toBe('UTC');
	});

	it('takes a city alone when exactly one zone has it', () => {
		expect(resolveTimeZone('Lisbon')).toBe('Europe/Lisbon');
		expect(resolveTimeZone('new york')).toBe('America/New_York');
		expect(resolveTimeZone('Sao_Paulo')).toBe('America/Sao_Paulo');
	});

	it('knows when it does not know: empty, unknown, too long', () => {
		expect(resolveTimeZone('')).toBeNull();
		expect(resolveTimeZone('   ')).toBeNull();
		expect(resolveTimeZone('Mars/Olympus')).toBeNull();
		expect(resolveTimeZone('Atlantis')).toBeNull();
		expect(resolveTimeZone('x'.repeat(65))).toBeNull();
		expect(resolveTimeZone('__proto__')).toBeNull();
	});

	it('the form schema gives the proper name, or a kind message', () => {
		expect(timeZoneSchema.parse('tokyo')).toBe('Asia/Tokyo');
		const refused = timeZoneSchema.safeParse('Nowhere');
		expect(refused.success).toBe(false);
		expect(refused.error?.issues[0]?.message).toMatch(/choose a time zone/);
	});
});
