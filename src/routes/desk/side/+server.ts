import { z } from 'zod';
import { TalonError } from '$lib/errors';
import { jsonEndpoint } from '$lib/server/api/endpoint';
import { app } from '$lib/server/app';
import { sidePanelFor } from '$lib/server/desk/console';
import { idParam } from '$lib/schemas/common';
import type { RequestHandler } from './$types';

const query = z.object({ desk: idParam, ticket: idParam.optional() });

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
	return sidePanelFor(db.sql, staff, { deskId: q.desk, ticketId: q.ticket ?? null });
}) satisfies RequestHandler;
