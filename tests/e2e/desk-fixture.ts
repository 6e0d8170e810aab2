import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { expect, talonTest, type TalonServer } from './harness/fixture';
import { addStaffUser } from '../../src/lib/server/auth/staff';

/**
 * The desk and sign-in tests need staff whose passwords they know, which the demo seed (random
 * passwords printed once) cannot give them: operators alice, bob and carol and admin boss in the
 * demo office, and a second office "north" with its own desk and operator nora (for "an operator
 * cannot act on another office's desk"). Both spec files share this one server.
 */
export const PASSWORD = 'desk-e2e-password';

export interface DeskData {
	centralId: number;
	northId: number;
	northDeskId: number;
	kioskToken: string;
}

export type DeskTalon = TalonServer<DeskData>;

export const test = talonTest<DeskData>({
	seed: async (sql, demo) => {
		const [north] = await sql<{ id: number }[]>`
			insert into offices (slug, name_ru, name_en, time_zone) values ('north', 'МФЦ «Северный»', 'North Centre', 'Europe/Moscow') returning id`;
		const [svc] = await sql<{ id: number }[]>`
			insert into services (office_id, name_ru, name_en, prefix, duration_min, target_wait_min) values (${north!.id}, 'Справки', 'Certificates', 'С', 10, 15) returning id`;
		const [desk] = await sql<{ id: number }[]>`insert into desks (office_id, number, name) values (${north!.id}, 1, 'Окно 1') returning id`;
		await sql`insert into desk_services (desk_id, service_id, priority) values (${desk!.id}, ${svc!.id}, 10)`;
		const users = [
			{ login: 'alice', roles: ['operator' as const], officeIds: [demo.officeId], displayName: 'Алиса Петрова' },
			{ login: 'bob', roles: ['operator' as const], officeIds: [demo.officeId], displayName: 'Борис Смирнов' },
			{ login: 'carol', roles: ['operator' as const], officeIds: [demo.officeId], displayName: 'Карина Лебедева' },
			{ login: 'nora', roles: ['operator' as const], officeIds: [north!.id], displayName: 'Нора Северова' },
			{ login: 'boss', roles: ['admin' as const], officeIds: [demo.officeId], displayName: 'Администратор' }
		];
		for (const u of users) await addStaffUser(sql, { ...u, password: PASSWORD });
		return {
			centralId: demo.officeId,
			northId: north!.id,
			northDeskId: desk!.id,
			kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token
		};
	}
});

export { expect };

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, login: string, password = PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Логин').fill(login);
	await page.getByLabel('Пароль').fill(password);
	await page.getByRole('button', { name: 'Войти' }).click();
}

/** A fresh browser (own cookies) signed in as `login`, at the console with `desk` chosen. */
export async function operatorAt(browser: Browser, baseURL: string, login: string, desk: number): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } });
	const page = await context.newPage();
	await signIn(page, login);
	await expect(page).toHaveURL(/\/desk/);
	await page.getByRole('button', { name: new RegExp(`^Окно ${desk}\\b`) }).click();
	await expect(page.getByText('На связи')).toBeVisible();
	// A closed desk is opened once at the start of the shift.
	const open = page.getByRole('button', { name: 'Открыть окно' });
	if (await open.isVisible()) await open.click();
	await expect(page.getByTestId('desk-state')).toHaveText('Приём открыт');
	return page;
}

/** Issues a ticket as the hall's kiosk does (device token), returning its number. */
export async function kioskTicket(
	request: APIRequestContext,
	talon: DeskTalon,
	serviceId: number
): Promise<{ id: number; number: string; arrivedAt: string }> {
	const res = await request.post(`/api/v1/offices/central/tickets`, {
		headers: { authorization: `Bearer ${talon.data.kioskToken}` },
		data: { serviceId }
	});
	expect(res.status()).toBe(201);
	return (await res.json()).ticket;
}

export async function serviceId(request: APIRequestContext, prefix: string): Promise<number> {
	const res = await request.get('/api/v1/offices/central/services');
	const body = await res.json();
	const list = (Array.isArray(body) ? body : body.services) as { id: number; prefix: string }[];
	return list.find((s) => s.prefix === prefix)!.id;
}

/** A Node-side Socket.IO client carrying (or not) a session cookie: for forged events. */
export function rawSocket(baseURL: string, cookie?: string): Promise<Socket> {
	const socket = io(baseURL, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

export function emit<T = unknown>(
	socket: Socket,
	event: string,
	payload: unknown
): Promise<{ data?: T; error?: { code: string; message: string } }> {
	return new Promise((resolve) => socket.emit(event, payload, resolve));
}
