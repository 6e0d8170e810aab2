import type { Sql } from '$lib/server/db/connect';
import type { StaffRole } from '$lib/domain/states';
import { config, type Config } from '$lib/server/config';
import { generateToken, hashToken } from './tokens';

/**
 * Staff sessions the Lucia way: the browser holds a random token, the database its SHA-256.
 * Sliding expiry: a session used in the second half of its life is extended, so an active
 * shift never logs out while an idle one ends after `SESSION_TTL_MS`.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'talon_session';

/**
 * The idle limit in force: `TALON_SESSION_IDLE_HOURS` (0.25..168, default 12). An office whose
 * shift is longer sets it once for the server; a value out of range stops the start.
 */
export function sessionTtlMs(settings: Pick<Config, 'TALON_SESSION_IDLE_HOURS'> = config()): number {
	return settings.TALON_SESSION_IDLE_HOURS * 60 * 60 * 1000;
}

export interface StaffPrincipal {
	staffId: number;
	login: string;
	displayName: string;
	roles: StaffRole[];
	officeIds: number[];
	sessionExpiresAt: Date;
}

export async function createSession(
	sql: Sql,
	staffId: number,
	now = new Date(),
	ttlMs = sessionTtlMs()
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + ttlMs);
	await sql`insert into staff_sessions (id, staff_id, expires_at, created_at) values (${hashToken(token)}, ${staffId}, ${expiresAt}, ${now})`;
	return { token, expiresAt };
}

export async function validateSession(sql: Sql, token: string, now = new Date(), ttlMs = sessionTtlMs()): Promise<StaffPrincipal | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashToken(token);
	const [row] = await sql<
		{ staffId: number; login: string; displayName: string; roles: StaffRole[]; disabled: boolean; expiresAt: Date; officeIds: number[] }[]
	>`
		select s.staff_id, u.login, u.display_name, u.roles, u.disabled, s.expires_at,
			coalesce((select array_agg(office_id order by office_id) from staff_offices where staff_id = u.id), '{}') as office_ids
		from staff_sessions s join staff_users u on u.id = s.staff_id where s.id = ${id}`;
	if (!row) return null;
	if (row.disabled || row.expiresAt.getTime() <= now.getTime()) {
		await sql`delete from staff_sessions where id = ${id}`;
		return null;
	}
	let expiresAt = row.expiresAt;
	if (expiresAt.getTime() - now.getTime() < ttlMs / 2) {
		expiresAt = new Date(now.getTime() + ttlMs);
		await sql`update staff_sessions set expires_at = ${expiresAt} where id = ${id}`;
	}
	return {
		staffId: row.staffId,
		login: row.login,
		displayName: row.displayName,
		roles: row.roles,
		officeIds: row.officeIds,
		sessionExpiresAt: expiresAt
	};
}

export async function invalidateSession(sql: Sql, token: string): Promise<void> {
	await sql`delete from staff_sessions where id = ${hashToken(token)}`;
}

/** Ends every session of a user (password changed, user disabled). */
export async function invalidateUserSessions(sql: Sql, staffId: number): Promise<void> {
	await sql`delete from staff_sessions where staff_id = ${staffId}`;
}
