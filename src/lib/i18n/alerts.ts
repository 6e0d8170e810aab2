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
	fieldErrors: {
		to: 'Check the number (+7 and 10 digits) or the e-mail address.',
		ahead: 'Choose 1 to 10.'
	}
};

export function alertMessages(locale: Locale): AlertMessages {
	return locale === 'en' ? en : ru;
}
