import type { Locale } from './locale';

/** Words of the visitor's rating: the ticket page's form and the desk's rating pad; ru first. */
const ru = {
	title: 'Оцените обслуживание',
	hint: 'Один раз, в течение суток после приёма.',
	scores: ['Очень плохо', 'Плохо', 'Нормально', 'Хорошо', 'Отлично'] as readonly string[],
	comment: 'Комментарий (необязательно)',
	commentHint: 'Не пишите имена, телефоны и другие личные данные.',
	send: 'Отправить оценку',
	thanks: 'Спасибо за оценку!',
	yourScore: (label: string) => `Ваша оценка: ${label}.`,
	closed: 'Оценить этот приём уже нельзя: прошло больше суток.',
	padTitle: 'Как вас обслужили?',
	padHint: 'Нажмите на лицо',
	padRest: 'Спасибо, что пришли!',
	padThanks: 'Спасибо!',
	padTicket: (n: string) => `Талон ${n}`,
	padError: 'Не удалось сохранить оценку'
};

const en: typeof ru = {
	title: 'Rate the service',
	hint: 'Once, within 24 hours of your visit.',
	scores: ['Very bad', 'Bad', 'OK', 'Good', 'Excellent'],
	comment: 'Comment (optional)',
	commentHint: 'Please do not write names, phone numbers or other personal data.',
	send: 'Send rating',
	thanks: 'Thank you for your rating!',
	yourScore: (label) => `Your rating: ${label}.`,
	closed: 'This visit can no longer be rated: more than 24 hours have passed.',
	padTitle: 'How were you served?',
	padHint: 'Tap a face',
	padRest: 'Thank you for coming!',
	padThanks: 'Thank you!',
	padTicket: (n) => `Ticket ${n}`,
	padError: 'The rating could not be saved'
};

export const ratingMessages = (locale: Locale) => (locale === 'en' ? en : ru);
