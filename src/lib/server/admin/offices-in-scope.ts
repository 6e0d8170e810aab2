import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { AdminOffice } from '$lib/admin/types';
import { assertOfficeInScope, type AdminScope } from './scope';

/** The offices the caller administers (archived ones too: their history and settings stay reachable). */
export async function officesInScope(sql: Sql, scope: AdminScope): Promise<AdminOffice[]> {
	return sql<AdminOffice[]>`
		select id, slug, name_ru, name_en, time_zone, archived_at is not null as archived from offices
		where ${scope.isAdmin ? sql`true` : sql`id = any(${scope.officeIds as number[]})`}
		order by archived_at is not null, name_ru`;
}

/** An office by id or slug that the caller administers: 404 when there is none, 403 when it is not theirs. */
export async function officeInScope(sql: Sql, scope: AdminScope, key: string | number): Promise<AdminOffice> {
	const k = String(key).trim();
	const byId = /^\d{1,9}$/.test(k);
	const [office] = await sql<AdminOffice[]>`
		select id, slug, name_ru, name_en, time_zone, archived_at is not null as archived from offices
		where ${byId ? sql`id = ${Number(k)}` : sql`slug = ${k}`}`;
	if (!office) throw new TalonError('office_not_found', { office: k });
	assertOfficeInScope(scope, office.id);
	return office;
}
