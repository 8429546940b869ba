import type { FeelingFamily } from './types';

/**
 * A vocabulary to help partners name feelings (their own, or what they hear in the other).
 * Feelings rarely come alone: the UI lets people pick more than one.
 * Every feeling appears in exactly one family.
 */
export const FEELING_FAMILIES: readonly FeelingFamily[] = [
	{
		id: 'glad',
		label: 'Glad',
		feelings: ['glad', 'joyful', 'relieved', 'proud', 'grateful', 'excited', 'delighted', 'playful']
	},
	{
		id: 'tender',
		label: 'Tender',
		feelings: ['tender', 'loving', 'warm', 'moved', 'close', 'affectionate']
	},
	{
		id: 'calm',
		label: 'Calm',
		feelings: ['calm', 'peaceful', 'content', 'safe', 'settled', 'at ease']
	},
	{
		id: 'hopeful',
		label: 'Hopeful',
		feelings: ['hopeful', 'optimistic', 'curious', 'inspired', 'eager', 'encouraged']
	},
	{
		id: 'anxious',
		label: 'Anxious',
		feelings: [
			'anxious',
			'worried',
			'nervous',
			'overwhelmed',
			'uneasy',
			'scared',
			'on edge',
			'jealous'
		]
	},
	{
		id: 'sad',
		label: 'Sad',
		feelings: ['sad', 'disappointed', 'heavy', 'grieving', 'down', 'discouraged']
	},
	{
		id: 'angry',
		label: 'Angry',
		feelings: ['angry', 'mad', 'upset', 'frustrated', 'irritated', 'resentful', 'annoyed', 'fed up']
	},
	{
		id: 'hurt',
		label: 'Hurt',
		feelings: ['hurt', 'let down', 'stung', 'offended', 'rejected', 'unappreciated', 'betrayed']
	},
	{
		id: 'ashamed',
		label: 'Ashamed',
		feelings: ['ashamed', 'embarrassed', 'guilty', 'exposed', 'inadequate', 'self-conscious']
	},
	{
		id: 'lonely',
		label: 'Lonely',
		feelings: ['lonely', 'left out', 'disconnected', 'distant', 'unseen', 'homesick']
	},
	{
		id: 'confused',
		label: 'Confused',
		feelings: ['confused', 'torn', 'unsure', 'lost', 'stuck', 'mixed up']
	},
	{
		id: 'tired',
		label: 'Tired',
		feelings: ['tired', 'drained', 'exhausted', 'numb', 'burnt out', 'flat']
	},
	{
		id: 'restless',
		label: 'Restless',
		feelings: ['restless', 'bored', 'impatient', 'jittery', 'unsettled']
	}
];

/**
 * Words people use for feelings that are, in Nonviolent Communication's terms, thoughts dressed as
 * feelings: they say what we think someone did to us. They stay in the list — people reach for
 * them — with a gentle note pointing to the feeling underneath.
 */
export const THOUGHT_FEELINGS: Readonly<Record<string, string>> = {
	rejected: 'Often a thought about what someone did. Underneath, maybe hurt, sad or lonely?',
	betrayed: 'Often a thought about what someone did. Underneath, maybe hurt, shocked or angry?',
	unappreciated: 'Often a thought about others. Underneath, maybe sad, tired or let down?'
};

/** Flattened list of every feeling, in family order. */
export const ALL_FEELINGS: readonly string[] = FEELING_FAMILIES.flatMap(
	(family) => family.feelings
);

/** Needs that often sit underneath feelings. */
export const NEEDS: readonly string[] = [
	'to be heard',
	'to be seen',
	'to matter',
	'understanding',
	'reassurance',
	'rest',
	'space',
	'time alone',
	'quiet',
	'closeness',
	'connection',
	'time together',
	'affection',
	'touch',
	'tenderness',
	'appreciation',
	'acceptance',
	'belonging',
	'honesty',
	'trust',
	'respect',
	'fairness',
	'fun',
	'play',
	'celebration',
	'autonomy',
	'freedom',
	'safety',
	'security',
	'predictability',
	'consistency',
	'support',
	'help',
	'comfort',
	'encouragement',
	'patience',
	'forgiveness',
	'clarity',
	'growth',
	'meaning'
];
