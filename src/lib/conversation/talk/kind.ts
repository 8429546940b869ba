import { DEPTH_LABELS } from '$lib/deck/types';
import { nonEmpty, scrubbedStart, scrubbedCard, type Kind, type Names, type Words } from '../kind';
import { isRoundEvent, roundLine, roundWords, scrubRoundEvent } from '../round';
import type { TranscriptLine } from '../transcript';
import { apply, currentTurn, initialState, type TalkState } from './reducer';
import { talkReplay } from './replay';
import { decide } from './rules';
import type { TalkEvent, TalkIntent } from './types';

/**
 * A live talk: both partners are in the room, and everything said is shared as it is said — each
 * participant sees every event; nobody else sees any. One exception keeps "not yet" in the hands of
 * the one who said it: the partner's copy of a card set aside does not say who set it aside.
 */
export const talkKind: Kind<TalkState, TalkEvent, TalkIntent> = {
	...talkReplay,
	participantsOf: (state) => state.participants.map((p) => p.id),
	decide,
	visibleTo(event, state, viewerId) {
		if (!state.participants.some((p) => p.id === viewerId)) return null;
		if (event.type === 'card.set-aside' && event.actorId !== viewerId)
			return { ...event, actorId: null };
		return event;
	},
	wordsOf(event): Words {
		const text = (() => {
			if (isRoundEvent(event)) return roundWords(event);
			switch (event.type) {
				case 'card.drawn':
					return event.data.card.text;
				case 'talk.opening':
					return event.data.line;
				default:
					return null;
			}
		})();
		return nonEmpty(text) ? [{ part: 'other', text: text! }] : [];
	},
	scrub(event, erasure) {
		const mine = event.actorId === erasure.userId;
		switch (event.type) {
			case 'talk.started':
				return scrubbedStart(event.data, erasure);
			case 'card.drawn':
				return { ...event.data, card: scrubbedCard(event.data.card, erasure) };
			default:
				if (isRoundEvent(event)) return scrubRoundEvent(event, mine);
				return event.data;
		}
	},
	transcript: (events, names) => talkTranscript(events, names)
};

function talkTranscript(events: readonly TalkEvent[], names: Names): TranscriptLine[] {
	let state = initialState();
	const lines: TranscriptLine[] = [];
	for (const event of events) {
		const who = names(event.actorId);
		const base = { seq: event.seq, at: event.at, who };
		switch (event.type) {
			case 'talk.started':
				lines.push({
					...base,
					kind: 'start',
					text: event.data.scheduled?.intention
						? `${who} opened the planned talk: “${event.data.scheduled.intention}”`
						: `${who} started the talk`
				});
				break;
			case 'talk.opening':
				lines.push({ ...base, kind: 'opening', text: `${who} opened with: “${event.data.line}”` });
				break;
			case 'card.drawn':
				lines.push({
					...base,
					kind: 'card',
					card: event.data.card,
					text: `${names(event.data.speakerId)} held the floor`
				});
				break;
			case 'floor.taken':
				lines.push({ ...base, kind: 'floor', text: `${who} went first` });
				break;
			case 'floor.passed': {
				const turn = currentTurn(state);
				lines.push({
					...base,
					kind: 'floor',
					text: `${who} asked ${names(turn?.listenerId ?? null)} to go first`
				});
				break;
			}
			case 'answer.given':
				lines.push({
					...base,
					kind: 'answer',
					text: event.data.aloud && !event.data.text ? `${who} shared it aloud` : `${who} answered`,
					quote: event.data.text,
					feelings: event.data.feelings ?? [],
					needs: event.data.needs ?? []
				});
				break;
			case 'reflection.sent':
			case 'reflection.confirmed':
			case 'reflection.not-quite':
			case 'more.asked':
			case 'more.added':
			case 'steer.chosen':
			case 'thoughts.shared':
				lines.push(roundLine(event, base, currentTurn(state))!);
				break;
			case 'turn.swapped': {
				const turn = currentTurn(state);
				lines.push({
					...base,
					kind: 'swap',
					text: `${names(turn?.listenerId ?? null)} answered the same card too`
				});
				break;
			}
			case 'card.set-aside':
				// The partner's copy is anonymous: one quiet line that blames nobody.
				lines.push(
					event.actorId === null
						? { ...base, who: null, kind: 'set-aside', text: 'This card rests for now' }
						: { ...base, kind: 'set-aside', text: `${who} set this card aside for later` }
				);
				break;
			case 'talk.paused':
				lines.push({ ...base, kind: 'pause', text: `${who} paused the talk` });
				break;
			case 'talk.resumed':
				lines.push({ ...base, kind: 'resume', text: `${who} picked it up again` });
				break;
			case 'depth.deeper':
				lines.push({ ...base, kind: 'depth', text: `${who} wanted to go deeper` });
				break;
			case 'depth.deeper-withdrawn':
				lines.push({ ...base, kind: 'depth', text: `${who} chose to stay at this depth for now` });
				break;
			case 'depth.lighter':
				lines.push({
					...base,
					kind: 'depth',
					text: `${who} chose lighter cards (${DEPTH_LABELS[event.data.depth]})`
				});
				break;
			case 'talk.ended':
				lines.push({
					...base,
					kind: 'end',
					text:
						event.data.reason === 'idle'
							? 'The talk rested for a day and closed by itself'
							: `${who} ended the talk`
				});
				break;
		}
		state = apply(state, event);
	}
	return lines;
}
