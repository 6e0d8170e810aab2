import type { Locale } from './locale';
import type { PrinterState } from '$lib/kiosk/types';

/** Words of the supervisor's live dashboard (`/admin/live`); ru first. */
const ru = {
	title: 'Мониторинг зала',
	wallTitle: 'Зал сейчас',
	office: 'Офис',
	wallMode: 'На большой экран',
	leaveWall: 'Выйти из режима экрана',
	soundOn: 'Звук тревог: вкл.',
	soundOff: 'Звук тревог: выкл.',
	live: 'Данные в реальном времени',
	connecting: 'Подключение…',
	offline: 'Нет связи — показаны последние данные',
	noOffice: 'Нет офисов, которые вы администрируете.',
	today: 'Сегодня',
	issued: 'Выдано талонов',
	served: 'Обслужено',
	noShow: 'Не явились',
	meanWait: 'Среднее ожидание',
	services: 'Очередь по услугам',
	service: 'Услуга',
	waiting: 'Ждут',
	longest: 'Дольше всех',
	estimate: 'Прогноз',
	target: 'Норматив',
	level: { green: 'в норме', amber: 'близко к нормативу', red: 'выше норматива' } as Record<'green' | 'amber' | 'red', string>,
	desks: 'Окна',
	deskState: { open: 'Открыто', paused: 'Перерыв', closed: 'Закрыто' } as Record<'open' | 'paused' | 'closed', string>,
	deskTitle: (n: number) => `Окно ${n}`,
	idle: 'свободно',
	pausedFor: (d: string) => `перерыв ${d}`,
	calling: (n: string, d: string) => `вызывает ${n} · ${d}`,
	serving: (n: string, d: string) => `принимает ${n} · ${d}`,
	noOperator: 'нет оператора',
	alerts: 'Тревоги',
	noAlerts: 'Тревог нет',
	ack: 'Принято',
	alertOverTarget: (ticket: string, service: string) => `Талон ${ticket} (${service}) ждёт дольше норматива`,
	alertPaused: (desk: number, d: string) => `Окно ${desk} на перерыве уже ${d}`,
	alertPrinter: (name: string, state: string) => `${name}: ${state}`,
	alertOffline: (name: string, kind: 'kiosk' | 'display') => `${kind === 'kiosk' ? 'Киоск' : 'Табло'} «${name}» не на связи`,
	printer: {
		online: 'принтер в порядке',
		paper_out: 'в принтере закончилась бумага',
		cover_open: 'открыта крышка принтера',
		offline: 'принтер не отвечает',
		no_agent: 'принтер не подключён (агент печати не на связи)'
	} as Record<PrinterState, string>,
	since: (t: string) => `с ${t}`,
	devices: 'Устройства',
	deviceOnline: 'на связи',
	deviceOffline: 'не на связи',
	duration: (sec: number) => {
		const m = Math.floor(sec / 60);
		if (sec === 0) return '0 мин';
		if (m < 1) return '< 1 мин';
		if (m < 60) return `${m} мин`;
		return `${Math.floor(m / 60)} ч ${m % 60} мин`;
	}
};

const en: typeof ru = {
	title: 'Hall monitor',
	wallTitle: 'The hall now',
	office: 'Office',
	wallMode: 'Wall screen',
	leaveWall: 'Leave wall mode',
	soundOn: 'Alert sound: on',
	soundOff: 'Alert sound: off',
	live: 'Live data',
	connecting: 'Connecting…',
	offline: 'Offline — showing the last data',
	noOffice: 'You administer no office.',
	today: 'Today',
	issued: 'Tickets issued',
	served: 'Served',
	noShow: 'No-shows',
	meanWait: 'Mean wait',
	services: 'Queue by service',
	service: 'Service',
	waiting: 'Waiting',
	longest: 'Longest',
	estimate: 'Estimate',
	target: 'Target',
	level: { green: 'on target', amber: 'near the target', red: 'over the target' },
	desks: 'Desks',
	deskState: { open: 'Open', paused: 'Paused', closed: 'Closed' },
	deskTitle: (n) => `Desk ${n}`,
	idle: 'free',
	pausedFor: (d) => `paused ${d}`,
	calling: (n, d) => `calling ${n} · ${d}`,
	serving: (n, d) => `serving ${n} · ${d}`,
	noOperator: 'no operator',
	alerts: 'Alerts',
	noAlerts: 'No alerts',
	ack: 'Seen',
	alertOverTarget: (ticket, service) => `Ticket ${ticket} (${service}) has waited past the target`,
	alertPaused: (desk, d) => `Desk ${desk} has been paused for ${d}`,
	alertPrinter: (name, state) => `${name}: ${state}`,
	alertOffline: (name, kind) => `${kind === 'kiosk' ? 'Kiosk' : 'Board'} “${name}” is offline`,
	printer: {
		online: 'printer OK',
		paper_out: 'the printer is out of paper',
		cover_open: 'the printer cover is open',
		offline: 'the printer does not answer',
		no_agent: 'no printer (the print agent is offline)'
	},
	since: (t) => `since ${t}`,
	devices: 'Devices',
	deviceOnline: 'online',
	deviceOffline: 'offline',
	duration: (sec) => {
		const m = Math.floor(sec / 60);
		if (sec === 0) return '0 min';
		if (m < 1) return '< 1 min';
		if (m < 60) return `${m} min`;
		return `${Math.floor(m / 60)} h ${m % 60} min`;
	}
};

export const liveMessages = (locale: Locale) => (locale === 'en' ? en : ru);
