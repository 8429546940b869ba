import type { CategoryInfo } from './types';

/** Human labels and one-line descriptions, in the same order as CATEGORIES. */
export const CATEGORY_INFO: readonly CategoryInfo[] = [
	{
		id: 'day-to-day',
		label: 'Day to day',
		description: 'The small moments, wins and weights of ordinary days.'
	},
	{
		id: 'us-right-now',
		label: 'Us right now',
		description: 'How the two of you feel together in this season.'
	},
	{
		id: 'growing-up',
		label: 'Growing up',
		description: 'Where you come from and how it still shapes you.'
	},
	{
		id: 'dreams-and-future',
		label: 'Dreams and future',
		description: 'Hopes, plans and the fears that come with them.'
	},
	{
		id: 'feelings-and-needs',
		label: 'Feelings and needs',
		description: 'Naming what you feel and asking for what you need.'
	},
	{
		id: 'appreciation',
		label: 'Appreciation',
		description: 'Noticing and saying what you value in each other.'
	},
	{
		id: 'hard-moments-and-repair',
		label: 'Hard moments and repair',
		description: 'How you disagree, make up and rebuild trust.'
	},
	{
		id: 'closeness-and-intimacy',
		label: 'Closeness and intimacy',
		description: 'Affection, touch and feeling wanted, at your own pace.'
	},
	{
		id: 'values-and-meaning',
		label: 'Values and meaning',
		description: 'What matters most to you, and why.'
	},
	{
		id: 'play',
		label: 'Play',
		description: 'Silly, curious and light-hearted ways to enjoy each other.'
	},
	{
		id: 'side-by-side',
		label: 'Side by side',
		description: 'For talking while you cook, walk or drive together.'
	}
];
