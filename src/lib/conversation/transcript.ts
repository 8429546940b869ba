import type { TalkCard } from './talk/types';

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
		| 'more'
		| 'steer'
		| 'thoughts'
		| 'end';
	text: string;
	card?: TalkCard;
	/** A check-in's step title, on the step's first line (a step passed has no line at all). */
	heading?: string;
	/** Words a person said (answers, reflections…): what a moment can be marked on. */
	quote?: string | null;
	feelings?: string[];
	needs?: string[];
	/** Of the feelings guessed in a reflection, the ones the speaker said were theirs. */
	heard?: string[];
}

type ReflectionEvent =
	| { type: 'reflection.sent'; data: { text: string; feelings: string[]; needs?: string[] } }
	| { type: 'reflection.confirmed'; data: { heard?: string[]; about?: string } }
	| { type: 'reflection.not-quite'; data: { clarification: string | null; heard?: string[] } };

/** The speaker's word on which guessed feelings were theirs, when they gave it. */
const heardOf = (data: { heard?: string[] }) => (data.heard ? { heard: [...data.heard] } : {});

/** The reflect-back loop reads the same in a live talk and on an async card. */
export function reflectionLine(
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
				feelings: event.data.feelings,
				needs: event.data.needs ?? []
			};
		case 'reflection.confirmed':
			return {
				...base,
				kind: 'confirmed',
				text: `${who}: “Yes, that's it”`,
				...heardOf(event.data)
			};
		case 'reflection.not-quite':
			return {
				...base,
				kind: 'not-quite',
				text: `${who}: “Not quite”`,
				quote: event.data.clarification,
				...heardOf(event.data)
			};
	}
}

/** The speaker's word on the guessed feelings, as the transcript says it. */
export function heardText(heard: readonly string[]): string {
	return heard.length
		? `Feelings that fit: ${heard.join(', ')}`
		: 'None of the feelings guessed quite fit';
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
		if (line.heading) out.push(`### ${line.heading}`, '');
		if (line.card) out.push(`### ${line.card.text}`, '');
		out.push(
			`- ${fmt.format(line.at)} — ${line.text}${line.quote ? `: “${line.quote}”` : ''}${line.feelings?.length ? ` (${line.feelings.join(', ')})` : ''}${line.needs?.length ? ` — needs: ${line.needs.join(', ')}` : ''}${line.heard ? ` — ${heardText(line.heard)}` : ''}`
		);
	}
	return out.join('\n');
}
