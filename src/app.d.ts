import type { Locale } from '$lib/i18n/locale';
import type { StaffPrincipal } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The signed-in staff member (session cookie), or null. */
			staff: StaffPrincipal | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
