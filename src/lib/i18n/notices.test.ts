import { describe, expect, it } from 'vitest';
import { bookingNotice, otpNotice, ticketNotice, type BookingFacts } from './notices';
import { countSms } from '$lib/domain/sms-segments';

/** Every SMS template, at the longest values it can get, stays one segment in Russian. */
const longest: BookingFacts = {
	code: 'WWWWWW',
	startsAt: new Date('2026-12-31T20:45:00Z'),
	localDay: '2026-12-31',
	durationMin: 60,
	office: {
		nameRu: 'МФЦ',
		nameEn: 'MFC',
		addressRu: 'Российская Федерация, г. Санкт-Петербург, Большой Сампсониевский проспект, д. 100, корпус 2, литера А',
		addressEn: 'Russian Federation, Saint Petersburg, Bolshoy Sampsonievsky Avenue 100, building 2',
		timeZone: 'Europe/Moscow'
	},
	service: { nameRu: 'Паспорт', nameEn: 'Passport', documentsRu: [], documentsEn: [] },
	phone: '+79161234567'
};

describe('notice templates', () => {
	for (const locale of ['ru', 'en'] as const) {
		it.each(['booking_confirmed', 'booking_reminder', 'booking_moved', 'booking_cancelled'] as const)(
			`${locale} %s SMS is one segment`,
			(kind) => {
				const { text } = bookingNotice(locale, kind, 'sms', longest);
				expect(countSms(text).segments).toBe(1);
				expect(text).toContain('WWWWWW');
				expect(text).toContain('31.12 23:45');
				expect(text).not.toMatch(/https?:/);
			}
		);
		it(`${locale} ticket SMS are one segment`, () => {
			expect(countSms(ticketNotice(locale, 'ticket_ahead', 'sms', { number: 'Щ999', ahead: 10 }).text).segments).toBe(1);
			expect(countSms(ticketNotice(locale, 'ticket_called', 'sms', { number: 'Щ999', desk: 999 }).text).segments).toBe(1);
			expect(countSms(otpNotice(locale, '123456').text).segments).toBe(1);
		});
	}

	it('the Russian texts the visitor reads', () => {
		expect(ticketNotice('ru', 'ticket_ahead', 'sms', { number: 'А042', ahead: 2 }).text).toBe('Талон А042: перед вами 2');
		expect(ticketNotice('ru', 'ticket_called', 'sms', { number: 'А042', desk: 5 }).text).toBe('Талон А042: Вас вызывают к окну 5');
		// A short address is kept whole.
		expect(
			bookingNotice('ru', 'booking_confirmed', 'sms', { ...longest, office: { ...longest.office, addressRu: 'ул. Ленина, 1' } }).text
		).toBe('Запись WWWWWW: 31.12 23:45, ул. Ленина, 1');
	});

	it('every e-mail ends with its stop link, also given for the List-Unsubscribe header', () => {
		const stopUrl = 'https://t.example/book/stop/7?sig=s';
		for (const kind of ['booking_confirmed', 'booking_reminder', 'booking_moved', 'booking_cancelled'] as const) {
			const ru = bookingNotice('ru', kind, 'email', {
				...longest,
				stopUrl,
				...(kind === 'booking_confirmed' && { manageUrl: 'https://t.example/book/manage/x' })
			});
			expect(ru.subject).toBeTruthy();
			expect(ru.text.split('\n').at(-1)).toBe(`Не присылать больше писем об этой записи: ${stopUrl}`);
			expect(ru.unsubscribeUrl).toBe(stopUrl);
			const en = bookingNotice('en', kind, 'email', { ...longest, stopUrl });
			expect(en.text.split('\n').at(-1)).toBe(`Stop e-mails about this booking: ${stopUrl}`);
			expect(en.unsubscribeUrl).toBe(stopUrl);
			// The SMS never carries it.
			expect(bookingNotice('ru', kind, 'sms', { ...longest, stopUrl }).text).not.toContain('stop');
		}
		expect(
			bookingNotice('ru', 'booking_confirmed', 'email', { ...longest, stopUrl, manageUrl: 'https://t.example/book/manage/x' }).text
		).toContain('Ссылка для отмены или переноса: https://t.example/book/manage/x');
		const ticket = ticketNotice('ru', 'ticket_called', 'email', {
			number: 'А1',
			desk: 1,
			url: 'https://t.example/t/abc',
			stopUrl: 'https://t.example/t/abc/stop?channel=email&sig=s'
		});
		expect(ticket.text).toContain('Отписаться: https://t.example/t/abc/stop?channel=email&sig=s');
		expect(ticket.unsubscribeUrl).toBe('https://t.example/t/abc/stop?channel=email&sig=s');
	});
});
