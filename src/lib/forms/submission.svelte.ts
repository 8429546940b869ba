import type { SubmitFunction } from '@sveltejs/kit';

/**
 * How Hearth's forms submit with JavaScript: the button shows it is working, what was typed stays
 * in the fields, and after a refusal the focus goes straight to the first field that needs another
 * look. Use as `use:enhance={submission.enhance}` (the enhance of `$lib/forms/enhance`) and read
 * `submission.pending`.
 */
export class Submission {
	pending = $state(false);

	enhance: SubmitFunction = () => {
		this.pending = true;
		return async ({ result, update }) => {
			await update({ reset: false });
			this.pending = false;
			if (result.type === 'failure') {
				document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
			}
		};
	};
}
