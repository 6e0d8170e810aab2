import type { Locale } from './locale';
import { plural } from './locale';
import type { PrinterState } from '$lib/kiosk/types';
import type { PriorityReason } from '$lib/domain/states';

/** Rounded up to whole minutes; `null` stays unknown. */
export const waitMinutes = (sec: number | null): number | null => (sec === null ? null : Math.ceil(sec / 60));

const peopleRu = (n: number) => plural('ru', n, { one: 'человек', few: 'человека', many: 'человек', other: 'человека' });
const peopleEn = (n: number) => plural('en', n, { one: 'person', other: 'people' });

/** Words of the kiosk screen and of the paper ticket, ru first (the paper uses the `paper` group). */
const ru = {
	lang: 'Русский',
	otherLang: 'English',
	title: 'Электронная очередь',
	chooseService: 'Выберите услугу',
	back: 'Назад',
	home: 'В начало',
	ahead: (n: number) => (n === 0 ? 'Перед вами никого' : `Перед вами: ${peopleRu(n)}`),
	waiting: (n: number) => (n === 0 ? 'Очереди нет' : `В очереди: ${peopleRu(n)}`),
	estimate: (sec: number | null) => {
		const m = waitMinutes(sec);
		return m === null ? 'Время ожидания уточняется' : m === 0 ? 'Вызовут скоро' : `Ожидание около ${m} мин`;
	},
	documents: 'Что взять с собой',
	noDocuments: 'Документы не нужны',
	getTicket: 'Получить талон',
	priorityQuestion: 'Вам положено обслуживание вне очереди?',
	priorityNo: 'Нет',
	priority: { disabled: 'Инвалидность', veteran: 'Ветеран', pregnant: 'Беременность', infant: 'С ребёнком до года' } satisfies Record<
		PriorityReason,
		string
	>,
	priorityNote: 'Документ, подтверждающий право, покажите в окне.',
	haveBooking: 'У меня запись или талон с телефона',
	bookingTitle: 'Введите код записи или талона',
	bookingHint: 'Код из письма, СМС или с экрана телефона — или поднесите QR-код к сканеру',
	bookingSubmit: 'Отметиться',
	bookingUnavailable: 'Отметка по записи пока недоступна. Возьмите, пожалуйста, обычный талон — вас обслужат в порядке очереди.',
	bookingClear: 'Стереть',
	yourTicket: 'Ваш талон',
	service: 'Услуга',
	followOnPhone: 'Наведите камеру телефона, чтобы следить за очередью',
	printing: 'Талон печатается — заберите его ниже',
	reprint: 'Напечатать ещё раз',
	reprinted: 'Отправлено на печать',
	photo: 'Принтер сейчас не печатает. Сфотографируйте, пожалуйста, номер талона и QR-код на экране.',
	checkedIn: 'Вы отметились. Талон — в вашем телефоне: ждите вызова на табло.',
	done: 'Готово',
	returnsIn: (s: number) => `Экран вернётся в начало через ${s} с`,
	offline: 'Нет связи с сервером. Подождите немного — терминал восстановит связь сам.',
	connecting: 'Подключение…',
	busy: 'Выдаём талон…',
	error: 'Не получилось. Попробуйте ещё раз.',
	noServices: 'Сейчас нет доступных услуг.',
	// Search (issue 11).
	search: 'Найти услугу',
	searchLabel: 'Название услуги',
	searchHint: 'Наберите начало любого слова, например «паспорт»',
	searchNothing: 'Ничего не нашлось. Проверьте слово или выберите услугу из списка.',
	searchPopular: 'Чаще всего сегодня',
	searchResults: (n: number) => (n > 3 ? `Нашлось: ${n}. Лучшие — первыми; уточните слово, чтобы сузить.` : `Нашлось: ${n}`),
	space: 'Пробел',
	erase: 'Стереть',
	eraseAll: 'Очистить',
	printer: {
		online: 'Принтер готов',
		paper_out: 'В принтере закончилась бумага',
		cover_open: 'Открыта крышка принтера',
		offline: 'Принтер не отвечает',
		no_agent: 'Принтер не подключён'
	} satisfies Record<PrinterState, string>,
	pairTitle: 'Подключение терминала',
	pairHint: 'Введите ключ устройства, выданный администратором (команда talon device add --kind kiosk).',
	pairToken: 'Ключ устройства',
	pairSubmit: 'Подключить',
	pairInvalid: 'Ключ не подошёл: он неверный или отозван.',
	pairRevoked: 'Ключ этого терминала отозван. Подключите его заново.',
	paper: {
		ticket: 'ТАЛОН',
		service: 'Услуга',
		ahead: (n: number) => (n === 0 ? 'Перед вами никого' : `Перед вами: ${peopleRu(n)}`),
		estimate: (sec: number | null) => {
			const m = waitMinutes(sec);
			return m === null ? 'Время ожидания уточняется' : m === 0 ? 'Вас вызовут скоро' : `Ожидание: около ${m} мин`;
		},
		follow: 'Следите за очередью на телефоне:',
		notice: 'Ожидайте вызова на табло. Не пропустите свой номер: при неявке талон аннулируется.',
		reprint: 'ПОВТОРНАЯ ПЕЧАТЬ'
	}
};

type KioskMessages = typeof ru;

const en: KioskMessages = {
	lang: 'English',
	otherLang: 'Русский',
	title: 'Queue',
	chooseService: 'Choose a service',
	back: 'Back',
	home: 'Start',
	ahead: (n) => (n === 0 ? 'Nobody ahead of you' : `${peopleEn(n)} ahead of you`),
	waiting: (n) => (n === 0 ? 'No queue' : `${peopleEn(n)} waiting`),
	estimate: (sec) => {
		const m = waitMinutes(sec);
		return m === null ? 'Waiting time to be confirmed' : m === 0 ? 'You will be called soon' : `About ${m} min wait`;
	},
	documents: 'What to bring',
	noDocuments: 'No documents needed',
	getTicket: 'Get ticket',
	priorityQuestion: 'Are you entitled to priority service?',
	priorityNo: 'No',
	priority: { disabled: 'Disability', veteran: 'Veteran', pregnant: 'Pregnancy', infant: 'With a baby under one' },
	priorityNote: 'Show the document that entitles you at the desk.',
	haveBooking: 'I have a booking or a phone ticket',
	bookingTitle: 'Enter your booking or ticket code',
	bookingHint: 'The code from the e-mail, the text or your phone’s screen — or hold the QR code to the scanner',
	bookingSubmit: 'Check in',
	bookingUnavailable: 'Booking check-in is not available yet. Please take an ordinary ticket — you will be served in turn.',
	bookingClear: 'Clear',
	yourTicket: 'Your ticket',
	service: 'Service',
	followOnPhone: 'Scan with your phone to follow the queue',
	printing: 'Your ticket is printing — take it below',
	reprint: 'Print again',
	reprinted: 'Sent to the printer',
	photo: 'The printer cannot print right now. Please take a photo of the ticket number and the QR code on the screen.',
	checkedIn: 'You are checked in. Your ticket is on your phone: watch the board for your call.',
	done: 'Done',
	returnsIn: (s) => `Back to start in ${s} s`,
	offline: 'No connection to the server. Please wait a moment — the kiosk will reconnect by itself.',
	connecting: 'Connecting…',
	busy: 'Issuing your ticket…',
	error: 'That did not work. Please try again.',
	noServices: 'No services are available now.',
	// Search (issue 11).
	search: 'Find a service',
	searchLabel: 'Service name',
	searchHint: 'Type the start of any word, e.g. «паспорт»',
	searchNothing: 'Nothing found. Check the word or choose from the list.',
	searchPopular: 'Most taken today',
	searchResults: (n: number) => (n > 3 ? `Found: ${n}. Best first; add a word to narrow it down.` : `Found: ${n}`),
	space: 'Space',
	erase: 'Delete',
	eraseAll: 'Clear',
	printer: {
		online: 'Printer ready',
		paper_out: 'The printer is out of paper',
		cover_open: 'The printer cover is open',
		offline: 'The printer does not respond',
		no_agent: 'The printer is not connected'
	},
	pairTitle: 'Pair this kiosk',
	pairHint: 'Enter the device key an administrator created (talon device add --kind kiosk).',
	pairToken: 'Device key',
	pairSubmit: 'Pair',
	pairInvalid: 'That key did not work: it is wrong or revoked.',
	pairRevoked: 'This kiosk’s key was revoked. Please pair it again.',
	paper: {
		ticket: 'TICKET',
		service: 'Service',
		ahead: (n) => (n === 0 ? 'Nobody ahead of you' : `${peopleEn(n)} ahead of you`),
		estimate: (sec) => {
			const m = waitMinutes(sec);
			return m === null ? 'Waiting time to be confirmed' : m === 0 ? 'You will be called soon' : `Estimated wait: about ${m} min`;
		},
		follow: 'Follow the queue on your phone:',
		notice: 'Watch the board for your number. If you miss your call, the ticket is cancelled.',
		reprint: 'REPRINT'
	}
};

const all: Record<Locale, KioskMessages> = { ru, en };

export function kioskMessages(locale: Locale): KioskMessages {
	return all[locale];
}
