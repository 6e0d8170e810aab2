import type { Locale } from './locale';

/** Words of the offices screens (issue 11, item 1); ru first. */
const ru = {
	listTitle: 'Все офисы',
	newOffice: 'Новый офис',
	create: 'Создать офис',
	created: (name: string) => `Офис «${name}» создан.`,
	editTitle: 'Данные офиса',
	fields: {
		slug: 'Адрес в ссылках (латиницей)',
		nameRu: 'Название (русский)',
		nameEn: 'Название (английский)',
		addressRu: 'Адрес (русский)',
		addressEn: 'Адрес (английский)',
		timeZone: 'Часовой пояс',
		phone: 'Телефон',
		mapUrl: 'Ссылка на карту',
		smsLinks: 'Ссылка на талон в SMS',
		remoteCallUnarrived: 'Вызывать талоны с телефона до прихода'
	},
	hints: {
		remoteCallUnarrived:
			'Талон, взятый с телефона (/q), вызывается в свою очередь, даже если посетитель не отметился на терминале. Выключено: ждёт отметки в зале.',
		smsLinks: 'SMS посетителям кончаются ссылкой на страницу талона. Без ссылки SMS короче (одна часть) и не похожа на рассылку.',
		slug: 'Например: central → /book/central',
		timeZone: 'IANA, например Europe/Moscow, Asia/Kamchatka'
	},
	fieldErrors: {
		slug: 'Латинские строчные буквы, цифры и дефис, от 2 до 40 знаков.',
		timeZone: 'Выберите часовой пояс из списка (IANA, например Europe/Moscow).',
		phone: 'Только цифры, пробелы и знаки + ( ) -.',
		mapUrl: 'Ссылка должна начинаться с https://'
	},
	columns: { name: 'Офис', slug: 'Адрес', timeZone: 'Часовой пояс', phone: 'Телефон', state: 'Состояние' },
	active: 'работает',
	archivedState: 'в архиве',
	archive: 'Отправить в архив',
	restore: 'Вернуть из архива',
	archiveHint:
		'Офис в архиве пропадает с главной страницы и из записи, его киоски и табло отключаются (после возврата их нужно подключить заново); история сохраняется.',
	archivedNotice: 'Офис в архиве: его не видят посетители, киоски и табло отключены.',
	archivedDone: 'Офис отправлен в архив.',
	restoredDone: 'Офис снова работает.',
	onlyAdminsCreate: 'Создавать офисы может только администратор сети.',
	none: 'Офисов пока нет.'
};

type Words = typeof ru;

const en: Words = {
	listTitle: 'All offices',
	newOffice: 'New office',
	create: 'Create office',
	created: (name) => `Office “${name}” created.`,
	editTitle: 'Office details',
	fields: {
		slug: 'Address in links (Latin letters)',
		nameRu: 'Name (Russian)',
		nameEn: 'Name (English)',
		addressRu: 'Address (Russian)',
		addressEn: 'Address (English)',
		timeZone: 'Time zone',
		phone: 'Phone',
		mapUrl: 'Map link',
		smsLinks: 'Ticket link in SMS',
		remoteCallUnarrived: 'Call phone tickets before arrival'
	},
	hints: {
		remoteCallUnarrived:
			'A ticket taken from a phone (/q) is called in its turn even if the visitor has not checked in at the kiosk. Off: it waits for the check-in in the hall.',
		smsLinks: 'SMS to visitors end with a link to the ticket’s page. Without it an SMS is shorter (one part) and does not look like spam.',
		slug: 'For example: central → /book/central',
		timeZone: 'IANA, e.g. Europe/Moscow, Asia/Kamchatka'
	},
	fieldErrors: {
		slug: 'Lower-case Latin letters, digits and hyphens, 2 to 40 characters.',
		timeZone: 'Choose a time zone from the list (IANA, e.g. Europe/Moscow).',
		phone: 'Digits, spaces and + ( ) - only.',
		mapUrl: 'The link must start with https://'
	},
	columns: { name: 'Office', slug: 'Address', timeZone: 'Time zone', phone: 'Phone', state: 'State' },
	active: 'open',
	archivedState: 'archived',
	archive: 'Archive',
	restore: 'Restore',
	archiveHint:
		'An archived office leaves the home page and booking, its kiosks and boards are unpaired (pair them again after a restore); its history stays.',
	archivedNotice: 'This office is archived: visitors do not see it, its kiosks and boards are off.',
	archivedDone: 'The office is archived.',
	restoredDone: 'The office is open again.',
	onlyAdminsCreate: 'Only a network administrator can create offices.',
	none: 'No offices yet.'
};

export const adminOfficesMessages = (locale: Locale): Words => (locale === 'en' ? en : ru);

/** Time zones offered in the office form: Russia's, west to east, then any other IANA name by typing. */
export const russianTimeZones = [
	'Europe/Kaliningrad',
	'Europe/Moscow',
	'Europe/Simferopol',
	'Europe/Volgograd',
	'Europe/Samara',
	'Europe/Astrakhan',
	'Europe/Saratov',
	'Europe/Ulyanovsk',
	'Asia/Yekaterinburg',
	'Asia/Omsk',
	'Asia/Novosibirsk',
	'Asia/Barnaul',
	'Asia/Tomsk',
	'Asia/Novokuznetsk',
	'Asia/Krasnoyarsk',
	'Asia/Irkutsk',
	'Asia/Chita',
	'Asia/Yakutsk',
	'Asia/Khandyga',
	'Asia/Vladivostok',
	'Asia/Ust-Nera',
	'Asia/Magadan',
	'Asia/Sakhalin',
	'Asia/Srednekolymsk',
	'Asia/Kamchatka',
	'Asia/Anadyr'
] as const;
