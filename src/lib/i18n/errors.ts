import type { ErrorCode } from '$lib/errors';
import type { Locale } from './locale';

type Params = Record<string, string | number>;
type Message = string | ((p: Params) => string);

const stateRu: Record<string, string> = {
	waiting: 'ожидает',
	called: 'вызван',
	serving: 'на приёме',
	done: 'обслужен',
	no_show: 'не явился',
	cancelled: 'отменён',
	expired: 'закрыт в конце дня'
};

/** What people read when something is refused. Codes are stable; wording may improve. */
const messages: Record<Locale, Record<ErrorCode, Message>> = {
	ru: {
		invalid_input: (p) => (p.field ? `Проверьте поле «${p.field}»: значение не подходит.` : 'Запрос заполнен неверно.'),
		unauthorized: 'Нужно войти в систему.',
		forbidden: 'У вас нет прав на это действие.',
		not_found: 'Не найдено.',
		office_not_found: (p) => (p.office ? `Офис «${p.office}» не найден.` : 'Офис не найден.'),
		service_not_found: 'Услуга не найдена в этом офисе.',
		service_inactive: 'Эта услуга сейчас недоступна.',
		desk_not_found: 'Окно не найдено.',
		ticket_not_found: 'Талон не найден.',
		ticket_state_conflict: (p) =>
			p.state
				? `Талон ${p.number ?? ''} сейчас в состоянии «${stateRu[String(p.state)] ?? p.state}»: это действие недоступно.`
				: 'С талоном в его текущем состоянии это действие недоступно.',
		ticket_not_at_desk: (p) => `Талон ${p.number ?? ''} обслуживается не в этом окне.`,
		desk_paused: 'Окно на перерыве: сначала продолжите работу.',
		desk_closed: 'Окно закрыто: сначала откройте его.',
		desk_busy: (p) => `В окне уже есть посетитель${p.ticket ? ` (${p.ticket})` : ''}: завершите приём или верните его в очередь.`,
		desk_state_conflict: 'Это действие с окном сейчас недоступно.',
		wrong_office: 'Это окно или талон относится к другому офису.',
		service_not_at_desk: 'Это окно не обслуживает выбранную услугу.',
		idempotency_conflict: 'Повторный запрос не совпадает с первым. Начните заново.',
		rate_limited: 'Слишком много запросов. Подождите немного и повторите.',
		invalid_credentials: 'Неверный логин или пароль.',
		login_throttled: (p) => `Слишком много неудачных попыток входа. Повторите через ${p.minutes ?? 15} мин.`,
		desk_taken: (p) => `Это окно уже занято${p.name ? ` (${p.name})` : ''}: выберите другое.`,
		booking_not_found: 'Запись с таким кодом не найдена. Проверьте код или возьмите талон.',
		booking_too_early: (p) =>
			`Отметиться по записи можно с ${p.opensTime ?? ''}${p.opensDay ? ` (${p.opensDay})` : ''}. Приходите немного позже.`,
		booking_too_late: 'Время записи прошло, отметиться по ней уже нельзя. Возьмите обычный талон.',
		booking_not_active: (p) =>
			p.state === 'cancelled'
				? 'Эта запись отменена.'
				: p.state === 'checked_in'
					? 'По этой записи уже выдан талон.'
					: p.state === 'missed'
						? 'Время этой записи прошло.'
						: 'Эта запись уже не действует.',
		booking_closed: 'На эту услугу в этом офисе нельзя записаться онлайн.',
		slot_unavailable: 'Это время недоступно для записи. Выберите другое.',
		slot_taken: 'Это время только что заняли. Выберите другое из свободных.',
		booking_limit: 'На этот номер телефона уже есть запись на эту услугу в этот день.',
		unavailable: 'Сервис временно недоступен. Повторите через минуту.',
		// Visitors' ratings (issue 12, live).
		ticket_not_finished: 'Оценить можно после окончания приёма.',
		rating_closed: 'Оценить приём можно в течение суток после его окончания.',
		already_rated: 'Спасибо, этот приём уже оценён.',
		numbers_exhausted: 'Все номера этой услуги (001–999) сейчас в очереди. Обратитесь к администратору зала.',
		// Administration (issue 11, admin)
		office_slug_taken: (p) => `Адрес офиса «${p.slug ?? ''}» уже занят другим офисом: выберите другой.`,
		login_taken: (p) => `Логин «${p.login ?? ''}» уже занят: выберите другой.`,
		staff_not_found: 'Сотрудник не найден.',
		device_not_found: 'Устройство не найдено в этом офисе.',
		board_message_not_found: 'Сообщение бегущей строки не найдено в этом офисе.',
		not_on_yourself: 'Это действие нельзя выполнить над своей учётной записью.',
		// Catalogue and desks (issue 11).
		category_not_found: 'Категория не найдена.',
		prefix_taken: (p) =>
			p.prefix ? `Префикс «${p.prefix}» уже занят другой услугой этого офиса.` : 'Этот префикс уже занят другой услугой этого офиса.',
		category_archived: 'Категория в архиве: выберите другую или сначала верните её из архива.',
		category_not_empty: 'В категории есть действующие услуги или подкатегории: сначала перенесите или уберите их.',
		service_has_live_tickets: (p) =>
			`Услугу нельзя убрать: по ней сейчас ждут или обслуживаются посетители (талонов: ${p.count ?? 'есть'}). Дождитесь, пока очередь по ней закончится.`,
		desk_number_taken: (p) => (p.number ? `Окно № ${p.number} в этом офисе уже есть.` : 'Окно с этим номером в этом офисе уже есть.'),
		desk_in_use: 'Окно сейчас открыто оператором: его можно убрать только после закрытия.',
		// finish11 (issue 11)
		priority_not_allowed: 'По этой услуге нет приоритетной очереди: возьмите обычный талон.',
		desk_inactive: 'Это окно отключено в администрировании: его нельзя открыть. Обратитесь к руководителю офиса.',
		alert_exists: 'Уведомление этим способом уже заказано. Чтобы изменить его, сначала отмените.',
		// remote joining (issue 13, remote13)
		code_invalid: 'Код из SMS неверен или устарел. Проверьте его или запросите новый.',
		remote_not_allowed: 'На эту услугу нельзя встать в очередь с телефона.',
		remote_ticket_exists: 'У этого номера уже есть талон в очереди этого офиса. Новый можно взять, когда тот будет обслужен или отменён.',
		busy: 'Сейчас очень много обращений. Повторите через несколько секунд — ничего не было сохранено.',
		database_unavailable: 'Нет связи с базой данных. Повторите через несколько секунд — ничего не было сохранено.',
		internal: 'Что-то пошло не так. Мы уже знаем; повторите через минуту.'
	},
	en: {
		invalid_input: (p) => (p.field ? `Please check “${p.field}”: the value is not valid.` : 'The request is not valid.'),
		unauthorized: 'Please sign in.',
		forbidden: 'You are not allowed to do this.',
		not_found: 'Not found.',
		office_not_found: (p) => (p.office ? `Office “${p.office}” not found.` : 'Office not found.'),
		service_not_found: 'This office has no such service.',
		service_inactive: 'This service is not available now.',
		desk_not_found: 'Desk not found.',
		ticket_not_found: 'Ticket not found.',
		ticket_state_conflict: (p) =>
			p.state
				? `Ticket ${p.number ?? ''} is ${String(p.state).replace('_', ' ')}: this action is not available.`
				: 'This action is not available for the ticket in its current state.',
		ticket_not_at_desk: (p) => `Ticket ${p.number ?? ''} is not at this desk.`,
		desk_paused: 'The desk is on a break: resume first.',
		desk_closed: 'The desk is closed: open it first.',
		desk_busy: (p) => `The desk already has a visitor${p.ticket ? ` (${p.ticket})` : ''}: finish or return them first.`,
		desk_state_conflict: 'This desk action is not available now.',
		wrong_office: 'This desk or ticket belongs to another office.',
		service_not_at_desk: 'This desk does not serve that service.',
		idempotency_conflict: 'A repeated request does not match the first one. Please start again.',
		rate_limited: 'Too many requests. Please wait a little and try again.',
		invalid_credentials: 'Wrong login or password.',
		login_throttled: (p) => `Too many failed sign-in attempts. Try again in ${p.minutes ?? 15} min.`,
		desk_taken: (p) => `This desk is already taken${p.name ? ` (${p.name})` : ''}: choose another one.`,
		booking_not_found: 'No booking with this code. Check the code or take a ticket.',
		booking_too_early: (p) =>
			`Check-in for this booking opens at ${p.opensTime ?? ''}${p.opensDay ? ` (${p.opensDay})` : ''}. Please come back a little later.`,
		booking_too_late: 'The booked time has passed, so you can no longer check in with it. Please take an ordinary ticket.',
		booking_not_active: (p) =>
			p.state === 'cancelled'
				? 'This booking was cancelled.'
				: p.state === 'checked_in'
					? 'A ticket has already been issued for this booking.'
					: p.state === 'missed'
						? 'The time of this booking has passed.'
						: 'This booking is no longer valid.',
		booking_closed: 'This service cannot be booked online at this office.',
		slot_unavailable: 'This time cannot be booked. Please choose another.',
		slot_taken: 'This time was just taken. Please choose another free time.',
		booking_limit: 'This phone number already has a booking for this service on that day.',
		unavailable: 'The service is temporarily unavailable. Try again in a minute.',
		// Visitors' ratings (issue 12, live).
		ticket_not_finished: 'You can rate the visit once it is over.',
		rating_closed: 'A visit can be rated within 24 hours of its end.',
		already_rated: 'Thank you, this visit has already been rated.',
		numbers_exhausted: 'Every number of this service (001–999) is in the queue right now. Please ask the hall administrator.',
		// Administration (issue 11, admin)
		office_slug_taken: (p) => `The office address “${p.slug ?? ''}” is taken by another office: choose another one.`,
		login_taken: (p) => `The login “${p.login ?? ''}” is taken: choose another one.`,
		staff_not_found: 'Staff member not found.',
		device_not_found: 'This office has no such device.',
		board_message_not_found: 'This office has no such running-line message.',
		not_on_yourself: 'You cannot do this to your own account.',
		// Catalogue and desks (issue 11).
		category_not_found: 'Category not found.',
		prefix_taken: (p) =>
			p.prefix
				? `Prefix “${p.prefix}” is already used by another service of this office.`
				: 'This prefix is already used by another service of this office.',
		category_archived: 'The category is archived: choose another or restore it first.',
		category_not_empty: 'The category still holds services or sub-categories in use: move or remove them first.',
		service_has_live_tickets: (p) =>
			`The service cannot be removed: visitors are waiting or being served for it now (tickets: ${p.count ?? 'some'}). Wait until its queue is empty.`,
		desk_number_taken: (p) =>
			p.number ? `Desk ${p.number} already exists in this office.` : 'A desk with this number already exists in this office.',
		desk_in_use: 'An operator has the desk open: it can be removed only once closed.',
		// finish11 (issue 11)
		priority_not_allowed: 'This service has no priority queue: please take an ordinary ticket.',
		desk_inactive: "This desk is switched off in the administration and cannot be opened. Ask the office's supervisor.",
		alert_exists: 'A notice this way is already set. Cancel it first to change it.',
		// remote joining (issue 13, remote13)
		code_invalid: 'The SMS code is wrong or has expired. Check it or ask for a new one.',
		remote_not_allowed: 'This service cannot be joined from a phone.',
		remote_ticket_exists:
			'This phone number already has a ticket in this office’s queue. You can take a new one once that one is served or cancelled.',
		busy: 'Too many requests right now. Please try again in a few seconds; nothing was saved.',
		database_unavailable: 'The database cannot be reached. Please try again in a few seconds; nothing was saved.',
		internal: 'Something went wrong on our side. Please try again in a minute.'
	}
};

export function errorMessage(locale: Locale, code: ErrorCode, params: Params = {}): string {
	const m = messages[locale][code];
	return typeof m === 'function' ? m(params) : m;
}
