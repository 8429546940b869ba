import { phaseOf, type TalkState } from './reducer';
import type { TalkCard } from './types';

export interface SummaryCard {
	card: TalkCard;
	setAside: boolean;
	/** Who set it aside: only ever known on that person's own screen. */
	setAsideBy: string | null;
	turns: {
		speakerId: string;
		answer: { text: string | null; aloud: boolean } | null;
		/** What the speaker added when asked "Is there more?": their words too. */
		additions: string[];
		/**
		 * The reflection the speaker confirmed ("Yes, that's it"), if one was; `heard`, when the
		 * speaker said which of the guessed feelings were theirs (both saw it in the talk).
		 */
		confirmed: { text: string; feelings: string[]; needs: string[]; heard?: string[] } | null;
		attempts: number;
	}[];
}

export interface TalkSummary {
	durationMs: number;
	/** The opening line the talk began with, if one was chosen. */
	openingLine: string | null;
	/** The cards talked about or set aside; a card drawn and left without a word is not listed. */
	cards: SummaryCard[];
}

/** What the end-of-talk summary (and history) shows, derived from the state alone. */
export function summarize(state: TalkState): TalkSummary {
	const spoken = state.rounds.filter(
		(round) => round.setAside || round.turns.some((turn) => turn.answer !== null)
	);
	const cards: SummaryCard[] = spoken.map((round) => ({
		card: round.card,
		setAside: round.setAside,
		setAsideBy: round.setAsideBy,
		turns: round.turns.map((turn) => {
			const confirmed = phaseOf(turn) === 'complete' ? turn.reflections.at(-1)! : null;
			return {
				speakerId: turn.speakerId,
				answer: turn.answer,
				additions: turn.additions,
				confirmed: confirmed && {
					text: confirmed.text,
					feelings: confirmed.feelings,
					needs: confirmed.needs,
					...(confirmed.heard ? { heard: confirmed.heard } : {})
				},
				attempts: turn.reflections.length
			};
		})
	}));
	const end = state.endedAt ?? state.lastEventAt ?? state.startedAt ?? 0;
	return {
		durationMs: Math.max(0, end - (state.startedAt ?? end)),
		openingLine: state.openingLine,
		// No tallies of who was heard or who set a card aside: a summary is not a score.
		cards
	};
}
