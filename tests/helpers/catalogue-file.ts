import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

/**
 * A big МФЦ's service list as an import file (issue 11): `count` services in a three-level
 * category tree, two-letter prefixes, and a weight column for each desk number given. The first
 * service is «Загранпаспорт нового образца», which the kiosk search tests look for.
 */
const LETTERS = 'АБВГДЕЖИКЛМНОПРСТУФХЦЧШЭЮЯ';
export const bigPrefix = (i: number) => LETTERS[Math.floor(i / LETTERS.length) % LETTERS.length]! + LETTERS[i % LETTERS.length]!;

const TOPICS = ['Паспорта и документы', 'Недвижимость', 'Социальная поддержка', 'Транспорт', 'Бизнес', 'Семья и дети', 'Пенсии', 'Налоги'];
const WORDS = ['справка', 'выписка', 'регистрация', 'замена', 'выдача', 'оформление', 'продление', 'перерасчёт', 'учёт', 'пособие'];

export function bigServiceRows(count: number, deskNumbers: readonly number[]): string[][] {
	const header = [
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
		'remoteAllowed',
		...deskNumbers.map((n) => `desk ${n}`)
	];
	const rows = [header];
	for (let i = 0; i < count; i++) {
		const topic = TOPICS[i % TOPICS.length]!;
		const sub = `${topic}: раздел ${(i % 5) + 1}`;
		const path = i % 3 === 0 ? `${topic} / ${sub} / Группа ${(i % 4) + 1}` : `${topic} / ${sub}`;
		const name =
			i === 0
				? 'Загранпаспорт нового образца'
				: `${WORDS[i % WORDS.length]![0]!.toUpperCase()}${WORDS[i % WORDS.length]!.slice(1)} № ${i + 1} (${topic.toLowerCase()})`;
		rows.push([
			bigPrefix(i),
			name,
			i === 0 ? 'Biometric travel passport' : `Service ${i + 1}`,
			path,
			String(10 + (i % 30)),
			'20',
			i % 2 ? 'Паспорт | СНИЛС' : '',
			i % 2 ? 'Passport | SNILS' : '',
			'да',
			i % 4 ? 'да' : 'нет',
			'да',
			'нет',
			...deskNumbers.map((_, d) => ((i + d) % 3 === 0 ? String(1 + ((i + d) % 10)) : ''))
		]);
	}
	return rows;
}

export async function toXlsx(rows: string[][]): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Услуги');
	// Numbers as numbers, as a spreadsheet would hold them.
	for (const r of rows) sheet.addRow(r.map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
	return new Uint8Array(await book.xlsx.writeBuffer());
}

export const toCsv = (rows: string[][]): Uint8Array => new TextEncoder().encode(stringify(rows, { delimiter: ';', bom: true }));
