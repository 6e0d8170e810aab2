import type { Sql, Tx } from '$lib/server/db/connect';
import type { EngineContext } from '$lib/server/queue/context';
import { TalonError } from '$lib/errors';
import { audit } from '$lib/server/admin/audit';
import type { AdminScope } from '$lib/server/admin/scope';
import type { AdminCategory, CategoryInput, CategoryPatch, Removal } from '$lib/schemas/catalogue';
import { configChange, fieldError } from './change';
import { moveAmongSiblings } from './order';

const columns = (sql: Sql | Tx) => sql`id, parent_id, name_ru, name_en, sort, kiosk_visible as kiosk, archived_at is not null as archived`;

/** The office's category tree as a flat list, parents before children is not promised: order by `sort`. */
export async function listCategories(sql: Sql | Tx, officeId: number, opts: { archived?: boolean } = {}): Promise<AdminCategory[]> {
	return sql<AdminCategory[]>`
		select ${columns(sql)} from service_categories where office_id = ${officeId}
		${opts.archived ? sql`` : sql`and archived_at is null`}
		order by sort, id`;
}

export async function categoryRow(tx: Sql | Tx, officeId: number, id: number): Promise<AdminCategory> {
	const [row] = await tx<AdminCategory[]>`
		select ${columns(tx)} from service_categories where id = ${id} and office_id = ${officeId}`;
	if (!row) throw new TalonError('category_not_found');
	return row;
}

/** A category a service or a sub-category may be put in: of this office and not archived. */
export async function assertLiveCategory(tx: Tx, officeId: number, id: number | null, field: string): Promise<void> {
	if (id === null) return;
	const [row] = await tx<{ archived: boolean }[]>`
		select archived_at is not null as archived from service_categories where id = ${id} and office_id = ${officeId}`;
	if (!row) throw fieldError(field, 'No such category in this office');
	if (row.archived) throw new TalonError('category_archived');
}

export async function createCategory(
	ctx: EngineContext,
	scope: AdminScope,
	officeId: number,
	input: CategoryInput
): Promise<AdminCategory> {
	return configChange(ctx, scope, officeId, 'categories', async (tx) => {
		await assertLiveCategory(tx, officeId, input.parentId, 'parentId');
		const [row] = await tx<{ id: number }[]>`
			insert into service_categories (office_id, parent_id, name_ru, name_en, kiosk_visible, sort)
			values (${officeId}, ${input.parentId}, ${input.nameRu}, ${input.nameEn}, ${input.kiosk},
				(select coalesce(max(sort) + 1, 0) from service_categories where office_id = ${officeId}
					and parent_id is not distinct from ${input.parentId}))
			returning id`;
		const after = await categoryRow(tx, officeId, row!.id);
		await audit(tx, { actor: scope, officeId, entity: 'category', entityId: after.id, action: 'create', after });
		return after;
	});
}

export async function updateCategory(
	ctx: EngineContext,
	scope: AdminScope,
	officeId: number,
	id: number,
	patch: CategoryPatch
): Promise<AdminCategory> {
	return configChange(ctx, scope, officeId, 'categories', async (tx) => {
		const before = await categoryRow(tx, officeId, id);
		const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
		if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
			await assertLiveCategory(tx, officeId, patch.parentId, 'parentId');
			if (patch.parentId !== null && (await isWithin(tx, patch.parentId, id)))
				throw fieldError('parentId', 'A category cannot be put inside itself or its own sub-category');
		}
		if (patch.archived === false && before.archived && before.parentId !== null)
			await assertLiveCategory(tx, officeId, parentId, 'parentId');
		await tx`
			update service_categories set
				name_ru = ${patch.nameRu ?? before.nameRu}, name_en = ${patch.nameEn ?? before.nameEn},
				parent_id = ${parentId}, kiosk_visible = ${patch.kiosk ?? before.kiosk},
				archived_at = ${patch.archived === false ? null : before.archived ? tx`archived_at` : null}
			where id = ${id}`;
		if (parentId !== before.parentId) {
			await tx`update service_categories set sort = (select coalesce(max(sort) + 1, 0) from service_categories
				where office_id = ${officeId} and parent_id is not distinct from ${parentId} and id <> ${id}) where id = ${id}`;
		}
		if (patch.move) {
			await moveAmongSiblings(
				tx,
				'service_categories',
				tx`office_id = ${officeId} and parent_id is not distinct from ${parentId} and archived_at is null`,
				id,
				patch.move
			);
		}
		const after = await categoryRow(tx, officeId, id);
		const action =
			patch.archived === false && before.archived ? 'restore' : patch.move && Object.keys(patch).length === 1 ? 'reorder' : 'update';
		await audit(tx, { actor: scope, officeId, entity: 'category', entityId: id, action, before, after });
		return after;
	});
}

/** Whether `candidate` is `ancestor` or lies below it (any depth). */
async function isWithin(tx: Tx, candidate: number, ancestor: number): Promise<boolean> {
	const [row] = await tx<{ found: boolean }[]>`
		with recursive up(id, parent_id) as (
			select id, parent_id from service_categories where id = ${candidate}
			union all
			select c.id, c.parent_id from service_categories c join up on c.id = up.parent_id
		)
		select exists (select 1 from up where id = ${ancestor}) as found`;
	return row!.found;
}

/**
 * Removes a category: refused while it holds services or sub-categories in use; archived when
 * archived ones still point at it (their history keeps its name); deleted otherwise.
 */
export async function removeCategory(ctx: EngineContext, scope: AdminScope, officeId: number, id: number): Promise<Removal> {
	return configChange(ctx, scope, officeId, 'categories', async (tx) => {
		const before = await categoryRow(tx, officeId, id);
		const [use] = await tx<{ live: number; archived: number }[]>`
			select
				(select count(*) from services where category_id = ${id} and archived_at is null)::int
					+ (select count(*) from service_categories where parent_id = ${id} and archived_at is null)::int as live,
				(select count(*) from services where category_id = ${id})::int
					+ (select count(*) from service_categories where parent_id = ${id})::int as archived`;
		if (use!.live > 0) throw new TalonError('category_not_empty');
		if (use!.archived > 0) {
			if (!before.archived) await tx`update service_categories set archived_at = now() where id = ${id}`;
			await audit(tx, {
				actor: scope,
				officeId,
				entity: 'category',
				entityId: id,
				action: 'archive',
				before,
				after: { ...before, archived: true }
			});
			return { result: 'archived' as const };
		}
		await tx`delete from service_categories where id = ${id}`;
		await audit(tx, { actor: scope, officeId, entity: 'category', entityId: id, action: 'delete', before });
		return { result: 'deleted' as const };
	});
}
