import type { Sql, Tx } from '$lib/server/db/connect';
import type { StaffRole } from '$lib/domain/states';
import { TalonError } from '$lib/errors';
import type { StaffCreate, StaffPatch, StaffView } from '$lib/schemas/admin-staff';
import { generatePassword, hashPassword } from '$lib/server/auth/staff';
import { loginKey } from '$lib/server/auth/throttle';
import { noSockets, type SocketControl } from '$lib/server/realtime/control';
import { assertOfficeInScope, type AdminScope } from './scope';
import { audit } from './audit';

/**
 * Staff (issue 11, item 4). An admin manages everyone; a supervisor manages the operators of
 * their offices only: they create operators for those offices, and may change, disable, reset or
 * unlock a user only when that user is an operator (no other role) working in one of their
 * offices; the user's other offices are kept as they are. Nobody disables, or takes the admin
 * role from, their own account (a network could lock itself out). Passwords are never audited,
 * never answered unless generated here, and a reset or a disable ends every session at once.
 */
interface StaffRow {
	id: number;
	login: string;
	displayName: string;
	roles: StaffRole[];
	officeIds: number[];
	disabled: boolean;
	lockedUntil: Date | null;
	createdAt: Date;
}

const view = (r: StaffRow): StaffView => ({
	id: r.id,
	login: r.login,
	displayName: r.displayName,
	roles: r.roles,
	officeIds: r.officeIds,
	disabled: r.disabled,
	lockedUntil: r.lockedUntil && r.lockedUntil.getTime() > Date.now() ? r.lockedUntil.toISOString() : null,
	createdAt: r.createdAt.toISOString()
});

const select = (sql: Sql | Tx) => sql`
	select u.id, u.login, u.display_name, u.roles, u.disabled, u.created_at,
		coalesce((select array_agg(office_id order by office_id) from staff_offices where staff_id = u.id), '{}') as office_ids,
		(select blocked_until from login_throttle t where t.key = 'login:' || u.login and blocked_until > now()) as locked_until
	from staff_users u`;

const isOperatorOnly = (roles: readonly StaffRole[]) => roles.length === 1 && roles[0] === 'operator';

/** Whether the caller manages this user (see the module's comment). */
function manages(scope: AdminScope, user: Pick<StaffRow, 'roles' | 'officeIds'>): boolean {
	if (scope.isAdmin) return true;
	return isOperatorOnly(user.roles) && user.officeIds.some((o) => scope.officeIds.includes(o));
}

export interface StaffFilter {
	q?: string;
	officeId?: number;
}

/** Everyone an admin manages; for a supervisor, the operators of their offices. Searched by login or name. */
export async function listStaff(sql: Sql, scope: AdminScope, filter: StaffFilter = {}): Promise<StaffView[]> {
	if (filter.officeId !== undefined) assertOfficeInScope(scope, filter.officeId);
	const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
	const rows = await sql<StaffRow[]>`
		${select(sql)}
		where true
			${like ? sql`and (u.login ilike ${like} or u.display_name ilike ${like})` : sql``}
			${filter.officeId === undefined ? sql`` : sql`and exists (select 1 from staff_offices s where s.staff_id = u.id and s.office_id = ${filter.officeId})`}
			${
				scope.isAdmin
					? sql``
					: sql`and u.roles = array['operator']::text[]
						and exists (select 1 from staff_offices s where s.staff_id = u.id and s.office_id = any(${scope.officeIds as number[]}))`
			}
		order by u.disabled, u.login
		limit 1000`;
	return rows.map(view);
}

async function findRow(sql: Sql | Tx, id: number, lock = false): Promise<StaffRow> {
	const [row] = await sql<StaffRow[]>`${select(sql)} where u.id = ${id} ${lock ? sql`for update of u` : sql``}`;
	if (!row) throw new TalonError('staff_not_found');
	return row;
}

export async function getStaff(sql: Sql, scope: AdminScope, id: number): Promise<StaffView> {
	const row = await findRow(sql, id);
	if (!manages(scope, row)) throw new TalonError('forbidden');
	return view(row);
}

/** Roles and offices a caller may give: a supervisor gives the operator role in their offices only. */
async function checkGrant(tx: Tx, scope: AdminScope, roles: readonly StaffRole[], officeIds: readonly number[]): Promise<void> {
	if (!scope.isAdmin) {
		if (!isOperatorOnly(roles)) throw new TalonError('forbidden');
		for (const o of officeIds) assertOfficeInScope(scope, o);
	}
	if (officeIds.length) {
		const found = await tx<{ id: number }[]>`select id from offices where id = any(${officeIds as number[]})`;
		if (found.length !== new Set(officeIds).size) throw new TalonError('office_not_found');
	}
}

const auditable = (v: StaffView) => ({
	login: v.login,
	displayName: v.displayName,
	roles: v.roles,
	officeIds: v.officeIds,
	disabled: v.disabled
});

/** The first office of a change, for the audit log's office filter (a supervisor sees rows of their offices). */
const officeOf = (scope: AdminScope, officeIds: readonly number[]) =>
	officeIds.find((o) => scope.isAdmin || scope.officeIds.includes(o)) ?? officeIds[0] ?? null;

/** A new staff member. An empty password gets a generated one, answered here once. */
export async function createStaff(sql: Sql, scope: AdminScope, input: StaffCreate): Promise<{ user: StaffView; password: string | null }> {
	const generated = input.password === '' ? generatePassword() : null;
	const passwordHash = await hashPassword(generated ?? input.password);
	const officeIds = [...new Set(input.officeIds)];
	if (!scope.isAdmin && officeIds.length === 0) throw new TalonError('invalid_input', { field: 'officeIds' });
	try {
		const user = await sql.begin(async (tx) => {
			await checkGrant(tx, scope, input.roles, officeIds);
			const [taken] = await tx`select 1 from staff_users where login = ${input.login}`;
			if (taken) throw new TalonError('login_taken', { login: input.login });
			const [row] = await tx<{ id: number }[]>`
				insert into staff_users (login, display_name, password_hash, roles)
				values (${input.login}, ${input.displayName || input.login}, ${passwordHash}, ${[...new Set(input.roles)]}) returning id`;
			for (const o of officeIds) await tx`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${o})`;
			const created = view(await findRow(tx, row!.id));
			await audit(tx, {
				actor: scope,
				officeId: officeOf(scope, officeIds),
				entity: 'staff',
				entityId: created.id,
				action: 'create',
				after: auditable(created)
			});
			return created;
		});
		return { user, password: generated };
	} catch (e) {
		if ((e as { code?: string }).code === '23505') throw new TalonError('login_taken', { login: input.login });
		throw e;
	}
}

/**
 * Changes a staff member: name, roles, offices, disable/enable, a new password (typed, or
 * generated and answered once), unlock. One audit row per kind of change. Disabling ends the
 * user's sessions in the transaction and their open sockets once it is committed.
 */
export async function updateStaff(
	sql: Sql,
	scope: AdminScope,
	id: number,
	patch: StaffPatch,
	sockets: SocketControl = noSockets
): Promise<{ user: StaffView; password: string | null }> {
	const generated = patch.resetPassword ? generatePassword() : null;
	const newPassword = generated ?? patch.password ?? null;
	const passwordHash = newPassword === null ? null : await hashPassword(newPassword);
	const result = await sql.begin(async (tx) => {
		const before = await findRow(tx, id, true);
		if (!manages(scope, before)) throw new TalonError('forbidden');
		const self = before.id === scope.staffId;
		if (self && patch.disabled === true) throw new TalonError('not_on_yourself');
		if (self && patch.roles && before.roles.includes('admin') && !patch.roles.includes('admin')) throw new TalonError('not_on_yourself');

		const roles = patch.roles ? [...new Set(patch.roles)] : before.roles;
		let officeIds = before.officeIds;
		if (patch.officeIds) {
			const wanted = [...new Set(patch.officeIds)];
			// A supervisor changes only their own offices in the list; the others stay.
			officeIds = scope.isAdmin ? wanted : [...before.officeIds.filter((o) => !scope.officeIds.includes(o)), ...wanted];
			officeIds.sort((a, b) => a - b);
		}
		if (patch.roles || patch.officeIds) {
			await checkGrant(
				tx,
				scope,
				roles,
				officeIds.filter((o) => !before.officeIds.includes(o))
			);
			if (!scope.isAdmin && !officeIds.some((o) => scope.officeIds.includes(o)))
				throw new TalonError('invalid_input', { field: 'officeIds' });
		}

		await tx`
			update staff_users set
				display_name = ${patch.displayName === undefined ? before.displayName : patch.displayName || before.login},
				roles = ${roles},
				disabled = ${patch.disabled ?? before.disabled}
				${passwordHash ? tx`, password_hash = ${passwordHash}` : tx``}
			where id = ${id}`;
		if (patch.officeIds) {
			await tx`delete from staff_offices where staff_id = ${id} and not (office_id = any(${officeIds}))`;
			for (const o of officeIds) await tx`insert into staff_offices (staff_id, office_id) values (${id}, ${o}) on conflict do nothing`;
		}
		const endSessions = passwordHash !== null || (patch.disabled === true && !before.disabled);
		// The same as auth's invalidateUserSessions, inside this transaction.
		if (endSessions) await tx`delete from staff_sessions where staff_id = ${id}`;
		if (patch.unlock) await tx`delete from login_throttle where key = ${loginKey(before.login)}`;

		const after = await findRow(tx, id);
		const b = auditable(view(before));
		const a = auditable(view(after));
		const officeId = officeOf(scope, [...after.officeIds, ...before.officeIds]);
		const entry = { actor: scope, officeId, entity: 'staff', entityId: id } as const;
		const changed = (['displayName', 'roles', 'officeIds'] as const).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
		if (changed.length) {
			await audit(tx, {
				...entry,
				action: 'update',
				before: Object.fromEntries(changed.map((k) => [k, b[k]])),
				after: Object.fromEntries(changed.map((k) => [k, a[k]]))
			});
		}
		if (a.disabled !== b.disabled) {
			await audit(tx, {
				...entry,
				action: a.disabled ? 'disable' : 'enable',
				before: { disabled: b.disabled },
				after: { disabled: a.disabled }
			});
		}
		// The audit row says that the password changed and how, never what it is.
		if (passwordHash) await audit(tx, { ...entry, action: 'reset_password', after: { generated: generated !== null } });
		if (patch.unlock)
			await audit(tx, { ...entry, action: 'unlock', before: { lockedUntil: view(before).lockedUntil }, after: { lockedUntil: null } });
		return { user: view(after), disabledNow: a.disabled && !b.disabled, endSessions };
	});
	if (result.endSessions) sockets.endStaff(id);
	return { user: result.user, password: generated };
}
