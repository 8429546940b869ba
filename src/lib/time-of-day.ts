/**
 * A time of day as minutes after midnight (what is stored), written "22:30" (what a time field
 * holds and sends, whatever the browser's language, and what is shown).
 */

/** "22:30" for 1350. */
export function clockTime(minuteOfDay: number): string {
	const hours = Math.floor(minuteOfDay / 60);
	return `${String(hours).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** 1350 for "22:30" (seconds, which a time field may add, are ignored); null for anything else. */
export function minuteOfDay(text: string): number | null {
	const match = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,3})?)?$/.exec(text.trim());
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
