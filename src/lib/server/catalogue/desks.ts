import type { Sql, Tx } from '$lib/server/db/connect';
import type { EngineContext } from '$lib/server/queue/context';
import { TalonError } from '$lib/errors';
import { audit } from '$lib/server/admin/audit';
import type { AdminScope } from '$lib/server/admin/scope';
import type { AdminDesk, DeskInput, DeskPatch, MatrixCell, Removal } from '$lib/schemas/catalogue';
import { configChange, fieldError } from './change';

/**
 * Desks and the desk × service table. A pair's weight is the call policy's `desk_services.priority`
 * (1..10, `src/lib/domain/call-policy.ts`): a desk calls first from the services it weighs most.
 */
export async function listDesks(sql: Sql | Tx, officeId: number): Promise<AdminDesk[]> {
	return sql<AdminDesk[]>`
		select d.id, d.number, d.name, d.active, d.state,
			coalesce((select json_agg(json_build_object('serviceId', ds.service_id, 'priority', ds.priority) order by ds.service_id)
				from desk_services ds where ds.desk_id = d.id), '[]'::json) as services
		from desks d where d.office_id = ${officeId} order by d.number`;
}

async function deskRow(tx: Sql | Tx, officeId: number, id: number): Promise<AdminDesk> {
	const desk = (await listDesks(tx, officeId)).find((d) => d.id === id);
	if (!desk) throw new TalonError('desk_not_found');
	return desk;
}

async function assertNumberFree(tx: Tx, officeId: number, number: number, exceptId: number | null): Promise<void> {
	const [taken] = await tx`select id from desks where office_id = ${officeId} and number = ${number}
		${exceptId === null ? tx`` : tx`and id <> ${exceptId}`}`;
	if (taken) throw new TalonError('desk_number_taken', { number });
}

/** Replaces a desk's service set; every service must be one of the office's services in use. */
async function writeDeskServices(tx: Tx, officeId: number, deskId: number, services: DeskInput['services']): Promise<void> {
	const ids = services.map((s) => s.serviceId);
	if (new Set(ids).size !== ids.length) throw fieldError('services', 'A service is listed twice');
	if (ids.length) {
		const known = await tx<{ id: number }[]>`
			select id from services where office_id = ${officeId} and archived_at is null and id = any(${ids})`;
		if (known.length !== ids.length) throw fieldError('services', 'Not a service of this office in use');
	}
	await tx`delete from desk_services where desk_id = ${deskId}`;
	if (services.length) {
		await tx`insert into desk_services ${tx(services.map((s) => ({ desk_id: deskId, service_id: s.serviceId, priority: s.priority })))}`;
	}
}

export async function createDesk(ctx: EngineContext, scope: AdminScope, officeId: number, input: DeskInput): Promise<AdminDesk> {
	return configChange(ctx, scope, officeId, 'desks', async (tx) => {
		await assertNumberFree(tx, officeId, input.number, null);
		const [row] = await tx<{ id: number }[]>`
			insert into desks (office_id, number, name, active) values (${officeId}, ${input.number}, ${input.name}, ${input.active}) returning id`;
		await writeDeskServices(tx, officeId, row!.id, input.services);
		const after = await deskRow(tx, officeId, row!.id);
		await audit(tx, { actor: scope, officeId, entity: 'desk', entityId: after.id, action: 'create', after });
		return after;
	});
}

export async function updateDesk(
	ctx: EngineContext,
	scope: AdminScope,
	officeId: number,
	id: number,
	patch: DeskPatch
): Promise<AdminDesk> {
	return configChange(ctx, scope, officeId, 'desks', async (tx) => {
		const before = await deskRow(tx, officeId, id);
		if (patch.number !== undefined && patch.number !== before.number) await assertNumberFree(tx, officeId, patch.number, id);
		if (patch.active === false && before.state !== 'closed') throw new TalonError('desk_in_use');
		await tx`update desks set number = ${patch.number ?? before.number}, name = ${patch.name ?? before.name},
			active = ${patch.active ?? before.active} where id = ${id}`;
		if (patch.services) await writeDeskServices(tx, officeId, id, patch.services);
		const after = await deskRow(tx, officeId, id);
		await audit(tx, { actor: scope, officeId, entity: 'desk', entityId: id, action: 'update', before, after });
		return after;
	});
}

/** Removes a desk: refused while open; taken out of use when tickets or events refer to it; deleted otherwise. */
export async function removeDesk(ctx: EngineContext, scope: AdminScope, officeId: number, id: number): Promise<Removal> {
	return configChange(ctx, scope, officeId, 'desks', async (tx) => {
		const before = await deskRow(tx, officeId, id);
		if (before.state !== 'closed') throw new TalonError('desk_in_use');
		const [use] = await tx<{ history: boolean }[]>`
			select exists (select 1 from tickets where desk_id = ${id} or target_desk_id = ${id})
				or exists (select 1 from events where desk_id = ${id}) as history`;
		if (use!.history) {
			await tx`update desks set active = false where id = ${id}`;
			await audit(tx, {
				actor: scope,
				officeId,
				entity: 'desk',
				entityId: id,
				action: 'archive',
				before,
				after: { ...before, active: false }
			});
			return { result: 'archived' as const };
		}
		await tx`delete from desks where id = ${id}`;
		await audit(tx, { actor: scope, officeId, entity: 'desk', entityId: id, action: 'delete', before });
		return { result: 'deleted' as const };
	});
}

/**
 * Saves the office's whole desk × service table at once: each cell a weight 1..10 or null (the
 * desk does not serve it). Only changed cells are written; one audit row lists them.
 */
export async function saveMatrix(ctx: EngineContext, scope: AdminScope, officeId: number, cells: readonly MatrixCell[]): Promise<number> {
	return configChange(ctx, scope, officeId, 'desks', async (tx) => writeMatrix(tx, scope, officeId, cells));
}

export async function writeMatrix(tx: Tx, scope: AdminScope, officeId: number, cells: readonly MatrixCell[]): Promise<number> {
	const desks = new Set((await tx<{ id: number }[]>`select id from desks where office_id = ${officeId}`).map((d) => d.id));
	const services = new Set(
		(await tx<{ id: number }[]>`select id from services where office_id = ${officeId} and archived_at is null`).map((s) => s.id)
	);
	for (const c of cells) {
		if (!desks.has(c.deskId)) throw fieldError(`desk.${c.deskId}`, 'Not a desk of this office');
		if (!services.has(c.serviceId)) throw fieldError(`service.${c.serviceId}`, 'Not a service of this office in use');
		if (c.priority !== null && !(Number.isInteger(c.priority) && c.priority >= 1 && c.priority <= 10))
			throw fieldError(`w.${c.deskId}.${c.serviceId}`, 'A weight is a whole number 1..10, or empty');
	}
	const current = new Map(
		(
			await tx<{ deskId: number; serviceId: number; priority: number }[]>`
			select ds.desk_id, ds.service_id, ds.priority from desk_services ds join desks d on d.id = ds.desk_id where d.office_id = ${officeId}`
		).map((r) => [`${r.deskId}:${r.serviceId}`, r.priority])
	);
	const changed = cells.filter((c) => (current.get(`${c.deskId}:${c.serviceId}`) ?? null) !== c.priority);
	if (changed.length === 0) return 0;
	const removed = changed.filter((c) => c.priority === null);
	const set = changed.filter((c) => c.priority !== null);
	if (removed.length) {
		await tx`delete from desk_services ds using (select unnest(${removed.map((c) => c.deskId)}::int[]) as d,
			unnest(${removed.map((c) => c.serviceId)}::int[]) as s) v where ds.desk_id = v.d and ds.service_id = v.s`;
	}
	if (set.length) {
		await tx`insert into desk_services ${tx(set.map((c) => ({ desk_id: c.deskId, service_id: c.serviceId, priority: c.priority })))}
			on conflict (desk_id, service_id) do update set priority = excluded.priority`;
	}
	await audit(tx, {
		actor: scope,
		officeId,
		entity: 'desk_services',
		entityId: null,
		action: 'update',
		before: changed.map((c) => ({ deskId: c.deskId, serviceId: c.serviceId, priority: current.get(`${c.deskId}:${c.serviceId}`) ?? null })),
		after: changed
	});
	return changed.length;
}
