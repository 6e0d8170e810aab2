import type { Locale } from './locale';
import { plural } from './locale';

/** Words of the pages, ru first. Functions where a number or a plural form is involved. */
const ru = {
	appName: 'Талон',
	tagline: 'Электронная очередь и предварительная запись',
	switchTo: 'English',
	offices: 'Офисы',
	noOffices: 'Офисов пока нет. Запустите `npx talon seed`, чтобы добавить демонстрационный.',
	book: 'Записаться на приём',
	bookHint: 'Выберите услугу, день и время',
	remote: 'Встать в очередь с телефона',
	remoteHint: 'Талон без терминала: код по SMS, отметка в зале',
	kiosk: 'Терминал в зале',
	kioskHint: 'Взять талон или отметиться по записи',
	board: 'Табло в зале',
	boardHint: 'Кого и к какому окну вызывают',
	desk: 'Рабочее место оператора',
	deskHint: 'Вызов посетителей к окну',
	admin: 'Администрирование',
	adminHint: 'Офисы, услуги, окна, сотрудники, устройства',
	staffSignIn: 'Вход для сотрудников',
	forDevelopers: 'Для разработчиков',
	apiDocs: 'API (OpenAPI 3.1)',
	realtimeDocs: 'События в реальном времени',
	waitingNow: (n: number) =>
		n === 0 ? 'никто не ждёт' : `ждут: ${plural('ru', n, { one: 'человек', few: 'человека', many: 'человек', other: 'человека' })}`,
	comingSoon: 'Этот раздел ещё в работе и появится в ближайшем выпуске.',
	backHome: 'На главную',
	ticket: 'Талон',
	ticketState: {
		waiting: 'Ожидайте вызова',
		called: 'Вас вызывают',
		serving: 'Вас обслуживают',
		done: 'Обслуживание завершено',
		no_show: 'Вы не подошли по вызову',
		cancelled: 'Талон отменён',
		expired: 'Талон закрыт: рабочий день закончился'
	},
	goToDesk: (n: number) => `Пройдите к окну ${n}`,
	ahead: (n: number) =>
		n === 0 ? 'Вы следующий' : `Перед вами: ${plural('ru', n, { one: 'человек', few: 'человека', many: 'человек', other: 'человека' })}`,
	estimate: (min: number | null) =>
		min === null ? 'Время ожидания уточняется' : min === 0 ? 'Скоро вызовут' : `Примерное ожидание: ${min} мин`,
	live: 'Обновляется автоматически',
	offline: 'Нет связи — показаны последние данные',
	service: 'Услуга',
	notFoundTitle: 'Страница не найдена',
	errorTitle: 'Что-то пошло не так'
};

type Messages = typeof ru;

const en: Messages = {
	appName: 'Talon',
	tagline: 'Queue management and appointments',
	switchTo: 'Русский',
	offices: 'Offices',
	noOffices: 'No offices yet. Run `npx talon seed` to add the demo office.',
	book: 'Book a visit',
	bookHint: 'Choose a service, a day and a time',
	remote: 'Join the queue from your phone',
	remoteHint: 'A ticket without the kiosk: a code by SMS, check in at the hall',
	kiosk: 'Hall kiosk',
	kioskHint: 'Take a ticket or check in for a booking',
	board: 'Hall board',
	boardHint: 'Which ticket goes to which desk',
	desk: 'Operator desk',
	deskHint: 'Call visitors to the desk',
	admin: 'Administration',
	adminHint: 'Offices, services, desks, staff, devices',
	staffSignIn: 'Staff sign-in',
	forDevelopers: 'For developers',
	apiDocs: 'API (OpenAPI 3.1)',
	realtimeDocs: 'Realtime events',
	waitingNow: (n: number) => (n === 0 ? 'nobody waiting' : `${plural('en', n, { one: 'person', other: 'people' })} waiting`),
	comingSoon: 'This part is still being built and will arrive in an upcoming release.',
	backHome: 'Home',
	ticket: 'Ticket',
	ticketState: {
		waiting: 'Please wait to be called',
		called: 'You are being called',
		serving: 'You are being served',
		done: 'Service completed',
		no_show: 'You missed your call',
		cancelled: 'Ticket cancelled',
		expired: 'Ticket closed: the working day has ended'
	},
	goToDesk: (n: number) => `Please go to desk ${n}`,
	ahead: (n: number) => (n === 0 ? 'You are next' : `${plural('en', n, { one: 'person', other: 'people' })} ahead of you`),
	estimate: (min: number | null) =>
		min === null ? 'Waiting time to be confirmed' : min === 0 ? 'You will be called soon' : `Estimated wait: ${min} min`,
	live: 'Updates automatically',
	offline: 'Offline — showing the last known state',
	service: 'Service',
	notFoundTitle: 'Page not found',
	errorTitle: 'Something went wrong'
};

const all: Record<Locale, Messages> = { ru, en };

export function messages(locale: Locale): Messages {
	return all[locale];
}
