/**
 * Lengths and choices shared by the forms' server-side validation (the zod schemas in
 * src/lib/schemas re-export them) and the pages' input constraints. Plain values, no zod: a page
 * that imports these does not ship the validation library to the browser.
 */

// Accounts
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 60;

// The deck
export const CARD_TEXT_MIN = 5;
export const CARD_TEXT_MAX = 280;
export const DECK_QUERY_MAX = 100;

// Planned talks
export const DURATION_MIN = 10;
export const DURATION_MAX = 180;
export const DURATION_DEFAULT = 30;
export const DURATION_CHOICES = [10, 15, 20, 30, 45, 60, 90, 120, 180] as const;
export const INTENTION_MAX = 200;
/** A note with an answer to a plan. */
export const PLAN_NOTE_MAX = 280;

// A question for today
/** Monday first, as ISO weekdays (1 = Monday … 7 = Sunday). */
export const WEEKDAYS = [
	{ iso: 1, short: 'Mon', long: 'Monday' },
	{ iso: 2, short: 'Tue', long: 'Tuesday' },
	{ iso: 3, short: 'Wed', long: 'Wednesday' },
	{ iso: 4, short: 'Thu', long: 'Thursday' },
	{ iso: 5, short: 'Fri', long: 'Friday' },
	{ iso: 6, short: 'Sat', long: 'Saturday' },
	{ iso: 7, short: 'Sun', long: 'Sunday' }
] as const;

// A pace of one's own
/** How many sent cards may wait for a person's answer at once: a few choices, or no limit. */
export const WAITING_LIMITS = [1, 2, 3, 5] as const;

// An "I noticed…" card
export const NOTICED_OBSERVATION_MIN = 5;
export const NOTICED_OBSERVATION_MAX = 280;
export const NOTICED_INVITATION_MAX = 200;
/** A gentle guess names a feeling or two, not a list. */
export const NOTICED_FEELINGS_MAX = 3;

// A weekly check-in
/** One person's entry on a step (an appreciation, what went well, what would help). */
export const CHECKIN_ENTRY_MAX = 1000;
