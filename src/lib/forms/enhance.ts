import { enhance as enhanceWithKit } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';
import { saidNotSent } from './unreached';

/** Forms on their way: a second press while one is does not send it twice. */
const onTheirWay = new WeakSet<HTMLFormElement>();

/**
 * SvelteKit's `enhance`, with what every Hearth form does alike, whatever it does with its answer:
 * a second press while the form is on its way sends nothing (the form is `aria-busy` meanwhile),
 * and a form that never reached the server stays as it is and says "Not sent" instead of leaving
 * for the error page. Every enhanced form uses this one (lint says so).
 */
export function enhance<
	Success extends Record<string, unknown> | undefined = Record<string, unknown>,
	Failure extends Record<string, unknown> | undefined = Record<string, unknown>
>(form: HTMLFormElement, submit: SubmitFunction<Success, Failure> = () => {}) {
	return enhanceWithKit<Success, Failure>(form, async (input) => {
		if (onTheirWay.has(form)) return input.cancel();
		let cancelled = false;
		const after = await submit({
			...input,
			cancel: () => {
				cancelled = true;
				input.cancel();
			}
		});
		if (cancelled) return;
		onTheirWay.add(form);
		form.setAttribute('aria-busy', 'true');
		return async (answer) => {
			try {
				if (!saidNotSent(answer.result)) {
					await (after ?? ((a: typeof answer) => a.update()))(answer);
					return;
				}
				// The form's own steps hear it as a refusal with no answer (status 0, no data) and an
				// update that changes nothing: what they wait for ends, and nothing on the page moves.
				await after?.({
					...answer,
					result: { type: 'failure', status: 0 } as typeof answer.result,
					update: async () => {}
				});
			} finally {
				onTheirWay.delete(form);
				form.removeAttribute('aria-busy');
			}
		};
	});
}
