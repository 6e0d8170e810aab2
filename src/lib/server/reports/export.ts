import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '$lib/i18n/locale';
import type { Table } from '$lib/reports/tables';

/**
 * A report's tables as files for a spreadsheet. CSV for a Russian Excel: UTF-8 with a BOM (or it
 * reads the bytes as cp1251), `;` between fields (`,` is the decimal separator there) and a
 * decimal comma in Russian; csv-stringify quotes a field holding `;`, a quote or a line break.
 * Several tables (ratings) follow one another with an empty line between.
 */
export function toCsv(tables: readonly Table[], locale: Locale): string {
	const parts = tables.map((t) =>
		stringify(t.rows, {
			delimiter: ';',
			header: true,
			record_delimiter: '\r\n',
			columns: t.columns.map((c) => ({ key: c.key, header: c.header })),
			cast: { number: (n) => (locale === 'ru' ? String(n).replace('.', ',') : String(n)) }
		})
	);
	return '\uFEFF' + parts.join('\r\n');
}

/** One sheet per table; numbers stay numbers, the header row is bold and frozen. */
export async function toXlsx(tables: readonly Table[]): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Talon';
	for (const t of tables) {
		const ws = wb.addWorksheet(sheetName(t.name), { views: [{ state: 'frozen', ySplit: 1 }] });
		ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, Math.min(40, c.header.length + 2)) }));
		ws.getRow(1).font = { bold: true };
		for (const row of t.rows) ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] ?? null])));
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Excel refuses sheet names over 31 characters or with `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
