import type { Locale } from './locale';
import { plural } from './locale';

/** Words of the booking pages, the confirmation e-mail and the calendar file; ru first. */
const ru = {
	title: 'Запись на приём',
	lead: 'Выберите услугу, офис, день и время. Код записи придёт на экран и, если укажете почту, на e-mail.',
	stepService: 'Услуга',
	stepOffice: 'Офис',
	stepDay: 'День',
	stepTime: 'Время',
	stepContacts: 'Ваши данные',
	chooseService: 'Какая услуга нужна?',
	chooseOffice: 'В каком офисе?',
	chooseDay: 'Выберите день',
	chooseTime: 'Выберите время',
	noServices: 'В этом офисе сейчас нет услуг с онлайн-записью.',
	noOffices: 'Офисов с онлайн-записью пока нет.',
	noDays: 'Свободных дней для записи на эту услугу нет. Попробуйте позже или возьмите талон в офисе.',
	noTimes: 'На этот день свободного времени не осталось. Выберите другой день.',
	minutes: (n: number) => `${n} мин`,
	freePlaces: (n: number) => plural('ru', n, { one: 'место', few: 'места', many: 'мест', other: 'места' }),
	weekdaysShort: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
	back: 'Назад',
	change: 'Изменить',
	name: 'Фамилия и имя',
	namePlaceholder: 'Иванов Иван',
	phone: 'Телефон',
	phonePlaceholder: '+7 900 000-00-00',
	email: 'E-mail (необязательно)',
	emailPlaceholder: 'ivan@example.ru',
	consent:
		'Я согласен(на) на обработку персональных данных (имя, телефон, e-mail) для записи на приём. Данные удаляются после визита по сроку хранения офиса.',
	confirm: 'Записаться',
	summary: 'Вы записываетесь',
	fieldErrors: {
		name: 'Укажите имя: от 2 до 100 символов.',
		phone: 'Укажите российский номер: +7 и 10 цифр, например +7 916 123-45-67.',
		email: 'Проверьте адрес e-mail или оставьте поле пустым.',
		consent: 'Без согласия на обработку данных записать нельзя.',
		startsAt: 'Выберите время.',
		serviceId: 'Выберите услугу.',
		day: 'Выберите день.'
	} as Record<string, string>,
	takenTitle: 'Это время только что заняли',
	takenHint: 'Вот свободное время на этот день прямо сейчас:',
	doneTitle: 'Вы записаны',
	yourCode: 'Код записи',
	codeHint: 'Покажите QR-код или введите код на терминале в офисе, чтобы получить талон.',
	when: 'Когда',
	where: 'Где',
	service: 'Услуга',
	documents: 'Что взять с собой',
	addToCalendar: 'Добавить в календарь (.ics)',
	manageLink: 'Ссылка для отмены или переноса',
	manageHint: 'Сохраните эту ссылку: по ней можно отменить или перенести запись. Никому её не передавайте.',
	checkInWindow: (before: number, after: number) =>
		`Отметиться на терминале можно за ${before} мин до начала и не позже ${after} мин после.`,
	emailSent: (to: string) => `Подтверждение отправлено на ${to}.`,
	manageTitle: 'Ваша запись',
	state: { booked: 'Действует', checked_in: 'Вы отметились, талон выдан', cancelled: 'Отменена', missed: 'Время записи прошло' } as Record<
		string,
		string
	>,
	cancel: 'Отменить запись',
	cancelConfirm: 'Да, отменить',
	cancelled: 'Запись отменена. Время освободилось для других.',
	move: 'Перенести на другое время',
	moved: 'Запись перенесена.',
	moveHint: 'Старое время освободится, только когда новое будет за вами.',
	notFound: 'Запись не найдена: ссылка неверна или данные уже удалены.',
	newBooking: 'Записаться ещё раз',
	mailSubject: (code: string) => `Запись на приём — код ${code}`,
	calendarSummary: (service: string) => `Приём: ${service}`,
	staffTitle: 'Запись по телефону',
	staffLead: 'Запишите гражданина, который позвонил: услуга, время, имя и телефон. Код продиктуйте ему.',
	staffConsent: 'Гражданин согласился на обработку персональных данных (устно).',
	staffDone: (code: string) => `Записано. Код записи: ${code}`,
	today: 'сегодня',
	switchLang: 'English'
};

export type BookingMessages = typeof ru;

const en: BookingMessages = {
	title: 'Book a visit',
	lead: 'Choose a service, an office, a day and a time. You get a booking code on screen and, if you give an e-mail, by mail.',
	stepService: 'Service',
	stepOffice: 'Office',
	stepDay: 'Day',
	stepTime: 'Time',
	stepContacts: 'Your details',
	chooseService: 'Which service do you need?',
	chooseOffice: 'Which office?',
	chooseDay: 'Choose a day',
	chooseTime: 'Choose a time',
	noServices: 'This office has no services that can be booked online right now.',
	noOffices: 'No office takes online bookings yet.',
	noDays: 'There are no free days for this service. Try later or take a ticket at the office.',
	noTimes: 'No free times are left on this day. Please choose another day.',
	minutes: (n: number) => `${n} min`,
	freePlaces: (n: number) => plural('en', n, { one: 'place', other: 'places' }),
	weekdaysShort: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
	back: 'Back',
	change: 'Change',
	name: 'Full name',
	namePlaceholder: 'Ivan Ivanov',
	phone: 'Phone',
	phonePlaceholder: '+7 900 000-00-00',
	email: 'E-mail (optional)',
	emailPlaceholder: 'ivan@example.com',
	consent:
		'I agree to the processing of my personal data (name, phone, e-mail) for this booking. The data is erased after the visit, when the office’s retention period ends.',
	confirm: 'Book',
	summary: 'You are booking',
	fieldErrors: {
		name: 'Please give a name of 2 to 100 characters.',
		phone: 'Please give a Russian number: +7 and 10 digits, e.g. +7 916 123-45-67.',
		email: 'Please check the e-mail address or leave it empty.',
		consent: 'We cannot book without your consent to the processing of your data.',
		startsAt: 'Please choose a time.',
		serviceId: 'Please choose a service.',
		day: 'Please choose a day.'
	},
	takenTitle: 'This time was just taken',
	takenHint: 'These times are free on this day right now:',
	doneTitle: 'You are booked',
	yourCode: 'Booking code',
	codeHint: 'Show the QR code or type the code at the kiosk in the office to get your ticket.',
	when: 'When',
	where: 'Where',
	service: 'Service',
	documents: 'What to bring',
	addToCalendar: 'Add to calendar (.ics)',
	manageLink: 'Link to cancel or move',
	manageHint: 'Keep this link: it lets you cancel or move the booking. Do not share it.',
	checkInWindow: (before: number, after: number) =>
		`You can check in at the kiosk from ${before} min before the start until ${after} min after.`,
	emailSent: (to: string) => `A confirmation was sent to ${to}.`,
	manageTitle: 'Your booking',
	state: { booked: 'Active', checked_in: 'Checked in, ticket issued', cancelled: 'Cancelled', missed: 'The booked time has passed' },
	cancel: 'Cancel the booking',
	cancelConfirm: 'Yes, cancel',
	cancelled: 'The booking is cancelled. The time is free for others again.',
	move: 'Move to another time',
	moved: 'The booking has been moved.',
	moveHint: 'Your old time is released only once the new one is yours.',
	notFound: 'Booking not found: the link is wrong or the data has been erased.',
	newBooking: 'Book again',
	mailSubject: (code: string) => `Your booking — code ${code}`,
	calendarSummary: (service: string) => `Visit: ${service}`,
	staffTitle: 'Booking by phone',
	staffLead: 'Book a visit for a caller: service, time, name and phone. Read the code out to them.',
	staffConsent: 'The caller agreed to the processing of their personal data (verbally).',
	staffDone: (code: string) => `Booked. Booking code: ${code}`,
	today: 'today',
	switchLang: 'Русский'
};

export function bookingMessages(locale: Locale): BookingMessages {
	return locale === 'en' ? en : ru;
}

/** `вторник, 24 ноября` / `Tuesday, 24 November` for a local day `YYYY-MM-DD`. */
export function formatDay(locale: Locale, day: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
	const d = new Date(`${day}T12:00:00Z`);
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
		timeZone: 'UTC',
		day: 'numeric',
		month: 'long',
		...(opts.weekday !== false ? { weekday: 'long' } : {}),
		...(opts.year ? { year: 'numeric' } : {})
	}).format(d);
}

/** `09:15` in the office's zone. */
export function formatTime(iso: string | Date, timeZone: string): string {
	return new Intl.DateTimeFormat('ru-RU', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
