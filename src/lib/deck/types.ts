export const DEPTHS = ['light', 'personal', 'vulnerable'] as const;
export type Depth = (typeof DEPTHS)[number];

export const DEPTH_LABELS: Record<Depth, string> = {
	light: 'Light',
	personal: 'Personal',
	vulnerable: 'Vulnerable'
};

export const CATEGORIES = [
	'day-to-day',
	'us-right-now',
	'growing-up',
	'dreams-and-future',
	'feelings-and-needs',
	'appreciation',
	'hard-moments-and-repair',
	'closeness-and-intimacy',
	'values-and-meaning',
	'play',
	'side-by-side'
] as const;
export type CategoryId = (typeof CATEGORIES)[number];

export interface CategoryInfo {
	id: CategoryId;
	label: string;
	description: string;
}

/** What two people may be doing side by side: activity cards are written for one of these. */
export const ACTIVITIES = ['cooking', 'walking', 'driving', 'anything'] as const;
export type Activity = (typeof ACTIVITIES)[number];

export interface Card {
	/** Stable slug, never changes once published (history refers to it). Lowercase kebab-case, e.g. "day-small-win". */
	id: string;
	text: string;
	category: CategoryId;
	depth: Depth;
	/** Moves from the fact to its meaning, e.g. "What made that matter to you?" */
	followUp?: string;
	/** Only set when a card intentionally starts like a yes/no question; says why. Prefer zero of these. */
	yesNoException?: string;
	/**
	 * An activity card ("While you cook…"), offered first in a talk side by side; the other
	 * pickers leave it out. "anything": fits whatever they are doing together.
	 */
	activity?: Activity;
	/**
	 * Set on a card best asked face to face, in a live talk (it touches a hurt between the two): says
	 * why. Such a card is never sent as a card or chosen as a question for today; a talk offers it.
	 */
	liveOnly?: string;
}

export interface FeelingFamily {
	id: string;
	label: string;
	feelings: string[];
}
