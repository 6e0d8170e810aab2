import type { Locale } from './locale';

/** The words of «Уведомить меня» on the ticket's page (/t/<code>). */
const ru = {
	title: 'Уведомить меня',
	hint: 'Можно выйти из зала: мы напишем, когда подойдёт очередь и когда вас вызовут.',
	channel: 'Как сообщить',
	sms: 'SMS',
	email: 'Эл. почта',
	push: 'Уведомление в браузере',
	phone: 'Номер телефона',
	address: 'Адрес эл. почты',
	ahead: 'Когда передо мной останется',
	aheadOption: (n: number) => `${n} ${n === 1 ? 'человек' : n < 5 ? 'человека' : 'человек'}`,
	submit: 'Уведомить',
	set: 'Уведомления',
	stop: 'Отменить',
	saved: 'Готово: мы сообщим.',
	sentAlready: 'уже отправлено «перед вами»',
	pushHint: 'Уведомление придёт, даже если страница закрыта и экран телефона погас.',
	noPush: 'Этот браузер не умеет присылать уведомления (на iPhone — только с экрана «Домой»). Выберите SMS или эл. почту.',
	pushDenied: 'Уведомления запрещены в настройках браузера. Разрешите их для этого сайта или выберите SMS.',
	pushFailed: 'Не удалось включить уведомления в этом браузере. Выберите SMS или эл. почту.',
	stopTitle: 'Отписаться от писем о талоне',
	stopConfirm: (n: string) => `Больше не присылать письма о талоне ${n}?`,
	stopButton: 'Отписаться',
	stopDone: 'Готово: писем об этом талоне больше не будет.',
	stopBad: 'Ссылка неверна или устарела. Отменить уведомления можно на странице талона.',
	ticketPage: 'Страница талона',
	fieldErrors: {
		to: 'Проверьте номер (+7 и 10 цифр) или адрес почты.',
		ahead: 'Выберите от 1 до 10.'
	}
};
type AlertMessages = typeof ru;
const en: AlertMessages = {
	title: 'Notify me',
	hint: 'You may leave the hall: we will write when your turn nears and when you are called.',
	channel: 'How',
	sms: 'SMS',
	email: 'E-mail',
	push: 'Browser notification',
	phone: 'Phone number',
	address: 'E-mail address',
	ahead: 'When this many are ahead of me',
	aheadOption: (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`,
	submit: 'Notify me',
	set: 'Notices',
	stop: 'Cancel',
	saved: 'Done: we will let you know.',
	sentAlready: '"ahead" notice already sent',
	pushHint: 'The notification arrives even with this page closed and the phone’s screen off.',
	noPush: 'This browser cannot show notifications (on an iPhone only from the Home Screen). Choose SMS or e-mail.',
	pushDenied: 'Notifications are blocked in the browser’s settings. Allow them for this site or choose SMS.',
	pushFailed: 'Could not turn on notifications in this browser. Choose SMS or e-mail.',
	stopTitle: 'Stop e-mails about the ticket',
	stopConfirm: (n: string) => `Stop e-mails about ticket ${n}?`,
	stopButton: 'Unsubscribe',
	stopDone: 'Done: no more e-mails about this ticket.',
	stopBad: 'The link is wrong or out of date. Notices can be cancelled on the ticket’s page.',
	ticketPage: 'Ticket page',
	fieldErrors: {
		to: 'Check the number (+7 and 10 digits) or the e-mail address.',
		ahead: 'Choose 1 to 10.'
	}
};

export function alertMessages(locale: Locale): AlertMessages {
	return locale === 'en' ? en : ru;
}
