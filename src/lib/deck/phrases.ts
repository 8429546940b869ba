/**
 * Gentle ways to start a talk. They lower the stakes and leave room for "not yet".
 * Never "we need to talk".
 */
export const OPENING_LINES: readonly string[] = [
	"I want to hear what's on your mind; you don't have to go through it alone.",
	"There's no rush. Whenever you're ready, I'm here to listen.",
	"Nothing is wrong. I'd just love some time to hear how you really are.",
	"I'd like to share something that's been on my heart. When would be a good time for you?",
	'I can go first, if that makes it easier.',
	"I'm not looking for a fix or a verdict; I just want to understand you better.",
	"You can say 'not yet', and that's completely okay with me.",
	"You've seemed a bit far away lately, and I care about how you're doing.",
	"I'd like to understand how this felt for you, not just what happened.",
	"Whatever you tell me, I'll try to listen before I answer.",
	'I might not get this right the first time, but I really want to try.',
	'How about we start with something light and see where it takes us?',
	"I've been thinking about us, in a good way, and I'd love to hear your side too.",
	"It's okay if it comes out messy; we can untangle it together.",
	"I'm on your side, even when we see things differently.",
	"I miss feeling close to you, and I'd love to make a little time for us this week."
];

/**
 * Stems that help the listener say back what they heard before answering.
 * Validation is not agreement.
 */
export const REFLECTION_STEMS: readonly string[] = [
	'What I hear is…',
	'It sounds like you felt … because …',
	'Did I get that right?',
	'The part that seems to matter most to you is…',
	'Let me see if I understood: …',
	'I imagine that felt … Is that close?',
	'What I hear underneath is that you need …',
	'That makes sense to me, because …',
	"Is there more you'd like me to know?",
	'Tell me what I missed.'
];

/** The mark for a blank in a stem, kept when the stem is inserted: the writer fills it in. */
export const BLANK = '…';

/**
 * A few of a list shown first, the rest behind "more": the few rotate with `seed`, so over time
 * every line comes to the front. Every entry appears exactly once.
 */
export function rotated<T>(list: readonly T[], seed: number): T[] {
	if (list.length === 0) return [];
	const start = ((seed % list.length) + list.length) % list.length;
	return [...list.slice(start), ...list.slice(0, start)];
}

/** A stable number from a string (a conversation id), to rotate by. */
export function seedOf(text: string): number {
	let seed = 0;
	for (const char of text) seed = (seed * 31 + char.charCodeAt(0)) % 1_000_003;
	return seed;
}

/**
 * A stem added to what is already written, blanks kept: the caret (a selection over the first
 * blank, so typing replaces it) sits at the first blank of the stem, or at its end if it has none.
 */
export function insertStem(
	current: string,
	stem: string
): { text: string; selection: [number, number] } {
	const before = current.trimEnd();
	const joined = before ? `${before} ${stem}` : stem;
	const offset = joined.length - stem.length;
	const blank = stem.indexOf(BLANK);
	if (blank === -1) {
		const text = `${joined} `;
		return { text, selection: [text.length, text.length] };
	}
	// "What I hear is…" ends on its blank: the blank stays, selected, ready to be typed over.
	return { text: joined, selection: [offset + blank, offset + blank + BLANK.length] };
}
