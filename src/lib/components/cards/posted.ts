import type { SubmitFunction } from '@sveltejs/kit';
import { goto } from '$app/navigation';

/**
 * What an enhanced card form does with its answer. The card's actions redirect after they posted
 * (so a reload never posts again); with JavaScript the page then loads its data afresh where it
 * is — no jump to the top. `sent` runs first, while the page still shows what was posted (clear
 * that draft), `shown` once the new state is on screen (move focus to what it became). A refusal
 * stays on the page with its message and loses nothing typed.
 */
export function posted(
	steps: { sent?: () => void; shown?: () => void | Promise<void> } = {}
): SubmitFunction {
	return () =>
		async ({ formElement, result, update }) => {
			if (result.type !== 'redirect') return update({ reset: false });
			steps.sent?.();
			await goto(result.location, { invalidateAll: true, noScroll: true, keepFocus: true });
			formElement.reset();
			await steps.shown?.();
		};
}
