import type { Locale } from './locale';

/**
 * The page of a booking e-mail's stop link (/book/stop/<id>): what stops (this booking's e-mails
 * to this address: reminders, moved, cancelled) and what does not (the booking, its SMS).
 */
const ru = {
	title: 'Не присылать письма о записи',
	confirm: (code: string, when: string, to: string) => `Больше не присылать на ${to} письма о записи ${code} (${when})?`,
	what: 'На этот адрес перестанут приходить напоминания (накануне и перед визитом) и письма о переносе или отмене этой записи.',
	stays:
		'Сама запись остаётся в силе: приходите в назначенное время. SMS на телефон, если вы его указали, будут приходить как прежде. Отменить или перенести запись можно по ссылке из письма с подтверждением.',
	button: 'Не присылать письма',
	done: 'Готово: писем об этой записи на этот адрес больше не будет. Запись остаётся в силе.',
	already: 'Письма об этой записи на этот адрес уже не присылаются.',
	bad: 'Ссылка неверна или устарела, ничего не изменено. Откройте ссылку из письма целиком, без изменений.',
	newBooking: 'Записаться'
};
type BookingStopMessages = typeof ru;
const en: BookingStopMessages = {
	title: 'Stop e-mails about a booking',
	confirm: (code: string, when: string, to: string) => `Stop e-mails about booking ${code} (${when}) to ${to}?`,
	what: 'No more reminders (the evening before and before the visit), nor e-mails about moving or cancelling this booking, will come to this address.',
	stays:
		'The booking itself stays: come at its time. Text messages to your phone, if you gave one, still come. To cancel or move the booking, use the link in the confirmation e-mail.',
	button: 'Stop these e-mails',
	done: 'Done: no more e-mails about this booking to this address. The booking stays.',
	already: 'E-mails about this booking to this address are already stopped.',
	bad: 'This link is wrong or out of date; nothing was changed. Open the link from the e-mail exactly as it is.',
	newBooking: 'Book a visit'
};

export function bookingStopMessages(locale: Locale): BookingStopMessages {
	return locale === 'en' ? en : ru;
}
