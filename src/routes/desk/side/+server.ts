import { z } from 'zod';
import { TalonError } from '$lib/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';
import { app } from '$lib/server/app';
import { sidePanel } from '../console.server';
import type { RequestHandler } from './$types';

const query = z.object({
	desk: z.coerce.number().int().positive().max(2_147_483_647),
	ticket: z.coerce.number().int().positive().max(2_147_483_647).optional()
});

/**
 * The console's side panel, refreshed when the queue moves: the operator's day, today's
 * bookings for the desk's services and the current visitor's name if they booked. Staff of the
 * desk's office only; a signed-out console gets 401 and goes to /login.
 */
export const GET = jsonEndpoint(async ({ locals, url }) => {
	const staff = locals.staff;
	if (!staff) throw new TalonError('unauthorized');
	const q = query.parse({ desk: url.searchParams.get('desk'), ticket: url.searchParams.get('ticket') ?? undefined });
	const { db } = await app();
	const [desk] = await db.sql<{ officeId: number; timeZone: string }[]>`
		select d.office_id, o.time_zone from desks d join offices o on o.id = d.office_id where d.id = ${q.desk}`;
	if (!desk) throw new TalonError('desk_not_found');
	if (!staff.officeIds.includes(desk.officeId)) throw new TalonError('wrong_office');
	return sidePanel(db.sql, { officeId: desk.officeId, timeZone: desk.timeZone, deskId: q.desk, staffId: staff.staffId, ticketId: q.ticket ?? null });
}) satisfies RequestHandler;
