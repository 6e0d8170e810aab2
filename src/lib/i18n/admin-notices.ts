import type { Locale } from './locale';

/** The words of /admin/notices. */
const ru = {
	title: 'Уведомления посетителям',
	intro: 'SMS и письма, которые не удалось доставить после всех попыток, с причиной. Телефоны и адреса скрыты.',
	counts: (c: { pending: number; sending: number; sent24h: number; failed24h: number }) =>
		`В очереди: ${c.pending}, отправляются: ${c.sending}, отправлено за сутки: ${c.sent24h}, не доставлено за сутки: ${c.failed24h}`,
	none: 'Недоставленных уведомлений нет.',
	when: 'Когда',
	kind: 'Что',
	channel: 'Канал',
	to: 'Кому',
	attempts: 'Попыток',
	reason: 'Причина',
	retry: 'Отправить снова',
	retryHint: 'Если причина — «interrupted», сообщение могло дойти: повторная отправка может прийти дважды.',
	retried: 'Уведомление снова в очереди.',
	kinds: {
		booking_confirmed: 'запись',
		booking_reminder: 'напоминание',
		booking_moved: 'перенос',
		booking_cancelled: 'отмена записи',
		ticket_ahead: 'очередь подходит',
		ticket_called: 'вызов',
		otp: 'код'
	} as Record<string, string>
};
type Words = typeof ru;
const en: Words = {
	title: 'Notices to visitors',
	intro: 'SMS and e-mails not delivered after every attempt, with the reason. Phones and addresses are masked.',
	counts: (c) => `Queued: ${c.pending}, sending: ${c.sending}, sent in 24 h: ${c.sent24h}, failed in 24 h: ${c.failed24h}`,
	none: 'No failed notices.',
	when: 'When',
	kind: 'What',
	channel: 'Channel',
	to: 'To',
	attempts: 'Attempts',
	reason: 'Reason',
	retry: 'Send again',
	retryHint: 'When the reason is "interrupted", the message may have arrived: sending again may deliver it twice.',
	retried: 'The notice is queued again.',
	kinds: {
		booking_confirmed: 'booking',
		booking_reminder: 'reminder',
		booking_moved: 'moved',
		booking_cancelled: 'cancelled',
		ticket_ahead: 'turn nears',
		ticket_called: 'called',
		otp: 'code'
	}
};

export const adminNoticeMessages = (locale: Locale): Words => (locale === 'en' ? en : ru);
