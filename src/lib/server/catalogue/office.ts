import type { Sql } from '$lib/server/db/connect';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { adminScope, type AdminScope } from '$lib/server/admin/scope';
import { officeInScope } from '$lib/server/admin/offices-in-scope';
import type { AdminOffice } from '$lib/admin/types';

/** The caller's admin scope and the office (id or slug) they act on: 403 for an operator or another's office, 404 for none. */
export async function adminOffice(sql: Sql, staff: StaffPrincipal, key: string): Promise<{ scope: AdminScope; office: AdminOffice }> {
	const scope = adminScope(staff);
	return { scope, office: await officeInScope(sql, scope, key) };
}
