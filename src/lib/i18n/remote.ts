import type { Locale } from './locale';

/** The words of remote joining (/q/<office>, issue 13). Russian first. */
const ru = {
	title: 'Встать в очередь с телефона',
	hint: 'Талон сохранит ваше место. Когда придёте, отметьтесь на терминале в зале (QR-код или код талона) — после этого вас вызовут.',
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
	checkinTitle: 'Отметьтесь, когда придёте',
	checkinHint: 'В офисе поднесите этот QR-код к сканеру терминала или введите код на его экране («У меня запись или талон с телефона»).',
	checkinWaits: 'До отметки талон держит место, но не вызывается.',
	checkinEarly: 'Вас могут вызвать и до отметки — следите за уведомлениями.',
	qr: (code: string) => `QR-код для терминала, код ${code}`,
	open: 'Открыть талон и уведомления',
	smsHint: 'Мы напишем по SMS, когда перед вами останется 3 человека, и когда вас вызовут.',
	fieldErrors: { phone: 'Проверьте номер: +7 и 10 цифр.', code: 'Введите 6 цифр из SMS.', serviceId: 'Выберите услугу.' }
};
type RemoteMessages = typeof ru;
const en: RemoteMessages = {
	title: 'Join the queue from your phone',
	hint: 'The ticket keeps your place. When you arrive, check in at the kiosk in the hall (the QR code or the ticket’s code); then you will be called.',
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
	checkinTitle: 'Check in when you arrive',
	checkinHint:
		'At the office, hold this QR code to the kiosk’s scanner or type the code on its screen ("I have a booking or a phone ticket").',
	checkinWaits: 'Until you check in, the ticket keeps its place but is not called.',
	checkinEarly: 'You may be called before you check in — watch for the notices.',
	qr: (code) => `QR code for the kiosk, code ${code}`,
	open: 'Open the ticket and its notices',
	smsHint: 'We will text you when 3 people are ahead of you and when you are called.',
	fieldErrors: { phone: 'Check the number: +7 and 10 digits.', code: 'Type the 6 digits from the SMS.', serviceId: 'Choose a service.' }
};

export const remoteMessages = (locale: Locale): RemoteMessages => (locale === 'en' ? en : ru);
