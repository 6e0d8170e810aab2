import type { Locale } from './locale';

/** Words of the staff screens (issue 11, item 4); ru first. */
const ru = {
	title: 'Сотрудники',
	search: 'Поиск по логину или имени',
	find: 'Найти',
	add: 'Добавить сотрудника',
	addTitle: 'Новый сотрудник',
	none: 'Никого не найдено.',
	columns: { login: 'Логин', name: 'Имя', roles: 'Роли', offices: 'Офисы', state: 'Состояние' },
	fields: {
		login: 'Логин',
		displayName: 'Имя для экрана',
		roles: 'Роли',
		officeIds: 'Офисы',
		password: 'Пароль'
	},
	passwordHint: 'Оставьте пустым — пароль будет создан и показан один раз.',
	fieldErrors: {
		login: 'Латинские строчные буквы, цифры, точка, дефис или подчёркивание, от 2 до 40 знаков.',
		password: 'Не короче 8 символов, или оставьте пустым.',
		roles: 'Выберите хотя бы одну роль.',
		officeIds: 'Выберите хотя бы один офис.'
	},
	active: 'работает',
	disabledState: 'отключён',
	locked: 'вход заблокирован',
	lockedUntil: (time: string) => `Вход заблокирован после неудачных попыток до ${time}.`,
	create: 'Добавить',
	showOnce: 'Пароль показан один раз — передайте его сотруднику сейчас:',
	createdTyped: 'Сотрудник добавлен с заданным паролем.',
	edit: 'Данные сотрудника',
	disable: 'Отключить',
	enable: 'Включить',
	disableHint: 'Отключение сразу завершает все его сеансы и открытые пульты.',
	resetPassword: 'Сбросить пароль',
	resetHint: 'Будет создан новый пароль; все сеансы сотрудника завершатся.',
	unlock: 'Снять блокировку входа',
	disabledDone: 'Сотрудник отключён, его сеансы завершены.',
	enabledDone: 'Сотрудник снова может входить.',
	unlockedDone: 'Блокировка входа снята.',
	back: '← Все сотрудники'
};

type Words = typeof ru;

const en: Words = {
	title: 'Staff',
	search: 'Search by login or name',
	find: 'Search',
	add: 'Add a staff member',
	addTitle: 'New staff member',
	none: 'Nobody found.',
	columns: { login: 'Login', name: 'Name', roles: 'Roles', offices: 'Offices', state: 'State' },
	fields: {
		login: 'Login',
		displayName: 'Display name',
		roles: 'Roles',
		officeIds: 'Offices',
		password: 'Password'
	},
	passwordHint: 'Leave empty to have one generated and shown once.',
	fieldErrors: {
		login: 'Lower-case Latin letters, digits, dot, hyphen or underscore, 2 to 40 characters.',
		password: 'At least 8 characters, or leave it empty.',
		roles: 'Choose at least one role.',
		officeIds: 'Choose at least one office.'
	},
	active: 'active',
	disabledState: 'disabled',
	locked: 'sign-in blocked',
	lockedUntil: (time) => `Sign-in is blocked after failed attempts until ${time}.`,
	create: 'Add',
	showOnce: 'The password is shown this once — give it to the staff member now:',
	createdTyped: 'Staff member added with the password you typed.',
	edit: 'Staff member',
	disable: 'Disable',
	enable: 'Enable',
	disableHint: 'Disabling ends all their sessions and open consoles at once.',
	resetPassword: 'Reset password',
	resetHint: 'A new password is generated; all their sessions end.',
	unlock: 'Lift the sign-in block',
	disabledDone: 'Disabled; their sessions have ended.',
	enabledDone: 'They can sign in again.',
	unlockedDone: 'The sign-in block is lifted.',
	back: '← All staff'
};

export const adminStaffMessages = (locale: Locale): Words => (locale === 'en' ? en : ru);
