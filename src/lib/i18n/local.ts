import type { Locale } from './locale';

/**
 * Offices and services carry their words in both languages (`nameRu`/`nameEn`, …); these pick
 * the reader's. One place, so a third language would be one change here.
 */
export function localName(locale: Locale, x: { nameRu: string; nameEn: string }): string {
	return locale === 'en' ? x.nameEn : x.nameRu;
}

export function localAddress(locale: Locale, x: { addressRu: string; addressEn: string }): string {
	return locale === 'en' ? x.addressEn : x.addressRu;
}

/** The documents to bring for a service. */
export function localDocuments(locale: Locale, x: { documentsRu: string[]; documentsEn: string[] }): string[] {
	return locale === 'en' ? x.documentsEn : x.documentsRu;
}
