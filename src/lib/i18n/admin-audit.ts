import type { Locale } from './locale';

/** Words of the audit log screen (issue 11, item 9); ru first. */
const ru = {
	title: 'Журнал изменений',
	lead: 'Каждое изменение в администрировании: кто, когда, где, что было и что стало. Журнал нельзя изменить.',
	filters: { office: 'Офис', allOffices: 'Все офисы', user: 'Кто (логин)', from: 'С даты', to: 'По дату' },
	apply: 'Показать',
	reset: 'Сбросить',
	columns: { at: 'Когда', who: 'Кто', office: 'Офис', what: 'Что', change: 'Было → стало' },
	system: 'система',
	entities: {
		office: 'офис',
		staff: 'сотрудник',
		device: 'устройство',
		board_message: 'бегущая строка',
		service: 'услуга',
		category: 'категория',
		desk: 'окно',
		booking_plan: 'расписание'
	} as Record<string, string>,
	actions: {
		create: 'создание',
		update: 'изменение',
		archive: 'в архив',
		restore: 'из архива',
		delete: 'удаление',
		import: 'импорт',
		reorder: 'порядок',
		disable: 'отключение',
		enable: 'включение',
		reset_password: 'сброс пароля',
		unlock: 'снятие блокировки',
		revoke: 'отзыв'
	} as Record<string, string>,
	none: 'Записей нет.',
	older: 'Более ранние записи →'
};

type Words = typeof ru;

const en: Words = {
	title: 'Change log',
	lead: 'Every administrative change: who, when, where, what it was and what it became. The log cannot be edited.',
	filters: { office: 'Office', allOffices: 'All offices', user: 'Who (login)', from: 'From', to: 'To' },
	apply: 'Show',
	reset: 'Reset',
	columns: { at: 'When', who: 'Who', office: 'Office', what: 'What', change: 'Before → after' },
	system: 'system',
	entities: {
		office: 'office',
		staff: 'staff member',
		device: 'device',
		board_message: 'running line',
		service: 'service',
		category: 'category',
		desk: 'desk',
		booking_plan: 'hours and booking'
	},
	actions: {
		create: 'created',
		update: 'changed',
		archive: 'archived',
		restore: 'restored',
		delete: 'removed',
		import: 'imported',
		reorder: 'reordered',
		disable: 'disabled',
		enable: 'enabled',
		reset_password: 'password reset',
		unlock: 'unlocked',
		revoke: 'revoked'
	},
	none: 'No entries.',
	older: 'Older entries →'
};

export const adminAuditMessages = (locale: Locale): Words => (locale === 'en' ? en : ru);
