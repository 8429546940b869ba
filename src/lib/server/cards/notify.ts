import type { CardNotice } from '$lib/realtime/protocol';
import { sendPush } from '../push/push';
import { announceCardChange, isOnline } from '../hub';

const PUSH_TEXT: Record<CardNotice, (name: string) => string> = {
	sent: (n) => `${n} sent you a card`,
	answered: (n) => `${n} answered a card`,
	revealed: (n) => `${n} answered: your answers are ready to see`,
	reflected: (n) => `${n} reflected back what they heard`,
	confirmed: (n) => `${n} felt heard`,
	'not-quite': (n) => `${n} added a little more`,
	appreciated: (n) => `${n} sent you an appreciation`
};

/**
 * Tells the partner: live on every open page, and by Web Push when no page is open. A push says
 * who and what kind, never the card's text or an answer. Set-asides are never announced at all.
 */
export async function notifyPartner(
	partnerId: string,
	conversationId: string,
	kind: CardNotice,
	byName: string,
	/** Where it is read, when not on the cards page (a question for today). */
	href?: string
) {
	announceCardChange(partnerId, { conversationId, kind, byName, ...(href ? { href } : {}) });
	// The card is already saved: a notification that fails is logged, never the sender's error.
	try {
		if (await isOnline(partnerId)) return;
		await sendPush(partnerId, {
			title: 'Hearth',
			body: PUSH_TEXT[kind](byName),
			url: href ?? `/cards/${conversationId}`
		});
	} catch (error) {
		console.error('[push] card notice not delivered', { reason: (error as Error).name });
	}
}
