import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { deleteAlert } from '$lib/server/notices/alerts';
import { limitAlerts } from '$lib/server/notices/rate-limit';
import { publicCode } from '$lib/schemas/common';
import { alertChannel } from '$lib/schemas/notices';

/** Stop an alert: nothing more is written for it (notices already written are still sent). */
export const DELETE = endpoint(
	{
		id: 'deleteTicketAlert',
		summary: 'Stop an alert',
		tags: ['tickets', 'notices'],
		auth: 'public',
		limit: (event) => limitAlerts(event.getClientAddress(), event.params.code ?? ''),
		params: z.object({ code: publicCode.describe('The public code from the issued ticket'), channel: alertChannel }),
		responses: { 200: z.object({ deleted: z.literal(true) }) },
		errors: ['not_found']
	},
	async ({ app, params }) => {
		await deleteAlert(app.db.sql, params.code, params.channel);
		return { deleted: true as const };
	}
);
