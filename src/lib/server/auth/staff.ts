import { hash, verify } from '@node-rs/argon2';
import type { Sql } from '$lib/server/db/connect';
import type { StaffRole } from '$lib/domain/states';
import { TalonError } from '$lib/errors';
import { invalidateUserSessions } from './sessions';

/** argon2id with the parameters OWASP recommends (19 MiB, 2 passes, 1 lane). */
const ARGON2 = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** A readable random password for a new user (printed once, never stored). */
export function generatePassword(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export async function addStaffUser(
	sql: Sql,
	input: { login: string; password: string; roles: StaffRole[]; officeIds: number[]; displayName?: string }
): Promise<{ id: number }> {
	if (input.password.length < 8) throw new TalonError('invalid_input', { field: 'password' });
	const passwordHash = await hashPassword(input.password);
	return sql.begin(async (tx) => {
		const [existing] = await tx`select 1 from staff_users where login = ${input.login}`;
		if (existing) throw new TalonError('invalid_input', { field: 'login' }, 'login taken');
		const [row] = await tx<{ id: number }[]>`
			insert into staff_users (login, display_name, password_hash, roles)
			values (${input.login}, ${input.displayName ?? input.login}, ${passwordHash}, ${input.roles}) returning id`;
		for (const officeId of input.officeIds) {
			await tx`insert into staff_offices (staff_id, office_id) values (${row!.id}, ${officeId})`;
		}
		return { id: row!.id };
	});
}

export async function setPassword(sql: Sql, staffId: number, password: string): Promise<void> {
	await sql`update staff_users set password_hash = ${await hashPassword(password)} where id = ${staffId}`;
	await invalidateUserSessions(sql, staffId);
}

/** Disables or enables a user; disabling ends every session at once (a board or desk signs out). */
export async function setDisabled(sql: Sql, staffId: number, disabled: boolean): Promise<void> {
	const [row] = await sql`update staff_users set disabled = ${disabled} where id = ${staffId} returning id`;
	if (!row) throw new TalonError('not_found');
	if (disabled) await invalidateUserSessions(sql, staffId);
}
