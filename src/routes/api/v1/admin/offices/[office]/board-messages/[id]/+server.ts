import { z } from 'zod';
import { endpoint } from '$lib/server/api/endpoint';
import { adminScope } from '$lib/server/admin/scope';
import { deleteBoardMessage, updateBoardMessage } from '$lib/server/admin/board-messages';
import { messagePatch, messageView } from '$lib/schemas/admin-messages';
import { idParam } from '$lib/schemas/common';
import { officeKey } from '$lib/schemas/params';

const path = z.object({ office: officeKey, id: idParam.describe('Message id') });

export const PATCH = endpoint(
	{
		id: 'adminUpdateBoardMessage',
		summary: 'Change a running-line message',
		tags: ['admin'],
		auth: ['staff'],
		params: path,
		body: messagePatch,
		responses: { 200: z.object({ message: messageView }) },
		errors: ['office_not_found', 'board_message_not_found']
	},
	async ({ app, principal, params, body }) => ({
		message: await updateBoardMessage(app.db.sql, adminScope(principal.staff), params.office, params.id, body)
	})
);

export const DELETE = endpoint(
	{
		id: 'adminDeleteBoardMessage',
		summary: 'Remove a running-line message',
		tags: ['admin'],
		auth: ['staff'],
		params: path,
		responses: { 200: z.object({ deleted: z.int() }) },
		errors: ['office_not_found', 'board_message_not_found']
	},
	async ({ app, principal, params }) => {
		await deleteBoardMessage(app.db.sql, adminScope(principal.staff), params.office, params.id);
		return { deleted: params.id };
	}
);
