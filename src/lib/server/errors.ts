import type { ErrorCode } from '$lib/realtime/protocol';

/** A failure the user can be told about. Anything else is logged and reported as `internal`. */
export class AppError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string
	) {
		super(message);
	}
}

export const notFound = () => new AppError('not_found', 'We could not find that.');
