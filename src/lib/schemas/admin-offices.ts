import { z } from 'zod';

/**
 * Offices as the administration reads and writes them (issue 11, item 1). One schema serves the
 * admin form (`formAction` reads the form by it) and the JSON API (`/api/v1/admin/offices`).
 * A field's own refusal is a code (`'slug'`); the form words it (`i18n/admin-offices.ts`).
 */

/** An IANA time zone this server's ICU knows (`Europe/Kaliningrad` … `Asia/Kamchatka`, `UTC`). */
export function isIanaTimeZone(name: string): boolean {
	if (!/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2})$/.test(name)) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

const text = (max: number) => z.string().trim().max(max);

export const officeSlug = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'slug' })
	.describe('The office in addresses: `/book/<slug>`, `/admin/offices/<slug>`');

export const timeZone = z
	.string()
	.trim()
	.refine(isIanaTimeZone, { error: 'timeZone' })
	.describe('IANA time zone, e.g. `Europe/Moscow`, `Asia/Kamchatka`');

const phone = text(40)
	.regex(/^[0-9+()\-\s]*$/, { error: 'phone' })
	.describe('Public phone, free form');
const mapUrl = text(500)
	.refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), { error: 'mapUrl' })
	.describe('A link to the office on a map, or empty');

const remoteCallUnarrived = z
	.boolean()
	.describe(
		'Remote tickets (joined at /q/<office>) may be called before their visitor checks in at the kiosk; off: they wait for the check-in'
	);

const smsLinks = z.boolean().describe('SMS to visitors end with the ticket’s link (/t/<code>); off: SMS carry no links');

export const officeFields = {
	slug: officeSlug,
	nameRu: text(200).min(1),
	nameEn: text(200).min(1),
	addressRu: text(300).default(''),
	addressEn: text(300).default(''),
	timeZone,
	phone: phone.default(''),
	mapUrl: mapUrl.default(''),
	smsLinks: smsLinks.default(false),
	remoteCallUnarrived: remoteCallUnarrived.default(false)
};

export const officeCreate = z.object(officeFields).meta({ id: 'AdminOfficeCreate' });
export type OfficeCreate = z.output<typeof officeCreate>;

export const officePatch = z
	.object({
		slug: officeSlug,
		nameRu: text(200).min(1),
		nameEn: text(200).min(1),
		addressRu: text(300),
		addressEn: text(300),
		timeZone,
		phone,
		mapUrl,
		smsLinks,
		remoteCallUnarrived,
		archived: z.boolean().describe('true archives the office (admins only): it leaves the landing, booking and kiosks; false restores it')
	})
	.partial()
	.meta({ id: 'AdminOfficePatch' });
export type OfficePatch = z.output<typeof officePatch>;

export const adminOfficeView = z
	.object({
		id: z.int(),
		slug: z.string(),
		nameRu: z.string(),
		nameEn: z.string(),
		addressRu: z.string(),
		addressEn: z.string(),
		timeZone: z.string(),
		phone: z.string(),
		mapUrl: z.string(),
		smsLinks: z.boolean(),
		remoteCallUnarrived: z.boolean(),
		archived: z.boolean(),
		archivedAt: z.iso.datetime().nullable(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'AdminOffice', description: 'An office with everything the administration edits.' });
export type AdminOfficeView = z.output<typeof adminOfficeView>;
