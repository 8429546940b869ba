import type { CardEvent } from '$lib/cards/types';
import { DEPTH_LABELS } from '$lib/deck/types';
import { apply, currentTurn, initialState } from '$lib/talk/reducer';
import type { TalkCard, TalkEvent } from '$lib/talk/types';

/** One readable line of a conversation, rebuilt from one event. */
export interface TranscriptLine {
	seq: number;
	at: number;
	who: string | null;
	kind:
		| 'start'
		| 'opening'
		| 'card'
		| 'floor'
		| 'answer'
		| 'reflection'
		| 'confirmed'
		| 'not-quite'
		| 'swap'
		| 'set-aside'
		| 'brought-back'
		| 'pause'
		| 'resume'
		| 'depth'
		| 'appreciation'
		| 'end';
	text: string;
	card?: TalkCard;
	/** Words a person said (answers, reflections…): what a moment can be marked on. */
	quote?: string | null;
	feelings?: string[];
}

type Names = (id: string | null) => string;

/**
 * The transcript of a conversation as a list of lines, for history, export and search results.
 * Async answers the viewer may not see yet arrive here already hidden (text null).
 */
export function transcript(
	kind: 'live' | 'async',
	events: readonly (TalkEvent | CardEvent)[],
	names: Names
): TranscriptLine[] {
	return kind === 'live'
		? talkTranscript(events as TalkEvent[], names)
		: cardTranscript(events as CardEvent[], names);
}

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
			case 'answer.given':
				lines.push({
					...base,
					kind: 'answer',
					text: event.data.aloud && !event.data.text ? `${who} shared it aloud` : `${who} answered`,
					quote: event.data.text
				});
				break;
			case 'reflection.sent':
			case 'reflection.confirmed':
			case 'reflection.not-quite':
				lines.push(reflectionLine(event, base));
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
				lines.push({ ...base, kind: 'set-aside', text: `${who} set this card aside for later` });
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

function cardTranscript(events: readonly CardEvent[], names: Names): TranscriptLine[] {
	const lines: TranscriptLine[] = [];
	for (const event of events) {
		const who = names(event.actorId);
		const base = { seq: event.seq, at: event.at, who };
		switch (event.type) {
			case 'card.sent':
				lines.push({
					...base,
					kind: 'card',
					card: event.data.card,
					text: `${who} sent this card`,
					quote: event.data.note
				});
				if (event.data.firstAnswer !== null) {
					lines.push({
						...base,
						kind: 'answer',
						text: `${who} went first`,
						quote: event.data.firstAnswer
					});
				}
				break;
			case 'answer.given':
				lines.push({
					...base,
					kind: 'answer',
					text:
						event.data.text === null
							? `${who} answered (you'll see it once you've answered too)`
							: `${who} answered`,
					quote: event.data.text
				});
				break;
			case 'card.set-aside':
				lines.push({ ...base, kind: 'set-aside', text: `${who} set this card aside for now` });
				break;
			case 'card.brought-back':
				lines.push({ ...base, kind: 'brought-back', text: `${who} brought it back` });
				break;
			case 'reflection.sent':
			case 'reflection.confirmed':
			case 'reflection.not-quite':
				lines.push(reflectionLine(event, base));
				break;
			case 'appreciation.sent':
				lines.push({
					...base,
					kind: 'appreciation',
					text: `${who} said thank you`,
					quote: event.data.text
				});
				break;
		}
	}
	return lines;
}

type ReflectionEvent =
	| { type: 'reflection.sent'; data: { text: string; feelings: string[] } }
	| { type: 'reflection.confirmed'; data: unknown }
	| { type: 'reflection.not-quite'; data: { clarification: string | null } };

/** The reflect-back loop reads the same in a live talk and on an async card. */
function reflectionLine(
	event: ReflectionEvent,
	base: { seq: number; at: number; who: string }
): TranscriptLine {
	const who = base.who;
	switch (event.type) {
		case 'reflection.sent':
			return {
				...base,
				kind: 'reflection',
				text: `${who} reflected back`,
				quote: event.data.text,
				feelings: event.data.feelings
			};
		case 'reflection.confirmed':
			return { ...base, kind: 'confirmed', text: `${who}: “Yes, that's it”` };
		case 'reflection.not-quite':
			return {
				...base,
				kind: 'not-quite',
				text: `${who}: “Not quite”`,
				quote: event.data.clarification
			};
	}
}

/** A transcript as Markdown, for "download a readable transcript". */
export function transcriptMarkdown(
	title: string,
	lines: readonly TranscriptLine[],
	zone: string
): string {
	const fmt = new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: zone
	});
	const out = [`## ${title}`, ''];
	for (const line of lines) {
		if (line.card) out.push(`### ${line.card.text}`, '');
		out.push(
			`- ${fmt.format(line.at)} — ${line.text}${line.quote ? `: “${line.quote}”` : ''}${line.feelings?.length ? ` (${line.feelings.join(', ')})` : ''}`
		);
	}
	return out.join('\n');
}
