import type { Sql } from '$lib/server/db/connect';
import { addDevice } from '$lib/server/auth/devices';
import { addStaffUser, generatePassword } from '$lib/server/auth/staff';
import { setBookingPlan } from '$lib/server/booking/plan';

/**
 * Demo data: one realistic МФЦ. Passwords and device tokens are random and returned once, so
 * nothing secret is fixed in the code.
 */
export interface SeedResult {
	officeId: number;
	officeSlug: string;
	users: { login: string; role: string; password: string }[];
	devices: { kind: string; name: string; token: string }[];
}

interface DemoService {
	key: string;
	category: string;
	ru: string;
	en: string;
	prefix: string;
	minutes: number;
	docsRu: string[];
	docsEn: string[];
	bookable?: boolean;
	/** Visitors may join its queue from their phones at /q/central. */
	remote?: boolean;
}

const categories = [
	{ key: 'docs', ru: 'Паспорта и документы', en: 'Passports and documents' },
	{ key: 'property', ru: 'Жильё и недвижимость', en: 'Housing and property' },
	{ key: 'social', ru: 'Пенсии и социальная поддержка', en: 'Pensions and social support' },
	{ key: 'other', ru: 'Справки и консультации', en: 'Certificates and advice' }
];

const services: DemoService[] = [
	{
		key: 'passport',
		category: 'docs',
		ru: 'Паспорт РФ',
		en: 'Russian passport',
		prefix: 'П',
		minutes: 15,
		docsRu: ['Паспорт, подлежащий замене', 'Две фотографии 35×45 мм', 'Квитанция об оплате госпошлины'],
		docsEn: ['The passport to be replaced', 'Two photos 35×45 mm', 'State fee receipt']
	},
	{
		key: 'intl',
		category: 'docs',
		ru: 'Загранпаспорт',
		en: 'International passport',
		prefix: 'З',
		minutes: 20,
		docsRu: ['Паспорт РФ', 'Заявление', 'Квитанция об оплате госпошлины', 'Военный билет (для мужчин 18–30 лет)'],
		docsEn: ['Russian passport', 'Application form', 'State fee receipt', 'Military ID (men aged 18–30)']
	},
	{
		key: 'registration',
		category: 'docs',
		ru: 'Регистрация по месту жительства',
		en: 'Residence registration',
		prefix: 'Р',
		minutes: 15,
		docsRu: ['Паспорт', 'Документ-основание для вселения', 'Согласие собственника'],
		docsEn: ['Passport', 'Title or lease document', 'Owner’s consent']
	},
	{
		key: 'egrn',
		category: 'property',
		ru: 'Выписка из ЕГРН',
		en: 'Property register extract (EGRN)',
		prefix: 'Е',
		minutes: 10,
		docsRu: ['Паспорт', 'Кадастровый номер или адрес объекта'],
		docsEn: ['Passport', 'Cadastral number or address of the property']
	},
	{
		key: 'snils',
		category: 'social',
		ru: 'СНИЛС и пенсии',
		en: 'SNILS and pensions',
		prefix: 'С',
		minutes: 12,
		docsRu: ['Паспорт', 'СНИЛС (если есть)', 'Трудовая книжка (для пенсии)'],
		docsEn: ['Passport', 'SNILS card (if any)', 'Employment record book (for a pension)']
	},
	{
		key: 'matcap',
		category: 'social',
		ru: 'Материнский капитал',
		en: 'Maternity capital',
		prefix: 'М',
		minutes: 20,
		docsRu: ['Паспорт', 'Свидетельства о рождении детей', 'СНИЛС матери и детей'],
		docsEn: ['Passport', 'Children’s birth certificates', 'SNILS of the mother and children']
	},
	{
		key: 'criminal',
		category: 'other',
		ru: 'Справка об отсутствии судимости',
		en: 'Certificate of no criminal record',
		prefix: 'Н',
		minutes: 10,
		docsRu: ['Паспорт', 'Сведения о смене фамилии (если была)'],
		docsEn: ['Passport', 'Proof of any change of surname']
	},
	{
		key: 'advice',
		category: 'other',
		ru: 'Консультация',
		en: 'Consultation',
		prefix: 'К',
		minutes: 8,
		docsRu: ['Паспорт'],
		docsEn: ['Passport'],
		bookable: false,
		remote: true
	}
];

/** Desk number -> services with this desk's priority (10 = its main job, overlapping sets). */
const desks: Record<number, Record<string, number>> = {
	1: { passport: 10, intl: 6, registration: 4 },
	2: { passport: 10, intl: 8 },
	3: { intl: 10, passport: 6 },
	4: { registration: 10, passport: 5, criminal: 4 },
	5: { egrn: 10, registration: 5 },
	6: { snils: 10, matcap: 7 },
	7: { matcap: 10, snils: 6, advice: 3 },
	8: { advice: 10, criminal: 8, egrn: 4 }
};

export async function seedDemo(sql: Sql): Promise<SeedResult> {
	const [existing] = await sql<{ id: number }[]>`select id from offices where slug = 'central'`;
	if (existing) throw new Error('the demo office "central" already exists');
	const officeId = await sql.begin(async (tx) => {
		const [office] = await tx<{ id: number }[]>`
			insert into offices (slug, name_ru, name_en, address_ru, address_en, time_zone)
			values ('central', 'МФЦ «Центральный»', 'Central Service Centre',
				'ул. Тверская, 8, Москва', '8 Tverskaya St, Moscow', 'Europe/Moscow')
			returning id`;
		const officeId = office!.id;
		const categoryIds = new Map<string, number>();
		for (const [i, c] of categories.entries()) {
			const [row] = await tx<{ id: number }[]>`
				insert into service_categories (office_id, name_ru, name_en, sort) values (${officeId}, ${c.ru}, ${c.en}, ${i}) returning id`;
			categoryIds.set(c.key, row!.id);
		}
		const serviceIds = new Map<string, number>();
		for (const [i, s] of services.entries()) {
			const [row] = await tx<{ id: number }[]>`
				insert into services (office_id, category_id, name_ru, name_en, prefix, duration_min, target_wait_min,
					documents_ru, documents_en, bookable, remote_allowed, sort)
				values (${officeId}, ${categoryIds.get(s.category)!}, ${s.ru}, ${s.en}, ${s.prefix}, ${s.minutes}, 15,
					${s.docsRu}, ${s.docsEn}, ${s.bookable ?? true}, ${s.remote ?? false}, ${i})
				returning id`;
			serviceIds.set(s.key, row!.id);
		}
		for (const [number, served] of Object.entries(desks)) {
			const [desk] = await tx<{ id: number }[]>`
				insert into desks (office_id, number, name) values (${officeId}, ${Number(number)}, ${'Окно ' + number}) returning id`;
			for (const [key, priority] of Object.entries(served)) {
				await tx`insert into desk_services (desk_id, service_id, priority) values (${desk!.id}, ${serviceIds.get(key)!}, ${priority})`;
			}
		}
		// Mon–Fri 8:00–20:00, Sat 9:00–15:00, lunch 13:00–14:00; half of desk time for bookings.
		await setBookingPlan(tx, officeId);
		return officeId;
	});
	const users = [
		{ login: 'admin', role: 'admin' as const, password: generatePassword() },
		{ login: 'operator', role: 'operator' as const, password: generatePassword() }
	];
	for (const u of users) {
		await addStaffUser(sql, {
			login: u.login,
			password: u.password,
			roles: [u.role],
			officeIds: [officeId],
			displayName: u.login === 'admin' ? 'Администратор' : 'Оператор'
		});
	}
	const kiosk = await addDevice(sql, { officeId, kind: 'kiosk', name: 'Киоск у входа' });
	const board = await addDevice(sql, { officeId, kind: 'display', name: 'Табло в зале' });
	return {
		officeId,
		officeSlug: 'central',
		users,
		devices: [
			{ kind: 'kiosk', name: 'Киоск у входа', token: kiosk.token },
			{ kind: 'display', name: 'Табло в зале', token: board.token }
		]
	};
}

export async function isEmpty(sql: Sql): Promise<boolean> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from offices`;
	return row!.n === 0;
}

export function formatSeedResult(r: SeedResult): string {
	const lines = [
		`Demo office "${r.officeSlug}" created. These secrets are shown once — write them down:`,
		...r.users.map((u) => `  staff  ${u.login.padEnd(9)} (${u.role})  password: ${u.password}`),
		...r.devices.map((d) => `  device ${d.kind.padEnd(9)} ${d.name}  token: ${d.token}`)
	];
	return lines.join('\n');
}
