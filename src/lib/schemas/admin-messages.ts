import { z } from 'zod';

/** Running-line messages of an office's boards (issue 11, item 7). */
const instant = z.iso.datetime({ offset: true });

export const messageFields = {
	textRu: z.string().trim().min(1).max(300),
	textEn: z.string().trim().max(300),
	startsAt: instant.nullable().describe('Shown from then (null: at once)'),
	endsAt: instant.nullable().describe('Shown until then (null: until removed)'),
	active: z.boolean().describe('false hides it without removing it'),
	sort: z.int().min(-1000).max(1000).describe('Order on the board, smaller first')
};

const window = (m: { startsAt?: string | null; endsAt?: string | null }) =>
	!m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);
const windowError = { error: 'window', path: ['endsAt'] };

export const messageCreate = z
	.object({
		...messageFields,
		textEn: messageFields.textEn.default(''),
		startsAt: messageFields.startsAt.default(null),
		endsAt: messageFields.endsAt.default(null),
		active: messageFields.active.default(true),
		sort: messageFields.sort.default(0)
	})
	.refine(window, windowError)
	.meta({ id: 'AdminBoardMessageCreate' });
export type MessageCreate = z.output<typeof messageCreate>;

export const messagePatch = z.object(messageFields).partial().meta({ id: 'AdminBoardMessagePatch' });
export type MessagePatch = z.output<typeof messagePatch>;

export const messageView = z
	.object({
		id: z.int(),
		officeId: z.int(),
		textRu: z.string(),
		textEn: z.string(),
		startsAt: z.iso.datetime().nullable(),
		endsAt: z.iso.datetime().nullable(),
		active: z.boolean(),
		sort: z.int(),
		showing: z.boolean().describe('On the boards now: active and within its window'),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'AdminBoardMessage' });
export type MessageView = z.output<typeof messageView>;
