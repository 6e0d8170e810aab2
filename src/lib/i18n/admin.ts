import type { Locale } from './locale';
import type { AdminSectionId } from '$lib/admin/nav';

/**
 * Words shared by every admin screen (the menu, the frame, common buttons). A screen's own words
 * live in its own file (`i18n/admin-services.ts`…), so parallel work does not meet here.
 */
const ru = {
	title: 'Администрирование',
	sections: {
		office: 'Офис',
		services: 'Услуги',
		desks: 'Окна',
		devices: 'Устройства',
		plan: 'Расписание и запись',
		messages: 'Бегущая строка',
		offices: 'Все офисы',
		staff: 'Сотрудники',
		audit: 'Журнал изменений',
		live: 'Мониторинг',
		reports: 'Отчёты',
		notices: 'Уведомления'
	} satisfies Record<AdminSectionId, string>,
	officeMenu: 'Офис',
	networkMenu: 'Сеть',
	chooseOffice: 'Выберите офис',
	archived: 'в архиве',
	signOut: 'Выйти',
	roles: { admin: 'администратор', supervisor: 'руководитель', operator: 'оператор' },
	yourOffices: 'Ваши офисы',
	noOfficesInScope: 'Вам не назначен ни один офис. Обратитесь к администратору сети.',
	save: 'Сохранить',
	cancel: 'Отмена',
	saved: 'Сохранено',
	skipToContent: 'Перейти к содержимому'
};

type AdminWords = typeof ru;

const en: AdminWords = {
	title: 'Administration',
	sections: {
		office: 'Office',
		services: 'Services',
		desks: 'Desks',
		devices: 'Devices',
		plan: 'Hours and booking',
		messages: 'Running line',
		offices: 'All offices',
		staff: 'Staff',
		audit: 'Change log',
		live: 'Live',
		reports: 'Reports',
		notices: 'Notices'
	},
	officeMenu: 'Office',
	networkMenu: 'Network',
	chooseOffice: 'Choose an office',
	archived: 'archived',
	signOut: 'Sign out',
	roles: { admin: 'administrator', supervisor: 'supervisor', operator: 'operator' },
	yourOffices: 'Your offices',
	noOfficesInScope: 'No office is assigned to you. Ask the network administrator.',
	save: 'Save',
	cancel: 'Cancel',
	saved: 'Saved',
	skipToContent: 'Skip to content'
};

export const adminMessages = (locale: Locale): AdminWords => (locale === 'en' ? en : ru);
