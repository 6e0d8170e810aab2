import type { Sql, Tx } from '$lib/server/db/connect';
import type { EngineContext } from '$lib/server/queue/context';
import { TalonError } from '$lib/errors';
import { audit } from '$lib/server/admin/audit';
import type { AdminScope } from '$lib/server/admin/scope';
import type { AdminService, Removal, ServiceInput, ServicePatch } from '$lib/schemas/catalogue';
import { assertLiveCategory } from './categories';
import { configChange } from './change';
import { moveAmongSiblings } from './order';

const columns = (sql: Sql | Tx) => sql`
	id, category_id, name_ru, name_en, prefix, duration_min, target_wait_min, documents_ru, documents_en,
	kiosk_visible as kiosk, bookable, priority_allowed, remote_allowed, sort, archived_at is not null as archived`;

/** The office's services in tree order (category, then `sort`); archived ones only when asked. */
export async function listServices(sql: Sql | Tx, officeId: number, opts: { archived?: boolean } = {}): Promise<AdminService[]> {
	return sql<AdminService[]>`
		select ${columns(sql)} from services where office_id = ${officeId}
		${opts.archived ? sql`` : sql`and archived_at is null`}
		order by category_id nulls first, sort, id`;
}

export async function serviceRow(tx: Sql | Tx, officeId: number, id: number): Promise<AdminService> {
	const [row] = await tx<AdminService[]>`select ${columns(tx)} from services where id = ${id} and office_id = ${officeId}`;
	if (!row) throw new TalonError('service_not_found');
	return row;
}

/** `prefix_taken` when another service of the office in use has this prefix. */
export async function assertPrefixFree(tx: Tx, officeId: number, prefix: string, exceptId: number | null): Promise<void> {
	const [taken] = await tx<{ id: number }[]>`
		select id from services where office_id = ${officeId} and prefix = ${prefix} and archived_at is null
		${exceptId === null ? tx`` : tx`and id <> ${exceptId}`} limit 1`;
	if (taken) throw new TalonError('prefix_taken', { prefix });
}

/** Inserts a service at the end of its category (the caller holds the office lock, see `configChange`). */
export async function insertService(tx: Tx, officeId: number, input: ServiceInput): Promise<number> {
	const [row] = await tx<{ id: number }[]>`
		insert into services (office_id, category_id, name_ru, name_en, prefix, duration_min, target_wait_min, documents_ru,
			documents_en, kiosk_visible, bookable, priority_allowed, remote_allowed, sort)
		values (${officeId}, ${input.categoryId}, ${input.nameRu}, ${input.nameEn}, ${input.prefix}, ${input.durationMin},
			${input.targetWaitMin}, ${input.documentsRu}, ${input.documentsEn}, ${input.kiosk}, ${input.bookable},
			${input.priorityAllowed}, ${input.remoteAllowed},
			(select coalesce(max(sort) + 1, 0) from services where office_id = ${officeId}
				and category_id is not distinct from ${input.categoryId}))
		returning id`;
	return row!.id;
}

export async function createService(ctx: EngineContext, scope: AdminScope, officeId: number, input: ServiceInput): Promise<AdminService> {
	return configChange(ctx, scope, officeId, 'services', async (tx) => {
		await assertLiveCategory(tx, officeId, input.categoryId, 'categoryId');
		await assertPrefixFree(tx, officeId, input.prefix, null);
		const after = await serviceRow(tx, officeId, await insertService(tx, officeId, input));
		await audit(tx, { actor: scope, officeId, entity: 'service', entityId: after.id, action: 'create', after });
		return after;
	});
}

/** Writes the fields of `patch` that are set onto `before` (the caller checked category and prefix). */
export async function writeService(tx: Tx, before: AdminService, patch: Omit<ServicePatch, 'move'>): Promise<void> {
	const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as AdminService;
	const restore = patch.archived === false && before.archived;
	await tx`
		update services set
			category_id = ${next.categoryId}, name_ru = ${next.nameRu}, name_en = ${next.nameEn}, prefix = ${next.prefix},
			duration_min = ${next.durationMin}, target_wait_min = ${next.targetWaitMin},
			documents_ru = ${next.documentsRu}, documents_en = ${next.documentsEn}, kiosk_visible = ${next.kiosk},
			bookable = ${next.bookable}, priority_allowed = ${next.priorityAllowed}, remote_allowed = ${next.remoteAllowed}
			${restore ? tx`, archived_at = null, active = true` : tx``}
		where id = ${before.id}`;
	if (next.categoryId !== before.categoryId) {
		await tx`update services set sort = (select coalesce(max(sort) + 1, 0) from services
			where office_id = (select office_id from services where id = ${before.id})
			and category_id is not distinct from ${next.categoryId} and id <> ${before.id}) where id = ${before.id}`;
	}
}

export async function updateService(
	ctx: EngineContext,
	scope: AdminScope,
	officeId: number,
	id: number,
	patch: ServicePatch
): Promise<AdminService> {
	return configChange(ctx, scope, officeId, 'services', async (tx) => {
		const before = await serviceRow(tx, officeId, id);
		const categoryId = patch.categoryId === undefined ? before.categoryId : patch.categoryId;
		const restoring = patch.archived === false && before.archived;
		if (categoryId !== before.categoryId || restoring) await assertLiveCategory(tx, officeId, categoryId, 'categoryId');
		const prefix = patch.prefix ?? before.prefix;
		if (prefix !== before.prefix || restoring) await assertPrefixFree(tx, officeId, prefix, id);
		const { move, ...fields } = patch;
		await writeService(tx, before, fields);
		if (move) {
			await moveAmongSiblings(
				tx,
				'services',
				tx`office_id = ${officeId} and category_id is not distinct from ${categoryId} and archived_at is null`,
				id,
				move
			);
		}
		const after = await serviceRow(tx, officeId, id);
		const action = restoring ? 'restore' : move && Object.keys(fields).length === 0 ? 'reorder' : 'update';
		await audit(tx, { actor: scope, officeId, entity: 'service', entityId: id, action, before, after });
		return after;
	});
}

/**
 * Removes a service: refused while a visitor waits for it or is served in it; archived when
 * tickets or bookings refer to it (history stays whole); deleted when nothing ever used it.
 */
export async function removeService(ctx: EngineContext, scope: AdminScope, officeId: number, id: number): Promise<Removal> {
	return configChange(ctx, scope, officeId, 'services', async (tx) => {
		const before = await serviceRow(tx, officeId, id);
		const [use] = await tx<{ live: number; history: boolean }[]>`
			select
				(select count(*) from tickets where service_id = ${id} and state in ('waiting', 'called', 'serving'))::int as live,
				exists (select 1 from tickets where service_id = ${id}) or exists (select 1 from bookings where service_id = ${id}) as history`;
		if (use!.live > 0) throw new TalonError('service_has_live_tickets', { count: use!.live });
		if (use!.history) {
			if (!before.archived) await tx`update services set archived_at = now(), active = false where id = ${id}`;
			await tx`delete from desk_services where service_id = ${id}`;
			await audit(tx, {
				actor: scope,
				officeId,
				entity: 'service',
				entityId: id,
				action: 'archive',
				before,
				after: { ...before, archived: true }
			});
			return { result: 'archived' as const };
		}
		await tx`delete from services where id = ${id}`;
		await audit(tx, { actor: scope, officeId, entity: 'service', entityId: id, action: 'delete', before });
		return { result: 'deleted' as const };
	});
}
