/** Russian is the default language of every screen; English is the second. */
export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ru';
export const LOCALE_COOKIE = 'talon_lang';

export function isLocale(v: unknown): v is Locale {
	return v === 'ru' || v === 'en';
}

/** Picks a locale from an explicit choice, then the Accept-Language header only if it asks for English first. */
export function pickLocale(choice: string | null | undefined, acceptLanguage?: string | null): Locale {
	if (isLocale(choice)) return choice;
	const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
	return first.startsWith('en') ? 'en' : defaultLocale;
}

/**
 * A count with its noun in the right plural form: `plural('ru', 5, {one:'человек', few:'человека',
 * many:'человек'})` -> `5 человек`; 2 -> `2 человека`; 21 -> `21 человек` (Intl.PluralRules).
 */
export function plural(locale: Locale, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
	const rule = new Intl.PluralRules(locale).select(n);
	return `${n} ${forms[rule] ?? forms.other}`;
}
