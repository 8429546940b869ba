import type { DoorDepth } from '$lib/conversation/door/types';

/** The opener's choices: a depth only if they want to say one. */
export const DEPTH_CHOICES: { value: DoorDepth | ''; label: string }[] = [
	{ value: '', label: 'Not sure yet' },
	{ value: 'light', label: 'Something light' },
	{ value: 'on-my-mind', label: 'Something on my mind' }
];

/** How the partner reads the depth, after "{name} left the door open for a talk this week." */
export const DEPTH_FOR_PARTNER: Record<DoorDepth, string> = {
	light: 'Something light, they say.',
	'on-my-mind': 'Something is on their mind.'
};

/** What a plan proposed through the door is about, to start from (the proposer may change it). */
export const DEPTH_INTENTION: Record<DoorDepth, string> = {
	light: 'Something light',
	'on-my-mind': "What's on your mind"
};
