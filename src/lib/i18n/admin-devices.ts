import type { Locale } from './locale';
import type { PrinterState } from '$lib/kiosk/types';

/** Words of the devices screen (issue 11, item 5); ru first. */
const ru = {
	title: 'Устройства',
	lead: 'Киоски и табло этого офиса. Токен показывается один раз; отзыв сразу возвращает устройство к экрану подключения.',
	kinds: { kiosk: 'Киоск', display: 'Табло' },
	columns: { name: 'Название', kind: 'Тип', seen: 'Последняя связь', online: 'Сейчас', printer: 'Принтер', actions: 'Действия' },
	online: 'на связи',
	offline: 'нет связи',
	never: 'ещё не подключалось',
	revoked: 'отозвано',
	printer: {
		online: 'готов',
		paper_out: 'нет бумаги',
		cover_open: 'открыта крышка',
		offline: 'не отвечает',
		no_agent: 'агент не подключён'
	} satisfies Record<PrinterState, string>,
	add: 'Добавить устройство',
	fields: { kind: 'Тип', name: 'Название' },
	create: 'Добавить',
	rename: 'Переименовать',
	newName: (name: string) => `Новое название для «${name}»`,
	revoke: 'Отозвать',
	revokeLabel: (name: string) => `Отозвать «${name}»`,
	renameLabel: (name: string) => `Переименовать «${name}»`,
	revokedDone: 'Устройство отозвано: открытый экран вернулся к подключению.',
	renamedDone: 'Название сохранено.',
	tokenOnce: 'Токен показан один раз. Откройте ссылку на устройстве или отсканируйте QR-код:',
	token: 'Токен',
	link: 'Ссылка для подключения',
	qr: (name: string) => `QR-код ссылки для подключения «${name}»`,
	none: 'Устройств пока нет.'
};

type Words = typeof ru;

const en: Words = {
	title: 'Devices',
	lead: "This office's kiosks and boards. A token is shown once; revoking sends the device back to its pairing screen at once.",
	kinds: { kiosk: 'Kiosk', display: 'Board' },
	columns: { name: 'Name', kind: 'Kind', seen: 'Last seen', online: 'Now', printer: 'Printer', actions: 'Actions' },
	online: 'online',
	offline: 'offline',
	never: 'never connected',
	revoked: 'revoked',
	printer: {
		online: 'ready',
		paper_out: 'paper out',
		cover_open: 'cover open',
		offline: 'not answering',
		no_agent: 'no agent'
	},
	add: 'Add a device',
	fields: { kind: 'Kind', name: 'Name' },
	create: 'Add',
	rename: 'Rename',
	newName: (name) => `New name for “${name}”`,
	revoke: 'Revoke',
	revokeLabel: (name) => `Revoke “${name}”`,
	renameLabel: (name) => `Rename “${name}”`,
	revokedDone: 'Revoked: its open screen went back to pairing.',
	renamedDone: 'Name saved.',
	tokenOnce: 'The token is shown this once. Open the link on the device or scan the QR code:',
	token: 'Token',
	link: 'Pairing link',
	qr: (name) => `QR code of the pairing link for “${name}”`,
	none: 'No devices yet.'
};

export const adminDevicesMessages = (locale: Locale): Words => (locale === 'en' ? en : ru);
