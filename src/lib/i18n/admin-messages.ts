import type { Locale } from './locale';

/** Words of the running-line screen (issue 11, item 7); ru first. */
const ru = {
	title: 'Бегущая строка',
	lead: 'Сообщения внизу табло этого офиса. Время — местное время офиса; табло обновляют строку каждые 5 минут.',
	columns: { text: 'Текст', window: 'Когда', state: 'Сейчас', actions: 'Действия' },
	always: 'всегда',
	from: (t: string) => `с ${t}`,
	to: (t: string) => `до ${t}`,
	showing: 'показывается',
	hidden: 'не показывается',
	add: 'Новое сообщение',
	edit: 'Изменить',
	editTitle: (text: string) => `Изменить «${text}»`,
	fields: {
		textRu: 'Текст (русский)',
		textEn: 'Текст (английский)',
		from: 'Показывать с',
		to: 'Показывать до',
		active: 'Включено',
		sort: 'Порядок'
	},
	fieldErrors: { from: 'Укажите дату и время или оставьте пустым.', to: 'Окончание должно быть позже начала (или пусто).' },
	create: 'Добавить',
	hide: 'Выключить',
	show: 'Включить',
	remove: 'Удалить',
	removeLabel: (text: string) => `Удалить «${text}»`,
	toggleLabel: (on: boolean, text: string) => `${on ? 'Выключить' : 'Включить'} «${text}»`,
	none: 'Сообщений нет.',
	done: 'Сохранено.',
	removed: 'Сообщение удалено.'
};

type Words = typeof ru;

const en: Words = {
	title: 'Running line',
	lead: "Messages at the bottom of this office's boards. Times are the office's local time; boards refresh the line every 5 minutes.",
	columns: { text: 'Text', window: 'When', state: 'Now', actions: 'Actions' },
	always: 'always',
	from: (t) => `from ${t}`,
	to: (t) => `until ${t}`,
	showing: 'showing',
	hidden: 'not showing',
	add: 'New message',
	edit: 'Edit',
	editTitle: (text) => `Edit “${text}”`,
	fields: { textRu: 'Text (Russian)', textEn: 'Text (English)', from: 'Show from', to: 'Show until', active: 'On', sort: 'Order' },
	fieldErrors: { from: 'Enter a date and time, or leave it empty.', to: 'The end must be after the start (or empty).' },
	create: 'Add',
	hide: 'Turn off',
	show: 'Turn on',
	remove: 'Remove',
	removeLabel: (text) => `Remove “${text}”`,
	toggleLabel: (on, text) => `${on ? 'Turn off' : 'Turn on'} “${text}”`,
	none: 'No messages.',
	done: 'Saved.',
	removed: 'Message removed.'
};

export const adminMessagesWords = (locale: Locale): Words => (locale === 'en' ? en : ru);
