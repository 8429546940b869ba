import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
		}
		interface PageData {
			user?: { id: string; name: string; email: string; timeZone: string } | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
