/**
 * Reads a card aloud with the browser's own speech synthesis, in the page's language. A new card
 * interrupts the old one; where the browser has no speech, the card is simply on screen.
 */
export function readAloud(text: string) {
	const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
	if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
	synth.cancel();
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = document.documentElement.lang || 'en';
	utterance.rate = 0.95;
	synth.speak(utterance);
}
