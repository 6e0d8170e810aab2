import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ZodError, type z } from 'zod';
import type { Sql, Tx } from '$lib/server/db/connect';
import type { EngineContext } from '$lib/server/queue/context';
import { audit } from '$lib/server/admin/audit';
import type { AdminScope } from '$lib/server/admin/scope';
import {
	serviceInput,
	type AdminCategory,
	type AdminService,
	type ImportIssue,
	type ImportReport,
	type MatrixCell
} from '$lib/schemas/catalogue';
import { configChange } from './change';
import { listCategories } from './categories';
import { listServices, writeService } from './services';
import { writeMatrix } from './desks';
import { fieldErrorMap } from '$lib/i18n/forms';
import { importReasons } from '$lib/i18n/catalogue-import';
import type { Locale } from '$lib/i18n/locale';

/**
 * The service list as a file (issue 11): CSV (UTF-8 with BOM, `;`) or XLSX, one row per service,
 * matched on import by its prefix (an office's prefixes in use are unique). `category` is the
 * path of Russian names from the top (`Паспорта / Загранпаспорт`; missing categories are
 * created), documents are separated by ` | `, and a column `desk N` holds desk N's weight for
 * the service (1..10, empty: not served), so the desk × service table travels with the list.
 *
 * An import is planned in full first: every row's errors with line, column and reason. A dry run
 * answers the plan; a real one writes it in one transaction, all or nothing.
 */
export const COLUMNS = [
	'prefix',
	'nameRu',
	'nameEn',
	'category',
	'durationMin',
	'targetWaitMin',
	'documentsRu',
	'documentsEn',
	'kiosk',
	'bookable',
	'priorityAllowed',
	'remoteAllowed'
] as const;
type Column = (typeof COLUMNS)[number];
const DESK_COLUMN = /^(?:desk|окно)\s*(\d{1,3})$/i;
const DOC_SEPARATOR = ' | ';
const PATH_SEPARATOR = ' / ';

export type FileFormat = 'csv' | 'xlsx';
export const MEDIA_TYPES: Record<FileFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** A sheet as rows of text cells with their line numbers (the header is line 1). */
interface Sheet {
	rows: { line: number; cells: string[] }[];
}

/** Reads a CSV (any of `;`, `,` or tab; BOM or not) or an XLSX (recognised by its ZIP signature). */
export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes);
	const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
	const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
	const delimiter = [';', '\t', ','].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
	const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as {
		record: string[];
		info: { lines: number };
	}[];
	return { rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	const sheet = book.worksheets[0];
	const rows: Sheet['rows'] = [];
	sheet?.eachRow({ includeEmpty: false }, (row) => {
		const cells: string[] = [];
		row.eachCell({ includeEmpty: true }, (cell, col) => {
			const v = cell.value;
			cells[col - 1] =
				v === null || v === undefined
					? ''
					: typeof v === 'object' && 'richText' in v
						? v.richText.map((p) => p.text).join('')
						: typeof v === 'object' && 'result' in v
							? String(v.result ?? '')
							: String(v);
		});
		rows.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
	});
	return { rows };
}

const YES = new Set(['1', 'да', 'yes', 'true', '+', 'y', 'д']);
const NO = new Set(['0', 'нет', 'no', 'false', '-', 'n', 'н']);

function flag(raw: string, fallback: boolean): boolean | string {
	const v = raw.trim().toLowerCase();
	if (v === '') return fallback;
	if (YES.has(v)) return true;
	if (NO.has(v)) return false;
	return raw;
}

const documents = (raw: string) =>
	raw
		.split(/\s*\|\s*|\r?\n/)
		.map((d) => d.trim())
		.filter(Boolean);

interface PlannedRow {
	line: number;
	input: Omit<z.output<typeof serviceInput>, 'categoryId'> & { categoryPath: string[] };
	weights: Map<number, number | null>;
	existing: AdminService | null;
	changes: string[];
}

export interface ImportPlan {
	report: ImportReport;
	rows: PlannedRow[];
	deskIds: Map<number, number>;
}

const FIELD_OF: Record<Column, keyof PlannedRow['input'] | 'categoryPath'> = {
	prefix: 'prefix',
	nameRu: 'nameRu',
	nameEn: 'nameEn',
	category: 'categoryPath',
	durationMin: 'durationMin',
	targetWaitMin: 'targetWaitMin',
	documentsRu: 'documentsRu',
	documentsEn: 'documentsEn',
	kiosk: 'kiosk',
	bookable: 'bookable',
	priorityAllowed: 'priorityAllowed',
	remoteAllowed: 'remoteAllowed'
};

/** Every row checked against the file and the office as it is now; nothing is written. */
export async function planImport(tx: Sql | Tx, officeId: number, sheet: Sheet, locale: Locale = 'en'): Promise<ImportPlan> {
	const t = importReasons(locale);
	const errors: ImportIssue[] = [];
	const header = sheet.rows[0];
	const report: ImportReport = { dryRun: true, written: false, created: 0, updated: 0, unchanged: 0, rows: [], errors };
	if (!header) {
		errors.push({ line: 1, column: '', reason: t.empty });
		return { report, rows: [], deskIds: new Map() };
	}
	const desks = await tx<{ id: number; number: number }[]>`select id, number from desks where office_id = ${officeId}`;
	const deskByNumber = new Map(desks.map((d) => [d.number, d.id]));
	const columnAt = new Map<number, Column>();
	const deskAt = new Map<number, number>();
	header.cells.forEach((raw, i) => {
		const h = raw.trim();
		const known = COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase());
		const desk = DESK_COLUMN.exec(h);
		if (known) columnAt.set(i, known);
		else if (desk) {
			const id = deskByNumber.get(Number(desk[1]));
			if (id === undefined) errors.push({ line: header.line, column: h, reason: t.noDesk(desk[1]!) });
			else deskAt.set(i, id);
		} else if (h) errors.push({ line: header.line, column: h, reason: t.unknownColumn });
	});
	for (const required of ['prefix', 'nameRu', 'nameEn', 'durationMin'] as const) {
		if (![...columnAt.values()].includes(required)) errors.push({ line: header.line, column: required, reason: t.requiredMissing });
	}
	const existing = new Map((await listServices(tx, officeId)).map((s) => [s.prefix, s]));
	const categories = await listCategories(tx, officeId);
	const pathOf = categoryPaths(categories);
	const seen = new Map<string, number>();
	const rows: PlannedRow[] = [];
	for (const row of sheet.rows.slice(1)) {
		if (row.cells.every((c) => c.trim() === '')) continue;
		const cell = (c: Column) => {
			for (const [i, col] of columnAt) if (col === c) return row.cells[i] ?? '';
			return '';
		};
		const rowErrors: ImportIssue[] = [];
		const prefix = cell('prefix').trim().toUpperCase();
		const old = existing.get(prefix) ?? null;
		const raw = {
			nameRu: cell('nameRu'),
			nameEn: cell('nameEn'),
			prefix,
			categoryId: null,
			durationMin: cell('durationMin').trim() === '' && old ? old.durationMin : Number(cell('durationMin').trim() || NaN),
			targetWaitMin: cell('targetWaitMin').trim() === '' ? (old?.targetWaitMin ?? 15) : Number(cell('targetWaitMin').trim()),
			documentsRu:
				columnAt.size && [...columnAt.values()].includes('documentsRu') ? documents(cell('documentsRu')) : (old?.documentsRu ?? []),
			documentsEn: [...columnAt.values()].includes('documentsEn') ? documents(cell('documentsEn')) : (old?.documentsEn ?? []),
			kiosk: flag(cell('kiosk'), old?.kiosk ?? true),
			bookable: flag(cell('bookable'), old?.bookable ?? true),
			priorityAllowed: flag(cell('priorityAllowed'), old?.priorityAllowed ?? true),
			remoteAllowed: flag(cell('remoteAllowed'), old?.remoteAllowed ?? false)
		};
		const parsed = serviceInput.safeParse(raw, { error: fieldErrorMap(locale) });
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0] ?? '');
				const column = (Object.entries(FIELD_OF).find(([, f]) => f === field)?.[0] ?? field) as string;
				const reason =
					typeof (raw as Record<string, unknown>)[field] === 'string' &&
					['kiosk', 'bookable', 'priorityAllowed', 'remoteAllowed'].includes(field)
						? t.yesNo
						: field === 'prefix' && issue.code === 'invalid_format'
							? t.prefix
							: issue.message;
				if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ line: row.line, column, reason });
			}
		}
		if (prefix && seen.has(prefix)) rowErrors.push({ line: row.line, column: 'prefix', reason: t.prefixUsed(prefix, seen.get(prefix)!) });
		if (prefix) seen.set(prefix, row.line);
		const categoryPath = cell('category')
			.split(/\s*\/\s*/)
			.map((p) => p.trim())
			.filter(Boolean);
		if (categoryPath.some((p) => p.length > 200)) rowErrors.push({ line: row.line, column: 'category', reason: t.categoryTooLong });
		const weights = new Map<number, number | null>();
		for (const [i, deskId] of deskAt) {
			const v = (row.cells[i] ?? '').trim();
			if (v === '') weights.set(deskId, null);
			else if (/^(10|[1-9])$/.test(v)) weights.set(deskId, Number(v));
			else rowErrors.push({ line: row.line, column: header.cells[i]!.trim(), reason: t.weight });
		}
		errors.push(...rowErrors);
		if (rowErrors.length || !parsed.success) {
			report.rows.push({ line: row.line, action: 'error', prefix, nameRu: raw.nameRu, changes: [] });
			continue;
		}
		const input = { ...parsed.data, categoryPath };
		const changes = old ? changedFields(old, input, pathOf.get(old.categoryId ?? -1) ?? []) : [];
		const action = !old ? 'create' : changes.length ? 'update' : 'unchanged';
		report[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged']++;
		report.rows.push({ line: row.line, action, prefix, nameRu: input.nameRu, changes });
		rows.push({ line: row.line, input, weights, existing: old, changes });
	}
	return { report, rows, deskIds: deskByNumber };
}

function categoryPaths(categories: readonly AdminCategory[]): Map<number, string[]> {
	const byId = new Map(categories.map((c) => [c.id, c]));
	const paths = new Map<number, string[]>();
	for (const c of categories) {
		const path: string[] = [];
		for (let cur: AdminCategory | undefined = c; cur && path.length < 50; cur = cur.parentId === null ? undefined : byId.get(cur.parentId))
			path.unshift(cur.nameRu);
		paths.set(c.id, path);
	}
	return paths;
}

function changedFields(old: AdminService, next: PlannedRow['input'], oldPath: string[]): string[] {
	const out: string[] = [];
	for (const k of ['nameRu', 'nameEn', 'durationMin', 'targetWaitMin', 'kiosk', 'bookable', 'priorityAllowed', 'remoteAllowed'] as const)
		if (old[k] !== next[k]) out.push(k);
	for (const k of ['documentsRu', 'documentsEn'] as const) if (old[k].join('\n') !== next[k].join('\n')) out.push(k);
	if (oldPath.join('\n') !== next.categoryPath.join('\n')) out.push('category');
	return out;
}

/** The plan's errors as a 400 `invalid_input` whose fields are `line N: column`. */
function refusal(report: ImportReport): ZodError {
	return new ZodError(
		report.errors.map((e) => ({
			code: 'custom' as const,
			path: [`line ${e.line}${e.column ? `: ${e.column}` : ''}`],
			message: e.reason,
			input: undefined
		}))
	);
}

/**
 * Imports a file. A dry run, or a file with any error, writes nothing: the dry run answers the
 * plan; a real import with errors is refused (400, every error named `line N: column`). A clean
 * file is written in one transaction under the office's lock: categories created along the paths,
 * services created or changed by prefix, the desk weights of the file's desk columns.
 */
export async function importServices(
	ctx: EngineContext,
	scope: AdminScope,
	officeId: number,
	bytes: Uint8Array,
	opts: { dryRun: boolean; locale?: Locale }
): Promise<ImportReport> {
	const sheet = await readSheet(bytes);
	if (opts.dryRun) {
		return ctx.sql.begin(
			'isolation level repeatable read read only',
			async (tx) => (await planImport(tx, officeId, sheet, opts.locale)).report
		);
	}
	return configChange(ctx, scope, officeId, 'services', async (tx) => {
		const plan = await planImport(tx, officeId, sheet, opts.locale);
		// Any error: nothing is written (the transaction rolls back, the office's lock is let go).
		if (plan.report.errors.length) throw refusal(plan.report);
		const categoryIds = await ensureCategories(
			tx,
			officeId,
			plan.rows.map((r) => r.input.categoryPath)
		);
		const categoryOf = (row: PlannedRow) => (row.input.categoryPath.length ? categoryIds.get(row.input.categoryPath.join('\n'))! : null);
		const ids = new Map<string, number>();
		const fresh = plan.rows.filter((r) => !r.existing);
		if (fresh.length) {
			// New services at the end of their categories, in the file's order, in one statement.
			const last = new Map(
				(
					await tx<{ categoryId: number | null; max: number }[]>`
					select category_id, max(sort)::int as max from services where office_id = ${officeId} group by category_id`
				).map((r) => [r.categoryId, r.max])
			);
			const values = fresh.map((r) => {
				const categoryId = categoryOf(r);
				const sort = (last.get(categoryId) ?? -1) + 1;
				last.set(categoryId, sort);
				const i = r.input;
				return {
					office_id: officeId,
					category_id: categoryId,
					name_ru: i.nameRu,
					name_en: i.nameEn,
					prefix: i.prefix,
					duration_min: i.durationMin,
					target_wait_min: i.targetWaitMin,
					documents_ru: i.documentsRu,
					documents_en: i.documentsEn,
					kiosk_visible: i.kiosk,
					bookable: i.bookable,
					priority_allowed: i.priorityAllowed,
					remote_allowed: i.remoteAllowed,
					sort
				};
			});
			for (const row of await tx<{ id: number; prefix: string }[]>`insert into services ${tx(values)} returning id, prefix`)
				ids.set(row.prefix, row.id);
		}
		const cells: MatrixCell[] = [];
		for (const row of plan.rows) {
			const { categoryPath: _path, ...fields } = row.input;
			if (row.existing) {
				ids.set(row.input.prefix, row.existing.id);
				if (row.changes.length) await writeService(tx, row.existing, { ...fields, categoryId: categoryOf(row) });
			}
			for (const [deskId, priority] of row.weights) cells.push({ deskId, serviceId: ids.get(row.input.prefix)!, priority });
		}
		if (cells.length) await writeMatrix(tx, scope, officeId, cells);
		const report = { ...plan.report, dryRun: false, written: true };
		await audit(tx, {
			actor: scope,
			officeId,
			entity: 'service',
			entityId: null,
			action: 'import',
			after: {
				created: report.rows.filter((r) => r.action === 'create').map((r) => r.prefix),
				updated: report.rows.filter((r) => r.action === 'update').map((r) => ({ prefix: r.prefix, changes: r.changes }))
			}
		});
		return report;
	});
}

/** The category ids of these paths (Russian names from the top), creating what is missing. */
async function ensureCategories(tx: Tx, officeId: number, paths: string[][]): Promise<Map<string, number>> {
	const categories = await listCategories(tx, officeId);
	const known = new Map([...categoryPaths(categories)].map(([id, path]) => [path.join('\n'), id]));
	for (const path of paths) {
		for (let depth = 1; depth <= path.length; depth++) {
			const key = path.slice(0, depth).join('\n');
			if (known.has(key)) continue;
			const parentId = depth > 1 ? known.get(path.slice(0, depth - 1).join('\n'))! : null;
			const name = path[depth - 1]!;
			const [row] = await tx<{ id: number }[]>`
				insert into service_categories (office_id, parent_id, name_ru, name_en, sort)
				values (${officeId}, ${parentId}, ${name}, ${name},
					(select coalesce(max(sort) + 1, 0) from service_categories where office_id = ${officeId} and parent_id is not distinct from ${parentId}))
				returning id`;
			known.set(key, row!.id);
		}
	}
	return known;
}

/** The office's services in use, in tree order, with the weights of its desks in use. */
export async function exportServices(sql: Sql, officeId: number, format: FileFormat): Promise<Uint8Array> {
	const [services, categories, desks] = await Promise.all([
		listServices(sql, officeId),
		listCategories(sql, officeId),
		sql<{ id: number; number: number }[]>`select id, number from desks where office_id = ${officeId} and active order by number`
	]);
	const weights = new Map(
		(
			await sql<{ deskId: number; serviceId: number; priority: number }[]>`
			select ds.desk_id, ds.service_id, ds.priority from desk_services ds join desks d on d.id = ds.desk_id where d.office_id = ${officeId}`
		).map((w) => [`${w.deskId}:${w.serviceId}`, w.priority])
	);
	const paths = categoryPaths(categories);
	const order = new Map([...paths].sort((a, b) => a[1].join('\n').localeCompare(b[1].join('\n'), 'ru')).map(([id], i) => [id, i]));
	const sorted = [...services].sort(
		(a, b) =>
			(a.categoryId === null ? -1 : (order.get(a.categoryId) ?? 0)) - (b.categoryId === null ? -1 : (order.get(b.categoryId) ?? 0)) ||
			a.sort - b.sort ||
			a.id - b.id
	);
	const header = [...COLUMNS, ...desks.map((d) => `desk ${d.number}`)];
	const yesNo = (b: boolean) => (b ? 'да' : 'нет');
	const rows = sorted.map((s) => [
		s.prefix,
		s.nameRu,
		s.nameEn,
		(s.categoryId === null ? [] : (paths.get(s.categoryId) ?? [])).join(PATH_SEPARATOR),
		s.durationMin,
		s.targetWaitMin,
		s.documentsRu.join(DOC_SEPARATOR),
		s.documentsEn.join(DOC_SEPARATOR),
		yesNo(s.kiosk),
		yesNo(s.bookable),
		yesNo(s.priorityAllowed),
		yesNo(s.remoteAllowed),
		...desks.map((d) => weights.get(`${d.id}:${s.id}`) ?? '')
	]);
	if (format === 'csv')
		return new TextEncoder().encode(stringify([header, ...rows], { delimiter: ';', bom: true, record_delimiter: '\r\n' }));
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Услуги');
	sheet.addRow(header).font = { bold: true };
	for (const r of rows) sheet.addRow(r);
	sheet.columns.forEach((c, i) => (c.width = i === 1 || i === 2 ? 48 : i === 3 || (i >= 6 && i <= 7) ? 32 : i < COLUMNS.length ? 12 : 8));
	sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
	return new Uint8Array(await book.xlsx.writeBuffer());
}
