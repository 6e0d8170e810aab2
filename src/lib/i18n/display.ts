import type { Locale } from './locale';
import { plural } from './locale';

/** Words of the hall board, the desk indicator and their pairing screen; ru first. */
const ru = {
	boardTitle: 'Табло',
	deskTitle: (n: number) => `Окно ${n}`,
	ticket: 'Талон',
	desk: 'Окно',
	calledNow: 'Приглашаются',
	lastCalls: 'Недавние вызовы',
	waiting: 'Ожидают',
	noCalls: 'Ожидайте вызова на табло',
	noWaiting: 'Очереди нет',
	people: (n: number) => plural('ru', n, { one: 'человек', few: 'человека', many: 'человек', other: 'человека' }),
	waitMinutes: (min: number | null) => (min === null ? '—' : min === 0 ? 'скоро' : `≈ ${min} мин`),
	serving: 'идёт приём',
	calledState: 'приглашается',
	called: 'вызов',
	offline: 'Нет связи',
	offlineHint: 'Показаны последние данные',
	defaultTicker: 'Следите за вызовом на табло и слушайте объявления. Талон можно отслеживать на телефоне по QR-коду.',
	deskFree: 'Свободно',
	deskPaused: 'Перерыв',
	deskClosed: 'Окно закрыто',
	goToDesk: 'пройдите к окну',
	pairTitle: 'Подключение табло',
	pairText: 'Введите токен устройства. Его выдаёт администратор: npx talon device add --kind display --office <офис>.',
	pairLabel: 'Токен устройства',
	pairButton: 'Подключить',
	pairChecking: 'Проверяем…',
	pairRejected: 'Этот токен не подходит или отозван. Попросите у администратора новый.',
	pairOffline: 'Сервер недоступен. Повторим через несколько секунд.',
	unknownDesk: (n: number) => `В этом офисе нет окна ${n}`,
	soundOff: 'Звук выключен браузером — нажмите, чтобы включить',
	soundShort: 'звук',
	dateLocale: 'ru-RU'
};

type DisplayMessages = typeof ru;

const en: DisplayMessages = {
	boardTitle: 'Board',
	deskTitle: (n: number) => `Window ${n}`,
	ticket: 'Ticket',
	desk: 'Window',
	calledNow: 'Now calling',
	lastCalls: 'Recent calls',
	waiting: 'Waiting',
	noCalls: 'Please watch the board for your number',
	noWaiting: 'No queue',
	people: (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`,
	waitMinutes: (min: number | null) => (min === null ? '—' : min === 0 ? 'soon' : `≈ ${min} min`),
	serving: 'being served',
	calledState: 'now calling',
	called: 'called',
	offline: 'Offline',
	offlineHint: 'Showing the last known state',
	defaultTicker: 'Watch the board and listen for your number. You can follow your ticket on your phone with its QR code.',
	deskFree: 'Free',
	deskPaused: 'On a break',
	deskClosed: 'Window closed',
	goToDesk: 'go to window',
	pairTitle: 'Connect this board',
	pairText: 'Enter the device token. An administrator issues it: npx talon device add --kind display --office <office>.',
	pairLabel: 'Device token',
	pairButton: 'Connect',
	pairChecking: 'Checking…',
	pairRejected: 'This token is unknown or revoked. Ask an administrator for a new one.',
	pairOffline: 'The server cannot be reached. Retrying in a few seconds.',
	unknownDesk: (n: number) => `This office has no window ${n}`,
	soundOff: 'Sound is blocked by the browser — tap to enable',
	soundShort: 'sound',
	dateLocale: 'en-GB'
};

export function displayMessages(locale: Locale): DisplayMessages {
	return locale === 'en' ? en : ru;
}
