import type { Locale } from './locale';

/** Words of the hours-and-booking screen (issue 11, item 6); ru first. */
const ru = {
	title: 'Расписание и запись',
	lead: 'Часы работы по дням недели с обедом, исключения по датам и правила онлайн-записи. Время — местное время офиса.',
	week: 'Часы работы',
	weekdays: ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'],
	weekdaysShort: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
	columns: { day: 'День', works: 'Работает', open: 'Открытие', close: 'Закрытие', breakStart: 'Обед с', breakEnd: 'Обед до' },
	rules: 'Правила записи',
	fields: {
		sharePercent: 'Доля времени окон для записи, %',
		stepMin: 'Шаг слотов, мин',
		minLeadMin: 'Записаться не позже чем за, мин',
		horizonDays: 'Записаться не раньше чем за, дней',
		beforeMin: 'Отметка открывается за, мин',
		afterMin: 'Отметка закрывается через, мин',
		latePolicy: 'Опоздавшему',
		retentionDays: 'Хранить данные заявителя, дней',
		publicHolidays: 'Не работать в государственные праздники'
	},
	late: { ordinary: 'выдать обычный талон', refuse: 'отказать' },
	fieldErrors: { time: 'Проверьте время: ЧЧ:ММ; закрытие позже открытия, обед внутри дня.' },
	exceptions: 'Исключения по датам',
	exceptionKinds: { closed: 'выходной', open: 'рабочий день с часами' },
	exceptionFields: { day: 'Дата', kind: 'Что', open: 'Открытие', close: 'Закрытие', note: 'Примечание' },
	addException: 'Добавить исключение',
	remove: 'Удалить',
	removeLabel: (day: string) => `Удалить исключение ${day}`,
	noExceptions: 'Исключений нет.',
	saved: 'Сохранено.',
	preview: 'Показать свободные слоты на 7 дней',
	previewTitle: 'Свободные места на 7 дней с этими значениями (ещё не сохранено)',
	previewService: 'Услуга',
	previewNone: 'В офисе нет услуг с онлайн-записью.',
	previewFirst: (time: string) => `с ${time}`,
	previewDesks: (n: number) => `окон: ${n}`
};

type Words = typeof ru;

const en: Words = {
	title: 'Hours and booking',
	lead: "Weekly hours with lunch, exceptions by date and the online booking rules. Times are the office's local time.",
	week: 'Opening hours',
	weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
	weekdaysShort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
	columns: { day: 'Day', works: 'Open', open: 'Opens', close: 'Closes', breakStart: 'Lunch from', breakEnd: 'Lunch until' },
	rules: 'Booking rules',
	fields: {
		sharePercent: 'Share of desk time for bookings, %',
		stepMin: 'Slot step, min',
		minLeadMin: 'Book at least this far ahead, min',
		horizonDays: 'Book at most this far ahead, days',
		beforeMin: 'Check-in opens before, min',
		afterMin: 'Check-in closes after, min',
		latePolicy: 'A late visitor',
		retentionDays: "Keep the citizen's data, days",
		publicHolidays: 'Closed on public holidays'
	},
	late: { ordinary: 'gets an ordinary ticket', refuse: 'is refused' },
	fieldErrors: { time: 'Check the time: HH:MM; closing after opening, lunch within the day.' },
	exceptions: 'Exceptions by date',
	exceptionKinds: { closed: 'day off', open: 'working day with hours' },
	exceptionFields: { day: 'Date', kind: 'What', open: 'Opens', close: 'Closes', note: 'Note' },
	addException: 'Add an exception',
	remove: 'Remove',
	removeLabel: (day) => `Remove the exception of ${day}`,
	noExceptions: 'No exceptions.',
	saved: 'Saved.',
	preview: 'Show the free slots of 7 days',
	previewTitle: 'Free places in the next 7 days with these values (not saved yet)',
	previewService: 'Service',
	previewNone: 'The office has no service booked online.',
	previewFirst: (time) => `from ${time}`,
	previewDesks: (n) => `desks: ${n}`
};

export const adminPlanMessages = (locale: Locale): Words => (locale === 'en' ? en : ru);
