import { TalonError } from '$lib/errors';
import { endpoint } from '$lib/server/api/endpoint';
import { findOffice } from '$lib/server/offices/offices';
import { officeSnapshot } from '$lib/server/queue';
import { mayWatchOffice } from '$lib/server/edge/principal';
import { officeSnapshot as snapshotSchema } from '$lib/schemas/views';
import { officePath } from '$lib/schemas/params';

/** The office's queue as of its last event (devices of the office and its staff). */
export const GET = endpoint(
	{
		id: 'officeSnapshot',
		summary: 'The office queue snapshot',
		description: 'Apply the Socket.IO `queue:event`s with a greater `seq` on top to follow the queue live.',
		tags: ['offices'],
		auth: ['device', 'staff'],
		params: officePath,
		responses: { 200: snapshotSchema },
		errors: ['office_not_found', 'wrong_office']
	},
	async ({ app, params, principal }) => {
		const office = await findOffice(app.db.sql, params.office);
		if (!mayWatchOffice(principal, office.id)) throw new TalonError('wrong_office');
		return officeSnapshot(app.db.sql, office.id);
	}
);
