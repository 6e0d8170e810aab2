import { expect, talonTest } from './harness/fixture';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink';
import { setBookingPlan } from '../../src/lib/server/booking/plan';

/**
 * The stop link of e-mails over HTTP, against the production server with a real SMTP server
 * (smtp-server) behind SMTP_URL: a booking's confirmation carries the link and the RFC 8058
 * headers; opening the link only asks (ru and en), the page's button stops, and so does a mail
 * client's one-click POST, which comes without our Origin — while every other cross-site form
 * post is still refused. A changed link is refused in words and changes nothing.
 * (That the stop holds back the next reminder: tests/integration/notices-booking-stop.test.ts.)
 */
const test = talonTest();
let smtp: SmtpSink;

test.beforeAll(async () => {
	smtp = await startSmtpSink();
});
test.afterAll(async () => {
	await smtp?.close();
});

const allDay = { openMin: 0, closeMin: 1440 };
const mailTo = (address: string) => smtp.received.find((m) => m.to.includes(address));
function unsubscribeLink(m: ReceivedMail): URL {
	const value = m.headers.get('list-unsubscribe')?.[0] ?? '';
	return new URL(/^<([^>]+)>$/.exec(value)![1]!);
}
/**
 * What a mail provider sends when its user presses «unsubscribe» (RFC 8058 §3.2): no Origin, no
 * cookie, `Accept: *\/*`. SvelteKit answers such a POST to a form action with its action JSON
 * (HTTP 200; the outcome in `type` and `status`), as it does for a page's own script.
 */
async function oneClick(link: URL): Promise<{ status: number; type?: string; code?: number }> {
	const res = await fetch(link, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: 'List-Unsubscribe=One-Click'
	});
	const text = await res.text();
	if (!res.headers.get('content-type')?.startsWith('application/json')) return { status: res.status };
	const body = JSON.parse(text) as { type: string; status: number };
	return { status: res.status, type: body.type, code: body.status };
}
const tamper = (link: URL) => {
	const bad = new URL(link);
	bad.searchParams.set(
		'sig',
		link.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))
	);
	return bad;
};

test('a booking e-mail: link and one-click headers; the page asks, the button or a one-click POST stops; a changed link is refused', async ({
	launchTalon,
	browser
}) => {
	test.setTimeout(120_000);
	const talon = await launchTalon({
		seed: async (sql, demo) => {
			await setBookingPlan(
				sql,
				demo.officeId,
				{ minLeadMin: 0, publicHolidays: false },
				{ 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay }
			);
			return { officeId: demo.officeId };
		},
		env: { SMTP_URL: smtp.url, SMTP_FROM: 'MFC <noreply@mfc.example>', TALON_NOTICE_POLL_MS: '200' }
	});
	const api = (path: string, init?: RequestInit) => fetch(`${talon.url}/api/v1${path}`, init).then((r) => r.json());
	const { days } = (await api('/offices/central/slots?service=1')) as { days: { day: string }[] };
	const { slots } = (await api(`/offices/central/slots?service=1&date=${days.at(-1)!.day}`)) as { slots: { startsAt: string }[] };
	const book = async (startsAt: string, phone: string, email: string) => {
		const res = await fetch(`${talon.url}/api/v1/offices/central/bookings`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ serviceId: 1, startsAt, name: 'Анна Смирнова', phone, email, consent: true })
		});
		expect(res.status).toBe(201);
		const made = (await res.json()) as { booking: { code: string }; token: string };
		const [row] = await talon.withDatabase((sql) => sql<{ id: number }[]>`select id from bookings where code = ${made.booking.code}`);
		return { ...made, id: row!.id };
	};
	const anna = await book(slots[0]!.startsAt, '+79165550001', 'anna@example.ru');
	const boris = await book(slots[1]!.startsAt, '+79165550002', 'boris@example.ru');
	await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBe(2);
	const stopped = () =>
		talon.withDatabase((sql) => sql<{ code: string }[]>`select code from bookings where emails_stopped_at is not null order by code`);

	// The confirmation: the link ends the text and is the List-Unsubscribe header, with One-Click.
	const mail = mailTo('anna@example.ru')!;
	expect(mail.headers.get('list-unsubscribe-post')).toEqual(['List-Unsubscribe=One-Click']);
	const link = unsubscribeLink(mail);
	expect(link.origin + link.pathname).toBe(`${talon.url}/book/stop/${anna.id}`);
	expect(mail.text).toContain(`Не присылать больше писем об этой записи: ${link.href}`);

	// A changed link: refused in words, by the page and by a POST; nothing stops.
	const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
	await page.goto(tamper(link).href);
	await expect(page.getByRole('alert')).toHaveText(
		'Ссылка неверна или устарела, ничего не изменено. Откройте ссылку из письма целиком, без изменений.'
	);
	await expect(page.getByRole('button', { name: 'Не присылать письма' })).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('book-stop-bad.png') });
	expect(await oneClick(tamper(link))).toEqual({ status: 200, type: 'failure', code: 404 });
	expect(await oneClick(new URL(`${talon.url}/book/stop/${boris.id}${link.search}`))).toEqual({
		status: 200,
		type: 'failure',
		code: 404
	});
	expect(await stopped()).toEqual([]);

	// Opening the real link asks, says what stops and what stays, and stops nothing yet.
	await page.goto(link.href);
	await expect(page.getByText(`Больше не присылать на a***@example.ru письма о записи ${anna.booking.code}`)).toBeVisible();
	await expect(page.getByText('Сама запись остаётся в силе')).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('book-stop-ask.png') });
	expect(await stopped()).toEqual([]);
	// In English too (the language link keeps the signature).
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByText(`Stop e-mails about booking ${anna.booking.code}`)).toBeVisible();
	await expect(page.getByText('The booking itself stays')).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('book-stop-ask-en.png') });
	await page.getByRole('link', { name: 'Русский' }).click();
	await page.getByRole('button', { name: 'Не присылать письма' }).click();
	await expect(page.getByRole('status')).toHaveText('Готово: писем об этой записи на этот адрес больше не будет. Запись остаётся в силе.');
	await page.screenshot({ path: test.info().outputPath('book-stop-done.png') });
	expect(await stopped()).toEqual([{ code: anna.booking.code }]);

	// Boris's mail client: one POST to the header's link, no Origin, no page.
	const borisLink = unsubscribeLink(mailTo('boris@example.ru')!);
	expect(await oneClick(borisLink)).toEqual({ status: 200, type: 'success', code: 200 });
	expect((await stopped()).map((r) => r.code).sort()).toEqual([anna.booking.code, boris.booking.code].sort());
	// Opened again later, the page says so rather than asking.
	await page.goto(borisLink.href);
	await expect(page.getByText('Письма об этой записи на этот адрес уже не присылаются.')).toBeVisible();

	// Only the stop links are open to cross-site posts: cancelling by the manage link is not.
	const cancel = await fetch(`${talon.url}/book/manage/${anna.token}?/cancel`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
		body: ''
	});
	expect(cancel.status).toBe(403);
	expect(await cancel.text()).toBe('Cross-site POST form submissions are forbidden');
	const [state] = await talon.withDatabase((sql) => sql<{ state: string }[]>`select state from bookings where id = ${anna.id}`);
	expect(state!.state).toBe('booked');
});

test("a ticket alert e-mail: the same headers, and a mail client's one-click stops the alert", async ({ launchTalon }) => {
	const talon = await launchTalon({
		seed: async (_sql, demo) => ({ kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token }),
		env: { SMTP_URL: smtp.url, SMTP_FROM: 'MFC <noreply@mfc.example>', TALON_NOTICE_POLL_MS: '200' }
	});
	const issued = await fetch(`${talon.url}/api/v1/offices/central/tickets`, {
		method: 'POST',
		headers: { authorization: `Bearer ${talon.data.kioskToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ serviceId: 1 })
	});
	const { publicCode } = (await issued.json()) as { publicCode: string };
	const alerts = `${talon.url}/api/v1/tickets/${publicCode}/alerts`;
	const set = await fetch(alerts, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ channel: 'email', to: 'dina@example.ru' })
	});
	expect(set.status).toBe(201);
	// Nobody ahead: "перед вами 0" is sent at once.
	await expect.poll(() => mailTo('dina@example.ru') !== undefined, { timeout: 20_000 }).toBe(true);
	const mail = mailTo('dina@example.ru')!;
	expect(mail.headers.get('list-unsubscribe-post')).toEqual(['List-Unsubscribe=One-Click']);
	const link = unsubscribeLink(mail);
	expect(link.pathname).toBe(`/t/${publicCode}/stop`);
	expect(mail.text).toContain(`Отписаться: ${link.href}`);

	expect(await oneClick(tamper(link))).toEqual({ status: 200, type: 'failure', code: 404 });
	expect(await talon.withDatabase((sql) => sql`select channel from ticket_alerts`)).toHaveLength(1);
	expect(await oneClick(link)).toEqual({ status: 200, type: 'success', code: 200 });
	expect(await talon.withDatabase((sql) => sql`select channel from ticket_alerts`)).toHaveLength(0);
});
