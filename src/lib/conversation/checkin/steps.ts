import type { CheckinStep } from './types';

/** How each step reads, in the room and in history. */
export const STEP_INFO: Record<CheckinStep, { title: string; prompt: string }> = {
	appreciation: {
		title: 'An appreciation',
		prompt: 'Something you did this week that I loved…'
	},
	'went-well': {
		title: 'What went well',
		prompt: 'What went well for us this week?'
	},
	mind: {
		title: 'One thing on my mind',
		prompt: 'One thing on my mind…'
	},
	help: {
		title: 'What would help',
		prompt: 'What would help you this week?'
	}
};
