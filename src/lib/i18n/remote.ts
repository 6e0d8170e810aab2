import type { Locale } from './locale';

/** The words of remote joining (/q/<office>, issue 13). Russian first. */
const ru = {
	title: 'Встать в очередь с телефона',
	hint: 'Талон сохранит ваше место. Когда придёте, введите код талона на терминале в зале — после этого вас вызовут.',
	phone: 'Номер телефона',
	sendCode: 'Получить код по SMS',
	codeSent: 'Мы отправили код по SMS. Он действует 5 минут.',
	code: 'Код из SMS',
	service: 'Услуга',
	take: 'Получить талон',
	again: 'Изменить номер',
	none: 'В этом офисе сейчас нельзя встать в очередь с телефона.',
	yourTicket: 'Ваш талон',
	checkin: 'Код для терминала',
	checkinHint: 'Придя в офис, введите этот код на терминале («У меня запись»). До этого талон ждёт и не вызывается.',
	open: 'Открыть талон и уведомления',
	smsHint: 'Мы напишем по SMS, когда перед вами останется 3 человека, и когда вас вызовут.',
	fieldErrors: { phone: 'Проверьте номер: +7 и 10 цифр.', code: 'Введите 6 цифр из SMS.', serviceId: 'Выберите услугу.' }
};
type RemoteMessages = typeof ru;
const en: RemoteMessages = {
	title: 'Join the queue from your phone',
	hint: 'The ticket keeps your place. When you arrive, type the ticket’s code at the kiosk in the hall; then you will be called.',
	phone: 'Phone number',
	sendCode: 'Get a code by SMS',
	codeSent: 'We sent a code by SMS. It is valid for 5 minutes.',
	code: 'Code from the SMS',
	service: 'Service',
	take: 'Get a ticket',
	again: 'Change the number',
	none: 'This office does not take visitors from phones now.',
	yourTicket: 'Your ticket',
	checkin: 'Code for the kiosk',
	checkinHint: 'When you arrive, type this code at the kiosk ("I have a booking"). Until then the ticket waits and is not called.',
	open: 'Open the ticket and its notices',
	smsHint: 'We will text you when 3 people are ahead of you and when you are called.',
	fieldErrors: { phone: 'Check the number: +7 and 10 digits.', code: 'Type the 6 digits from the SMS.', serviceId: 'Choose a service.' }
};

export const remoteMessages = (locale: Locale): RemoteMessages => (locale === 'en' ? en : ru);
