/**
 * "Last time", as a page receives it (built on the server through the visibility rule): what was
 * confirmed understood, the small things asked for, and the viewer's own resting cards.
 */
export type LastTime = {
	/** When the latest finished check-in or talk ended (null when only resting cards are shown). */
	at: number | null;
	/** Reflections the speaker confirmed: "Sam heard you: …". */
	heard: { listener: string; speaker: string; text: string; feelings: string[] }[];
	/** "What would help you this week?" from the latest finished check-in: the shared note. */
	asked: { who: string; text: string }[];
	/** Cards this viewer set aside that rest still: only ever their own. */
	resting: { id: string; text: string }[];
};
