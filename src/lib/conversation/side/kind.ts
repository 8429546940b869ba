import { renamedParticipants, scrubbedCard, type Kind, type Names, type Words } from '../kind';
import type { TranscriptLine } from '../transcript';
import { applySide, currentRound, initialSideState, type SideState } from './reducer';
import { decideSide } from './rules';
import { sideReplay } from './replay';
import { ACTIVITY_LABELS, type SideEvent, type SideIntent } from './types';

/**
 * Side by side: a talk held on one phone while doing something together. Both partners see all of
 * it (it is theirs alike); nobody else sees any. Nobody types, so the log holds no words of
 * theirs — only the cards, who answered, and whether the reflection was it.
 */
export const sideKind: Kind<SideState, SideEvent, SideIntent> = {
	...sideReplay,
	participantsOf: (state) => state.participants.map((p) => p.id),
	decide: decideSide,
	visibleTo: (event, state, viewerId) =>
		state.participants.some((p) => p.id === viewerId) ? event : null,
	wordsOf(event): Words {
		return event.type === 'card.drawn' ? [{ part: 'other', text: event.data.card.text }] : [];
	},
	scrub(event, erasure) {
		if (event.type === 'side.started')
			return {
				...event.data,
				participants: renamedParticipants(event.data.participants, erasure)
			};
		if (event.type === 'card.drawn')
			return { ...event.data, card: scrubbedCard(event.data.card, erasure) };
		return event.data;
	},
	transcript: (events, names) => sideTranscript(events, names)
};

/** The passed cards' draws: "Another card" leaves no line behind. */
function passedDraws(events: readonly SideEvent[]): Set<number> {
	const passed = new Set<number>();
	let lastDraw: number | null = null;
	for (const event of events) {
		if (event.type === 'card.drawn') lastDraw = event.seq;
		if (event.type === 'card.passed' && lastDraw !== null) passed.add(lastDraw);
	}
	return passed;
}

function sideTranscript(events: readonly SideEvent[], names: Names): TranscriptLine[] {
	const passed = passedDraws(events);
	let state = initialSideState();
	const lines: TranscriptLine[] = [];
	for (const event of events) {
		const base = { seq: event.seq, at: event.at };
		const round = currentRound(state);
		switch (event.type) {
			case 'side.started':
				lines.push({
					...base,
					who: names(event.actorId),
					kind: 'start',
					text: `${names(event.actorId)} started a talk ${ACTIVITY_LABELS[event.data.activity]}`
				});
				break;
			case 'card.drawn':
				if (!passed.has(event.seq))
					lines.push({
						...base,
						who: names(event.data.speakerId),
						kind: 'card',
						card: event.data.card,
						text: `${names(event.data.speakerId)} took this one`
					});
				break;
			case 'answer.shared':
				if (round)
					lines.push({
						...base,
						who: names(round.speakerId),
						kind: 'answer',
						text: `${names(round.speakerId)} shared it aloud`
					});
				break;
			case 'reflection.spoken':
				if (round)
					lines.push({
						...base,
						who: names(round.listenerId),
						kind: 'reflection',
						text: `${names(round.listenerId)} said back what they heard`,
						feelings: event.data.feelings
					});
				break;
			case 'reflection.confirmed':
				if (round)
					lines.push({
						...base,
						who: names(round.speakerId),
						kind: 'confirmed',
						text: `${names(round.speakerId)}: “Yes, that's it”`
					});
				break;
			case 'reflection.not-quite':
				if (round)
					lines.push({
						...base,
						who: names(round.speakerId),
						kind: 'not-quite',
						text: `${names(round.speakerId)}: “Not quite”`
					});
				break;
			case 'side.ended':
				lines.push({
					...base,
					who: names(event.actorId),
					kind: 'end',
					text:
						event.data.reason === 'idle'
							? 'The talk rested for a day and closed by itself'
							: 'The talk ended'
				});
				break;
			// A pass and "ready" are not lines: nothing counts what was passed or who waited.
		}
		state = applySide(state, event);
	}
	return lines;
}
