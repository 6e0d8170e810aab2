import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { deskCommandNames } from '$lib/realtime/commands';
import type { StaffPrincipal } from './sessions';

/**
 * Socket commands that act at one desk (`{ deskId, ... }`; scope `desk` in the contract,
 * src/lib/realtime/commands.ts): the desk must be the operator's own.
 */
const deskCommands: ReadonlySet<string> = new Set(deskCommandNames);
export const isDeskCommand = (event: string): boolean => deskCommands.has(event);

/**
 * An operator acts only at a desk that is closed, free or their own: a desk open under another
 * operator who is still signed in is theirs (the console's picker shows it as taken; this stops a
 * forged socket event too). Supervisors and admins may step in at any desk of their offices.
 * Office scope itself is the engine's check (`wrong_office`).
 */
export async function deskRefusal(sql: Sql, staff: StaffPrincipal, deskId: unknown, now = new Date()): Promise<TalonError | null> {
	if (staff.roles.includes('admin') || staff.roles.includes('supervisor')) return null;
	if (typeof deskId !== 'number' || !Number.isInteger(deskId) || deskId <= 0 || deskId > 2_147_483_647) return null; // the handler's zod check answers
	const [row] = await sql<{ holder: string | null }[]>`
		select u.display_name as holder from desks d join staff_users u on u.id = d.staff_id
		where d.id = ${deskId} and d.state <> 'closed' and d.staff_id <> ${staff.staffId}
		  and exists (select 1 from staff_sessions s where s.staff_id = d.staff_id and s.expires_at > ${now})`;
	return row ? new TalonError('desk_taken', { name: row.holder ?? '' }) : null;
}
