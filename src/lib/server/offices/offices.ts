import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { OfficeView, ServiceView } from '$lib/realtime/types';
import { averageServiceSeconds } from '$lib/server/queue/position';

/** The offices open to the public; an archived one (admin) is left out. */
export async function listOffices(sql: Sql): Promise<OfficeView[]> {
	return [
		...(await sql<OfficeView[]>`
		select id, slug, name_ru, name_en, address_ru, address_en, time_zone from offices where archived_at is null order by name_ru`)
	];
}

/**
 * An office by its numeric id or its slug (`central`), as the CLI's `--office` and the API take it.
 * An archived office (admin) is not found: its booking page, public API and desks are closed.
 */
export async function findOffice(sql: Sql, idOrSlug: string | number): Promise<OfficeView> {
	const key = String(idOrSlug).trim();
	const byId = /^\d{1,9}$/.test(key);
	const [office] = await sql<OfficeView[]>`
		select id, slug, name_ru, name_en, address_ru, address_en, time_zone from offices
		where ${byId ? sql`id = ${Number(key)}` : sql`slug = ${key}`} and archived_at is null`;
	if (!office) throw new TalonError('office_not_found', { office: key });
	return office;
}

export async function listServices(sql: Sql, officeId: number): Promise<ServiceView[]> {
	const rows = await sql<Omit<ServiceView, 'averageServiceSec'>[]>`
		select id, category_id, name_ru, name_en, prefix, duration_min, target_wait_min, documents_ru, documents_en, bookable
		from services where office_id = ${officeId} and active order by sort, id`;
	const averages = await averageServiceSeconds(sql, officeId);
	return rows.map((s) => ({ ...s, averageServiceSec: averages.get(s.id) ?? s.durationMin * 60 }));
}
