/**
 * Gentle hints on wording that tends to close people down, each with a kinder way to say it.
 * They follow the advice Hearth is built on — say what you notice, invite rather than demand, ask
 * open questions — and they only ever suggest: nothing is refused for its wording.
 *
 * Pure and isomorphic: the composer runs it as a person types, and tests run it directly.
 */

export type WordingHintId = 'absolute' | 'we-need-to-talk' | 'why-not' | 'you-should' | 'yes-no';

export type WordingHint = {
	id: WordingHintId;
	/** The words that were found, as written (the first time they appear). */
	found: string;
	/** Why these words can land hard. */
	why: string;
	/** A kinder way to say it. */
	instead: string;
};

type Rule = { id: WordingHintId; pattern: RegExp; why: string; instead: string };

// Apostrophes come straight or curly; a phone keyboard types the curly one.
const NOT = "n['’]?t";

const RULES: readonly Rule[] = [
	{
		id: 'we-need-to-talk',
		pattern: /\bwe (?:really )?(?:need|have) to talk\b/i,
		why: '“We need to talk” can make a heart sink before anything is said.',
		instead: 'Try: “I’d love to hear what’s on your mind, whenever you’re ready.”'
	},
	{
		id: 'absolute',
		pattern: /\b(?:always|never)\b/i,
		why: '“Always” and “never” can sound like a verdict, and invite a defence.',
		instead: 'Try describing one moment: “Last night, I noticed…”'
	},
	{
		id: 'why-not',
		pattern: new RegExp(
			`\\bwhy (?:did${NOT}|do${NOT}|does${NOT}|have${NOT}|has${NOT}|won['’]?t|would${NOT}|could${NOT}|ca${NOT}|are${NOT}|were${NOT}|is${NOT}) you\\b`,
			'i'
		),
		why: '“Why didn’t you…” can sound like blame, even when it is a real question.',
		instead: 'Try asking about their side: “What was going on for you when…?”'
	},
	{
		id: 'you-should',
		pattern: new RegExp(`\\byou (?:should(?:${NOT})?|ought to|must|need to)\\b`, 'i'),
		why: '“You should” can feel like a demand, and demands are easy to push back on.',
		instead: 'Try an invitation: “Would it help if…?” or “I’d love it if…”'
	},
	{
		// A question that opens with these can be closed with one word. ("Would you like…?" is an
		// invitation, and is left alone.)
		id: 'yes-no',
		pattern: /(?:^|[.!?…\n]\s*|["“(]\s*)((?:are|do|does|did|is|was|were|have|has) \S+)/i,
		why: 'A question that can be answered “yes” or “no” is easy to close with one word.',
		instead: 'Try opening it up: “How are you feeling about…?” or “What has it been like…?”'
	}
];

/** The hints for a text, in a stable order, at most one of each kind. */
export function wordingHints(text: string): WordingHint[] {
	const hints: WordingHint[] = [];
	for (const rule of RULES) {
		const match = rule.pattern.exec(text);
		if (!match) continue;
		hints.push({
			id: rule.id,
			found: (match[1] ?? match[0]).trim(),
			why: rule.why,
			instead: rule.instead
		});
	}
	return hints;
}

/** A short key for a set of hints: the composer speaks only when this changes. */
export const hintsKey = (hints: readonly WordingHint[]): string =>
	hints.map((h) => `${h.id}:${h.found.toLowerCase()}`).join('|');
