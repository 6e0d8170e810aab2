import { z } from 'zod';
import { PREFIX_PATTERN } from '$lib/domain/numbering';

/**
 * The service catalogue and desks as administrators edit them (issue 11): one set of shapes for
 * the JSON API (`/api/v1/admin/offices/{office}/categories|services|desks`), the admin pages'
 * forms and the import. Field names are the API's; a form reads the same names.
 */

const name = z.string().trim().min(1).max(200);
const minutes = z.int().min(1).max(480);
/** One or two capital letters, Cyrillic or Latin; typed in lower case it is raised. */
export const prefixInput = z
	.string()
	.trim()
	.toUpperCase()
	.regex(PREFIX_PATTERN, 'One or two capital letters, Cyrillic or Latin (П, ЗП, A)')
	.describe('Ticket prefix: one or two capital letters, unique among the office’s services in use');
const documents = z.array(z.string().trim().min(1).max(300)).max(40);
const id = z.int().positive();
export const moveDirection = z.enum(['up', 'down']).describe('Move one place within its category');

export const serviceInput = z
	.object({
		nameRu: name,
		nameEn: name,
		prefix: prefixInput,
		categoryId: id.nullable().describe('Its category; null: the top of the tree'),
		durationMin: minutes.describe('Usual length of a visit, minutes'),
		targetWaitMin: minutes.default(15).describe('Target wait, minutes'),
		documentsRu: documents.default([]).describe('Documents to bring, one per item (Russian)'),
		documentsEn: documents.default([]),
		kiosk: z.boolean().default(true).describe('Shown on the kiosk'),
		bookable: z.boolean().default(true).describe('Can be booked online'),
		priorityAllowed: z.boolean().default(true).describe('Priority visitors may take it out of turn'),
		remoteAllowed: z.boolean().default(false).describe('Visitors may join its queue from their phones')
	})
	.meta({ id: 'ServiceInput' });
export type ServiceInput = z.output<typeof serviceInput>;

export const servicePatch = z
	.object({
		nameRu: name,
		nameEn: name,
		prefix: prefixInput,
		categoryId: id.nullable(),
		durationMin: minutes,
		targetWaitMin: minutes,
		documentsRu: documents,
		documentsEn: documents,
		kiosk: z.boolean(),
		bookable: z.boolean(),
		priorityAllowed: z.boolean(),
		remoteAllowed: z.boolean(),
		archived: z.literal(false).describe('`false` restores an archived service'),
		move: moveDirection
	})
	.partial()
	.meta({ id: 'ServicePatch', description: 'Only the fields sent change.' });
export type ServicePatch = z.output<typeof servicePatch>;

export const adminService = z
	.object({
		id: z.int(),
		categoryId: z.int().nullable(),
		nameRu: z.string(),
		nameEn: z.string(),
		prefix: z.string(),
		durationMin: z.int(),
		targetWaitMin: z.int(),
		documentsRu: z.array(z.string()),
		documentsEn: z.array(z.string()),
		kiosk: z.boolean(),
		bookable: z.boolean(),
		priorityAllowed: z.boolean(),
		remoteAllowed: z.boolean(),
		sort: z.int().describe('Order within its category'),
		archived: z.boolean()
	})
	.meta({ id: 'AdminService', description: 'A service as its administrator sees it.' });
export type AdminService = z.output<typeof adminService>;

export const categoryInput = z
	.object({
		nameRu: name,
		nameEn: name,
		parentId: id.nullable().default(null).describe('The parent category; null: the top'),
		kiosk: z.boolean().default(true).describe('Shown on the kiosk')
	})
	.meta({ id: 'CategoryInput' });
export type CategoryInput = z.output<typeof categoryInput>;

export const categoryPatch = z
	.object({ nameRu: name, nameEn: name, parentId: id.nullable(), kiosk: z.boolean(), archived: z.literal(false), move: moveDirection })
	.partial()
	.meta({ id: 'CategoryPatch', description: 'Only the fields sent change.' });
export type CategoryPatch = z.output<typeof categoryPatch>;

export const adminCategory = z
	.object({
		id: z.int(),
		parentId: z.int().nullable(),
		nameRu: z.string(),
		nameEn: z.string(),
		sort: z.int(),
		kiosk: z.boolean(),
		archived: z.boolean()
	})
	.meta({ id: 'AdminCategory' });
export type AdminCategory = z.output<typeof adminCategory>;

/** What a delete did: removed for good (nothing refers to it) or archived (history refers to it). */
export const removal = z.object({ result: z.enum(['deleted', 'archived']) }).meta({ id: 'Removal' });
export type Removal = z.output<typeof removal>;

const deskServices = z
	.array(
		z.object({ serviceId: id, priority: z.int().min(1).max(10).describe('The call policy’s weight (1..10) of this service at this desk') })
	)
	.max(500);

export const deskInput = z
	.object({
		number: z.int().min(1).max(999),
		name: z.string().trim().max(100).default(''),
		active: z.boolean().default(true),
		services: deskServices.default([]).describe('The services this desk serves, each with its weight')
	})
	.meta({ id: 'DeskInput' });
export type DeskInput = z.output<typeof deskInput>;

export const deskPatch = z
	.object({ number: z.int().min(1).max(999), name: z.string().trim().max(100), active: z.boolean(), services: deskServices })
	.partial()
	.meta({ id: 'DeskPatch', description: 'Only the fields sent change; `services` replaces the desk’s whole set.' });
export type DeskPatch = z.output<typeof deskPatch>;

export const adminDesk = z
	.object({
		id: z.int(),
		number: z.int(),
		name: z.string(),
		active: z.boolean(),
		state: z.enum(['closed', 'open', 'paused']),
		services: z.array(z.object({ serviceId: z.int(), priority: z.int() }))
	})
	.meta({ id: 'AdminDesk' });
export type AdminDesk = z.output<typeof adminDesk>;

/** One cell of the desk × service table: a weight, or null for "does not serve it". */
export interface MatrixCell {
	deskId: number;
	serviceId: number;
	priority: number | null;
}

export const importIssue = z
	.object({
		line: z.int().describe('1-based line of the file (the header is line 1)'),
		column: z.string().describe('The column’s header, or empty for the whole row'),
		reason: z.string()
	})
	.meta({ id: 'ImportIssue' });
export type ImportIssue = z.output<typeof importIssue>;

export const importReport = z
	.object({
		dryRun: z.boolean(),
		written: z.boolean().describe('True when the import was written (all rows valid and not a dry run)'),
		created: z.int(),
		updated: z.int(),
		unchanged: z.int(),
		rows: z.array(
			z.object({
				line: z.int(),
				action: z.enum(['create', 'update', 'unchanged', 'error']),
				prefix: z.string(),
				nameRu: z.string(),
				changes: z.array(z.string()).describe('The fields an update changes')
			})
		),
		errors: z.array(importIssue)
	})
	.meta({ id: 'ImportReport', description: 'What an import creates and changes, and every row’s error (nothing is written if any).' });
export type ImportReport = z.output<typeof importReport>;

// The admin pages' forms: the same fields, as a browser sends them.
/** A textarea of one item per line. */
const lines = z
	.string()
	.default('')
	.transform((s) =>
		s
			.split(/\r?\n/)
			.map((l) => l.trim())
			.filter(Boolean)
	)
	.pipe(documents);
const optionalId = z.int().positive().optional();

export const serviceForm = serviceInput.extend({
	id: optionalId,
	categoryId: optionalId.transform((v) => v ?? null),
	documentsRu: lines,
	documentsEn: lines
});
export const categoryForm = categoryInput.extend({ id: optionalId, parentId: optionalId.transform((v) => v ?? null) });
export const moveForm = z.object({ id: z.int().positive(), dir: moveDirection });
export const idForm = z.object({ id: z.int().positive() });
export const deskForm = z.object({
	id: optionalId,
	number: z.int().min(1).max(999),
	name: z.string().trim().max(100).default(''),
	active: z.boolean()
});
/** The desk × service table as the page posts it: `w.<deskId>.<serviceId>` = weight or ''. */
export const matrixForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The cells of a posted table; a field that is not a cell is ignored, an empty one is "not served". */
export function matrixCells(form: Record<string, string | string[]>): MatrixCell[] {
	const cells: MatrixCell[] = [];
	for (const [key, raw] of Object.entries(form)) {
		const m = /^w\.(\d{1,9})\.(\d{1,9})$/.exec(key);
		if (!m) continue;
		const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
		cells.push({ deskId: Number(m[1]), serviceId: Number(m[2]), priority: value === '' ? null : Number(value) });
	}
	return cells;
}
