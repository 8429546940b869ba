/**
 * The reflect-back loop, shared by every kind of conversation: the listener says back what they
 * heard, and the speaker answers "Yes, that's it" or "Not quite" (with an optional clarification).
 */
export interface Reflection {
	text: string;
	feelings: string[];
	needs: string[];
	verdict: 'pending' | 'confirmed' | 'not-quite';
	clarification: string | null;
	/** Of the feelings the listener guessed, the ones the speaker said were theirs (if they said). */
	heard?: string[];
}

/** A new reflection waits for the speaker's verdict. */
export function withReflection(
	list: readonly Reflection[],
	data: { text: string; feelings: string[]; needs: string[] }
): Reflection[] {
	const { text, feelings, needs } = data;
	return [
		...list,
		{ text, feelings: [...feelings], needs: [...needs], verdict: 'pending', clarification: null }
	];
}

/** The speaker's verdict on the last reflection. */
export function withVerdict(
	list: readonly Reflection[],
	verdict: Reflection['verdict'],
	clarification: string | null = null,
	heard?: readonly string[]
): Reflection[] {
	const last = list.at(-1);
	if (!last) return [...list];
	const answered = heard ? { heard: last.feelings.filter((f) => heard.includes(f)) } : {};
	return [...list.slice(0, -1), { ...last, verdict, clarification, ...answered }];
}
