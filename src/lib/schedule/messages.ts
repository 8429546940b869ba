/** What a partner hears, live, about planned talks. Kind words: nothing here is a scold. */

export type ScheduleChange =
	'proposed' | 'accepted' | 'declined' | 'countered' | 'changed' | 'cancelled' | 'skipped';

export function scheduleChangeText(change: string, byName: string): string {
	switch (change) {
		case 'proposed':
			return `${byName} would like to plan a talk with you.`;
		case 'accepted':
			return `${byName} said yes to your talk.`;
		case 'declined':
			return `${byName} said: not now — thank you for asking.`;
		case 'countered':
			return `${byName} suggested another time.`;
		case 'changed':
			return `${byName} changed a planned talk.`;
		case 'cancelled':
			return `${byName} took a planned talk off the calendar.`;
		case 'skipped':
			return `${byName} is taking one week off your weekly talk. The rest stays planned.`;
		default:
			return `${byName} updated a planned talk.`;
	}
}

/**
 * "Your talk starts in 10 minutes" / "It's time for your talk" (or your check-in, for a plan marked
 * so), with the intention if there is one.
 */
export function reminderText(
	info: { kind: 'soon' | 'start'; occurrenceAt: number; intention: string | null; checkin?: true },
	now = Date.now()
): string {
	const about = info.intention ? ` — “${info.intention}”` : '';
	const what = info.checkin ? 'check-in' : 'talk';
	if (info.kind === 'start') return `It's time for your ${what}${about}.`;
	const minutes = Math.max(1, Math.round((info.occurrenceAt - now) / 60_000));
	const when = minutes === 1 ? 'in a minute' : `in ${minutes} minutes`;
	return `Your ${what} starts ${when}${about}.`;
}
