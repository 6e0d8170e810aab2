import type { z } from 'zod';
import { plural, type Locale } from './locale';

/**
 * What a person reads beside a form field that zod refused, for every schema that does not name
 * its own message: "required", "too long", "not an e-mail"... A schema's own message (a code such
 * as `'phone'`) wins over these, and a form may word any field itself (see `formAction`'s
 * `messages`). Short and without zod's vocabulary: the reader is a citizen or an operator.
 */
interface FieldWords {
	required: string;
	number: string;
	notValid: string;
	choose: string;
	email: string;
	url: string;
	dateTime: string;
	format: string;
	minLength: (n: number) => string;
	maxLength: (n: number) => string;
	atLeast: (n: number) => string;
	above: (n: number) => string;
	atMost: (n: number) => string;
	below: (n: number) => string;
	chooseAtLeast: (n: number) => string;
	chooseAtMost: (n: number) => string;
	multipleOf: (n: number) => string;
}

const symbolsRu = (n: number) => plural('ru', n, { one: 'символа', few: 'символов', many: 'символов', other: 'символа' });
const symbolsEn = (n: number) => plural('en', n, { one: 'character', other: 'characters' });

const words: Record<Locale, FieldWords> = {
	ru: {
		required: 'Заполните это поле.',
		number: 'Введите число.',
		notValid: 'Значение не подходит.',
		choose: 'Выберите один из вариантов.',
		email: 'Проверьте адрес e-mail.',
		url: 'Проверьте адрес ссылки.',
		dateTime: 'Проверьте дату и время.',
		format: 'Значение в неверном формате.',
		minLength: (n) => `Не короче ${symbolsRu(n)}.`,
		maxLength: (n) => `Не длиннее ${symbolsRu(n)}.`,
		atLeast: (n) => `Не меньше ${n}.`,
		above: (n) => `Больше ${n}.`,
		atMost: (n) => `Не больше ${n}.`,
		below: (n) => `Меньше ${n}.`,
		chooseAtLeast: (n) => `Выберите хотя бы ${n}.`,
		chooseAtMost: (n) => `Выберите не больше ${n}.`,
		multipleOf: (n) => `Нужно число, кратное ${n}.`
	},
	en: {
		required: 'Please fill in this field.',
		number: 'Please enter a number.',
		notValid: 'This value is not valid.',
		choose: 'Please choose one of the options.',
		email: 'Please check the e-mail address.',
		url: 'Please check the link.',
		dateTime: 'Please check the date and time.',
		format: 'The value is not in the right format.',
		minLength: (n) => `At least ${symbolsEn(n)}.`,
		maxLength: (n) => `At most ${symbolsEn(n)}.`,
		atLeast: (n) => `At least ${n}.`,
		above: (n) => `More than ${n}.`,
		atMost: (n) => `At most ${n}.`,
		below: (n) => `Less than ${n}.`,
		chooseAtLeast: (n) => `Choose at least ${n}.`,
		chooseAtMost: (n) => `Choose at most ${n}.`,
		multipleOf: (n) => `Please enter a multiple of ${n}.`
	}
};

const empty = (v: unknown) => v === undefined || v === null || v === '';
const isList = (origin: string) => origin === 'array' || origin === 'set';

/** A zod error map in the reader's language, for `schema.safeParse(data, { error: fieldErrorMap(locale) })`. */
export function fieldErrorMap(locale: Locale): z.core.$ZodErrorMap {
	const w = words[locale];
	return (issue) => {
		switch (issue.code) {
			case 'invalid_type':
				if (empty(issue.input)) return w.required;
				return issue.expected === 'number' || issue.expected === 'int' ? w.number : w.notValid;
			case 'too_small': {
				const n = Number(issue.minimum);
				if (issue.origin === 'string') return n <= 1 ? w.required : w.minLength(n);
				if (isList(issue.origin)) return w.chooseAtLeast(n);
				if (issue.origin === 'number' || issue.origin === 'int') return issue.inclusive === false ? w.above(n) : w.atLeast(n);
				return w.notValid;
			}
			case 'too_big': {
				const n = Number(issue.maximum);
				if (issue.origin === 'string') return w.maxLength(n);
				if (isList(issue.origin)) return w.chooseAtMost(n);
				if (issue.origin === 'number' || issue.origin === 'int') return issue.inclusive === false ? w.below(n) : w.atMost(n);
				return w.notValid;
			}
			case 'invalid_format':
				if (issue.format === 'email') return w.email;
				if (issue.format === 'url') return w.url;
				if (issue.format === 'datetime' || issue.format === 'date' || issue.format === 'time') return w.dateTime;
				return w.format;
			case 'invalid_value':
				return empty(issue.input) ? w.required : w.choose;
			case 'not_multiple_of':
				return w.multipleOf(Number(issue.divisor));
			default:
				return w.notValid;
		}
	};
}
