import type { Sql } from '../../src/lib/server/db/connect';
import type { StaffPrincipal } from '../../src/lib/server/auth/sessions';
import type { StaffRole } from '../../src/lib/domain/states';
import { adminScope, type AdminScope } from '../../src/lib/server/admin/scope';
import { hashPassword } from '../../src/lib/server/auth/staff';

/**
 * People and offices for the administration's tests: two offices (`north`, `south`), an admin,
 * a supervisor of `north` only, an operator of `north`. Principals are built as the session
 * hook builds them, so the API and the server modules see exactly what a signed-in user is.
 */
export interface AdminWorld {
	north: number;
	south: number;
	admin: StaffPrincipal;
	supervisor: StaffPrincipal;
	operator: StaffPrincipal;
	scope: { admin: AdminScope; supervisor: AdminScope };
}

let passwordHash: string | null = null;

export async function addPerson(sql: Sql, login: string, roles: StaffRole[], officeIds: number[]): Promise<StaffPrincipal> {
	passwordHash ??= await hashPassword('correct horse battery');
	const [row] = await sql<{ id: number }[]>`
		insert into staff_users (login, display_name, password_hash, roles) values (${login}, ${login}, ${passwordHash}, ${roles}) returning id`;
	for (const o of officeIds) await sql`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${o})`;
	return { staffId: row!.id, login, displayName: login, roles, officeIds, sessionExpiresAt: new Date(Date.now() + 3600_000) };
}

export async function adminWorld(sql: Sql, prefix = ''): Promise<AdminWorld> {
	const office = async (slug: string, nameRu: string, nameEn: string) => {
		const [row] = await sql<{ id: number }[]>`
			insert into offices (slug, name_ru, name_en, time_zone) values (${prefix + slug}, ${nameRu}, ${nameEn}, 'Europe/Moscow') returning id`;
		return row!.id;
	};
	const north = await office('north', 'Северный', 'North');
	const south = await office('south', 'Южный', 'South');
	const admin = await addPerson(sql, `${prefix}root`, ['admin'], []);
	const supervisor = await addPerson(sql, `${prefix}boss`, ['supervisor'], [north]);
	const operator = await addPerson(sql, `${prefix}clerk`, ['operator'], [north]);
	return { north, south, admin, supervisor, operator, scope: { admin: adminScope(admin), supervisor: adminScope(supervisor) } };
}

/** Every audit row, oldest first (what a change left behind). */
export async function auditRows(sql: Sql) {
	type Json = Record<string, unknown> | null;
	return sql<
		{
			id: number;
			entity: string;
			entityId: string;
			action: string;
			officeId: number | null;
			staffLogin: string;
			before: Json;
			after: Json;
		}[]
	>`
		select id, entity, entity_id, action, office_id, staff_login, before, after from audit_log order by id`;
}
