import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { AdminOfficeView, OfficeCreate, OfficePatch } from '$lib/schemas/admin-offices';
import { noSockets, type SocketControl } from '$lib/server/realtime/control';
import { assertAdmin, assertOfficeInScope, type AdminScope } from './scope';
import { audit } from './audit';

/**
 * Offices (issue 11, item 1): an admin creates and archives them anywhere; a supervisor edits the
 * details of their own offices. An archived office leaves the landing, the booking pages and the
 * public API, and its kiosks and boards are revoked in the same transaction (their open sockets
 * end at once and the screens return to pairing): a closed office keeps no live keys. Its tickets,
 * bookings, events and audit rows stay; restoring it reopens it to the public, and its devices are
 * paired again with new tokens.
 */
interface OfficeRow {
	id: number;
	slug: string;
	nameRu: string;
	nameEn: string;
	addressRu: string;
	addressEn: string;
	timeZone: string;
	phone: string;
	mapUrl: string;
	smsLinks: boolean;
	remoteCallUnarrived: boolean;
	archivedAt: Date | null;
	createdAt: Date;
}

const view = (r: OfficeRow): AdminOfficeView => ({
	id: r.id,
	slug: r.slug,
	nameRu: r.nameRu,
	nameEn: r.nameEn,
	addressRu: r.addressRu,
	addressEn: r.addressEn,
	timeZone: r.timeZone,
	phone: r.phone,
	mapUrl: r.mapUrl,
	smsLinks: r.smsLinks,
	remoteCallUnarrived: r.remoteCallUnarrived,
	archived: r.archivedAt !== null,
	archivedAt: r.archivedAt?.toISOString() ?? null,
	createdAt: r.createdAt.toISOString()
});

/** What the audit log keeps of an office (no ids or clocks that did not change). */
const auditable = (v: AdminOfficeView) => {
	const { id: _id, createdAt: _c, archivedAt: _a, ...rest } = v;
	return rest;
};

const columns = (sql: Sql | Tx) =>
	sql`id, slug, name_ru, name_en, address_ru, address_en, time_zone, phone, map_url, sms_links, remote_call_unarrived, archived_at, created_at`;

/** The offices the caller administers, active first, archived ones last. */
export async function listAdminOffices(sql: Sql, scope: AdminScope): Promise<AdminOfficeView[]> {
	const rows = await sql<OfficeRow[]>`
		select ${columns(sql)} from offices
		where ${scope.isAdmin ? sql`true` : sql`id = any(${scope.officeIds as number[]})`}
		order by archived_at is not null, name_ru, id`;
	return rows.map(view);
}

async function findRow(sql: Sql | Tx, key: string | number, lock = false): Promise<OfficeRow> {
	const k = String(key).trim();
	const byId = /^\d{1,9}$/.test(k);
	const [row] = await sql<OfficeRow[]>`
		select ${columns(sql)} from offices where ${byId ? sql`id = ${Number(k)}` : sql`slug = ${k}`}
		${lock ? sql`for update` : sql``}`;
	if (!row) throw new TalonError('office_not_found', { office: k });
	return row;
}

/** One office by id or slug: 404 when there is none, 403 when the caller does not administer it. */
export async function getAdminOffice(sql: Sql, scope: AdminScope, key: string | number): Promise<AdminOfficeView> {
	const row = await findRow(sql, key);
	assertOfficeInScope(scope, row.id);
	return view(row);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

/** A new office (admins only). A slug already used by any office, archived or not, is a 409. */
export async function createOffice(sql: Sql, scope: AdminScope, input: OfficeCreate): Promise<AdminOfficeView> {
	assertAdmin(scope);
	try {
		return await sql.begin(async (tx) => {
			const [taken] = await tx`select 1 from offices where slug = ${input.slug}`;
			if (taken) throw new TalonError('office_slug_taken', { slug: input.slug });
			const [row] = await tx<OfficeRow[]>`
				insert into offices (slug, name_ru, name_en, address_ru, address_en, time_zone, phone, map_url, sms_links, remote_call_unarrived)
				values (${input.slug}, ${input.nameRu}, ${input.nameEn}, ${input.addressRu}, ${input.addressEn}, ${input.timeZone},
					${input.phone}, ${input.mapUrl}, ${input.smsLinks}, ${input.remoteCallUnarrived})
				returning ${columns(tx)}`;
			const created = view(row!);
			await audit(tx, {
				actor: scope,
				officeId: created.id,
				entity: 'office',
				entityId: created.id,
				action: 'create',
				after: auditable(created)
			});
			return created;
		});
	} catch (e) {
		// Two admins creating the same slug at once: the unique index settles it.
		if (isUniqueViolation(e)) throw new TalonError('office_slug_taken', { slug: input.slug });
		throw e;
	}
}

/**
 * Changes an office's details; `archived: true|false` archives or restores it (admins only). An
 * empty change writes nothing, not even an audit row. Archiving revokes the office's devices and
 * ends their sockets once the change is committed.
 */
export async function updateOffice(
	sql: Sql,
	scope: AdminScope,
	key: string | number,
	patch: OfficePatch,
	sockets: SocketControl = noSockets
): Promise<AdminOfficeView> {
	const outcome = await (async () => {
		try {
			return await sql.begin(async (tx) => {
				const before = await findRow(tx, key, true);
				assertOfficeInScope(scope, before.id);
				if (patch.archived !== undefined && patch.archived !== (before.archivedAt !== null)) assertAdmin(scope);
				if (patch.slug !== undefined && patch.slug !== before.slug) {
					const [taken] = await tx`select 1 from offices where slug = ${patch.slug} and id <> ${before.id}`;
					if (taken) throw new TalonError('office_slug_taken', { slug: patch.slug });
				}
				const archive = patch.archived === undefined ? undefined : patch.archived;
				const [row] = await tx<OfficeRow[]>`
					update offices set
						slug = ${patch.slug ?? before.slug},
						name_ru = ${patch.nameRu ?? before.nameRu},
						name_en = ${patch.nameEn ?? before.nameEn},
						address_ru = ${patch.addressRu ?? before.addressRu},
						address_en = ${patch.addressEn ?? before.addressEn},
						time_zone = ${patch.timeZone ?? before.timeZone},
						phone = ${patch.phone ?? before.phone},
						map_url = ${patch.mapUrl ?? before.mapUrl},
						sms_links = ${patch.smsLinks ?? before.smsLinks},
						remote_call_unarrived = ${patch.remoteCallUnarrived ?? before.remoteCallUnarrived},
						archived_at = ${archive === undefined ? before.archivedAt : archive ? (before.archivedAt ?? new Date()) : null}
					where id = ${before.id}
					returning ${columns(tx)}`;
				const b = auditable(view(before));
				const a = auditable(view(row!));
				const changed = (Object.keys(a) as (keyof typeof a)[]).filter((k) => a[k] !== b[k]);
				const archivedNow = !b.archived && a.archived;
				const revoked = archivedNow
					? await tx<{ id: number }[]>`
						update devices set revoked_at = now() where office_id = ${before.id} and revoked_at is null returning id`
					: [];
				if (changed.length) {
					const action = b.archived === a.archived ? 'update' : a.archived ? 'archive' : 'restore';
					await audit(tx, {
						actor: scope,
						officeId: before.id,
						entity: 'office',
						entityId: before.id,
						action,
						before: Object.fromEntries(changed.map((k) => [k, b[k]])),
						after: {
							...Object.fromEntries(changed.map((k) => [k, a[k]])),
							...(archivedNow && { devicesRevoked: revoked.map((d) => d.id) })
						}
					});
				}
				return { office: view(row!), revoked: revoked.map((d) => d.id) };
			});
		} catch (e) {
			if (isUniqueViolation(e) && patch.slug) throw new TalonError('office_slug_taken', { slug: patch.slug });
			throw e;
		}
	})();
	if (outcome.revoked.length) sockets.endDevices(outcome.revoked);
	return outcome.office;
}
