import type { Locale } from './locale';

/** Reasons of a service-list import's row errors (issue 11), in the reader's language; ru first. */
const ru = {
	empty: 'Файл пуст: первой строкой ожидаются названия столбцов',
	noDesk: (n: string) => `В этом офисе нет окна № ${n}`,
	unknownColumn: 'Неизвестный столбец',
	requiredMissing: 'Нет обязательного столбца',
	yesNo: 'Ожидается да/нет (yes/no, 1/0)',
	prefix: 'Одна или две заглавные буквы, кириллица или латиница (П, ЗП, A)',
	prefixUsed: (prefix: string, line: number) => `Префикс ${prefix} уже указан в строке ${line}`,
	categoryTooLong: 'Название категории длиннее 200 символов',
	weight: 'Вес — целое число от 1 до 10 или пусто'
};

type Words = typeof ru;

const en: Words = {
	empty: 'The file is empty: expected a header row',
	noDesk: (n) => `No desk ${n} in this office`,
	unknownColumn: 'Unknown column',
	requiredMissing: 'Required column is missing',
	yesNo: 'Expected yes/no (да/нет, 1/0)',
	prefix: 'One or two capital letters, Cyrillic or Latin (П, ЗП, A)',
	prefixUsed: (prefix, line) => `Prefix ${prefix} is already used on line ${line}`,
	categoryTooLong: 'A category name is longer than 200 characters',
	weight: 'A weight is a whole number 1..10, or empty'
};

export const importReasons = (locale: Locale): Words => (locale === 'en' ? en : ru);
