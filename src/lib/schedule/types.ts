/** What pages show of planned talks: strings already in the viewer's zone (and the partner's). */

export type UpcomingTalk = {
	id: string;
	status: 'proposed' | 'accepted';
	/** "Tue 4 Mar, 20:00 for you · 19:00 for Sam" */
	when: string;
	occurrenceAt: number;
	weekly: boolean;
	/** A weekly plan marked "our check-in": it opens into a check-in. */
	checkin: boolean;
	intention: string | null;
	/** The viewer proposed it (and waits for the partner's answer when it is still proposed). */
	byYou: boolean;
	/** "Join now" is open: from 10 minutes before the start until its end. */
	joinable: boolean;
};

export type PastTalk = {
	conversationId: string;
	/** Where it is read: its talk, or its check-in. */
	href: string;
	scheduleId: string;
	when: string;
	intention: string | null;
};
