import type { SubmitFunction } from '@sveltejs/kit';
import { saidNotSent } from './unreached';

/**
 * How Hearth's forms submit with JavaScript: the button shows it is working, what was typed stays
 * in the fields (also when the form never reached the server), and after a refusal the focus goes
 * straight to the first field that needs another look. Use as `use:enhance={submission.enhance}`
 * and read `submission.pending`.
 */
export class Submission {
	pending = $state(false);

	enhance: SubmitFunction = () => {
		this.pending = true;
		return async ({ result, update }) => {
			if (saidNotSent(result)) {
				this.pending = false;
				return;
			}
			await update({ reset: false });
			this.pending = false;
			if (result.type === 'failure') {
				document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
			}
		};
	};
}
