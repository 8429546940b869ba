import { nonEmpty, scrubbedStart, type Kind, type Names, type Words } from '../kind';
import { isRoundEvent, roundLine, roundWords, scrubRoundEvent } from '../round';
import type { TranscriptLine } from '../transcript';
import {
	applyCheckin,
	initialCheckinState,
	mindTurn,
	stepDone,
	type CheckinState
} from './reducer';
import { checkinReplay } from './replay';
import { decideCheckin } from './rules';
import { STEP_INFO } from './steps';
import type { CheckinEvent, CheckinIntent, CheckinStep } from './types';

/**
 * A weekly check-in: both partners in the room, four steps both see. What each writes on a step
 * is their own, revealed together once both have had their turn — so nobody writes theirs next
 * to the other's and feels compared. "Not this week" leaves no trace: the partner's copy of it
 * names nobody (the reducer then only moves the step on when it completes it), and no transcript
 * shows a line for it; nothing counts it. "One thing on my mind" is the shared round (floor,
 * answer, reflect-back, "just listen" or "I'd like your thoughts"), seen by both as it is said.
 */
export const checkinKind: Kind<CheckinState, CheckinEvent, CheckinIntent> = {
	...checkinReplay,
	participantsOf: (state) => state.participants.map((p) => p.id),
	decide: decideCheckin,
	visibleTo(event, state, viewerId) {
		if (!state.participants.some((p) => p.id === viewerId)) return null;
		if (event.actorId === viewerId) return event;
		switch (event.type) {
			case 'entry.given':
				// Revealed together: the partner's words wait until both have had their turn.
				return stepDone(state, event.data.step)
					? event
					: { ...event, data: { ...event.data, text: null, withheld: true } };
			case 'entry.passed':
			case 'step.moved-on':
				return { ...event, actorId: null };
			default:
				return event;
		}
	},
	wordsOf(event): Words {
		if (event.type === 'entry.given') {
			const text = nonEmpty(event.data.text);
			return text ? [{ part: 'answer', text }] : [];
		}
		if (isRoundEvent(event)) {
			const text = nonEmpty(roundWords(event));
			return text ? [{ part: 'other', text }] : [];
		}
		return [];
	},
	scrub(event, erasure) {
		const mine = event.actorId === erasure.userId;
		switch (event.type) {
			case 'checkin.started':
				return scrubbedStart(event.data, erasure);
			case 'entry.given':
				return mine ? { ...event.data, text: null, erased: true as const } : event.data;
			default:
				if (isRoundEvent(event)) return scrubRoundEvent(event, mine);
				return event.data;
		}
	},
	transcript: (events, names) => checkinTranscript(events, names)
};

const ENTRY_LINES = {
	appreciation: { kind: 'appreciation', text: (who: string) => `${who} shared an appreciation` },
	'went-well': { kind: 'answer', text: (who: string) => `${who}: what went well for us` },
	help: { kind: 'answer', text: (who: string) => `${who}: what would help this week` }
} as const;

function checkinTranscript(events: readonly CheckinEvent[], names: Names): TranscriptLine[] {
	let state = initialCheckinState();
	const lines: TranscriptLine[] = [];
	let headed: CheckinStep | null = null;
	/** A step's title goes on its first line: a step passed leaves no line at all. */
	const heading = (step: CheckinStep): { heading?: string } => {
		if (headed === step) return {};
		headed = step;
		return { heading: STEP_INFO[step].title };
	};
	for (const event of events) {
		const who = names(event.actorId);
		const base = { seq: event.seq, at: event.at, who };
		const turn = mindTurn(state);
		switch (event.type) {
			case 'checkin.started':
				lines.push({
					...base,
					kind: 'start',
					text: event.data.scheduled
						? event.data.scheduled.intention
							? `${who} opened your planned check-in: “${event.data.scheduled.intention}”`
							: `${who} opened your planned check-in`
						: `${who} started the check-in`
				});
				break;
			case 'entry.given': {
				// Words still withheld are not a line: only what this viewer may read is.
				if (event.data.withheld) break;
				const line = ENTRY_LINES[event.data.step];
				lines.push({
					...base,
					...heading(event.data.step),
					kind: line.kind,
					text: event.data.erased
						? `${line.text(who)}. Their words were removed when they left Hearth.`
						: line.text(who),
					quote: event.data.text
				});
				break;
			}
			case 'floor.taken':
				lines.push({ ...base, ...heading('mind'), kind: 'floor', text: `${who} went first` });
				break;
			case 'floor.passed':
				lines.push({
					...base,
					...heading('mind'),
					kind: 'floor',
					text: `${who} asked ${names(turn?.listenerId ?? null)} to go first`
				});
				break;
			case 'answer.given':
				lines.push({
					...base,
					...heading('mind'),
					kind: 'answer',
					text:
						event.data.aloud && !event.data.text
							? `${who} said what was on their mind aloud`
							: `${who} shared what was on their mind`,
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
				lines.push(roundLine(event, base, turn)!);
				break;
			case 'turn.swapped':
				lines.push({
					...base,
					kind: 'swap',
					text: `${names(turn?.listenerId ?? null)} shared what was on their mind too`
				});
				break;
			case 'checkin.ended':
				lines.push({
					...base,
					kind: 'end',
					text:
						event.data.reason === 'idle'
							? 'The check-in rested for a day and closed by itself'
							: `${who} ended the check-in`
				});
				break;
			// "Not this week", and moving on from a step: no line, for anyone.
		}
		state = applyCheckin(state, event);
	}
	return lines;
}
