import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { reply } from '$lib/server/api/operation';
import { adminScope } from '$lib/server/admin/scope';
import { createBoardMessage, listBoardMessages } from '$lib/server/admin/board-messages';
import { messageCreate, messageView } from '$lib/schemas/admin-messages';
import { officePath } from '$lib/schemas/params';

export const GET = endpoint(
	{
		id: 'adminListBoardMessages',
		summary: "An office's running-line messages, with whether each is showing now",
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		responses: { 200: z.object({ messages: z.array(messageView) }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params }) => ({ messages: await listBoardMessages(app.db.sql, adminScope(principal.staff), params.office) })
);

export const POST = endpoint(
	{
		id: 'adminCreateBoardMessage',
		summary: 'Add a running-line message (optional from/to)',
		tags: ['admin'],
		auth: ['staff'],
		params: officePath,
		body: messageCreate,
		responses: { 201: z.object({ message: messageView }) },
		errors: ['office_not_found']
	},
	async ({ app, principal, params, body }) =>
		reply(201, { message: await createBoardMessage(app.db.sql, adminScope(principal.staff), params.office, body) })
);
