import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { adminScope } from '$lib/server/admin/scope';
import {
	deleteDayException,
	getBookingPlan,
	listDayExceptions,
	previewBookingPlan,
	putBookingPlan,
	putDayException
} from '$lib/server/admin/booking-plan';
import { formAction } from '$lib/server/edge/form';
import { pageLoad } from '$lib/server/edge/page';
import { bookingPlan, dayException } from '$lib/schemas/admin-plan';
import { adminPlanMessages } from '$lib/i18n/admin-plan';

/** Weekly hours, day exceptions and booking rules of an office, on one page. */
export const load = pageLoad(async ({ locals, url, params }) => {
	const scope = adminScope(requireStaff(locals, url, { roles: ['admin', 'supervisor'] }));
	const sql = (await app()).db.sql;
	return { plan: await getBookingPlan(sql, scope, params.office), exceptions: await listDayExceptions(sql, scope, params.office) };
}) satisfies PageServerLoad;

const days = [1, 2, 3, 4, 5, 6, 7] as const;
const time = z.string().trim();
/** The form is flat (`works1`, `open1`…): a refusal points at the very field, not at `week`. */
const rules = z.object({
	sharePercent: z.int().min(0).max(100),
	stepMin: bookingPlan.shape.stepMin,
	minLeadMin: bookingPlan.shape.minLeadMin,
	horizonDays: bookingPlan.shape.horizonDays,
	beforeMin: bookingPlan.shape.beforeMin,
	afterMin: bookingPlan.shape.afterMin,
	latePolicy: bookingPlan.shape.latePolicy,
	retentionDays: bookingPlan.shape.retentionDays,
	publicHolidays: z.boolean()
});
const planForm = z
	.object({
		...rules.shape,
		...Object.fromEntries(
			days.flatMap((d) => [
				[`works${d}`, z.boolean()],
				[`open${d}`, time],
				[`close${d}`, time],
				[`breakStart${d}`, time],
				[`breakEnd${d}`, time]
			])
		)
	})
	.transform((f, ctx) => {
		const v = f as Record<string, string | boolean>;
		const week = days
			.filter((d) => v[`works${d}`])
			.map((d) => ({
				weekday: d,
				open: v[`open${d}`] as string,
				close: v[`close${d}`] as string,
				breakStart: (v[`breakStart${d}`] as string) || null,
				breakEnd: (v[`breakEnd${d}`] as string) || null
			}));
		const parsed = bookingPlan.shape.week.safeParse(week);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const [i, field] = issue.path as [number, string];
				ctx.addIssue({ code: 'custom', message: 'time', path: [`${field ?? 'open'}${week[i]?.weekday ?? ''}`] });
			}
			return z.NEVER;
		}
		const { sharePercent, stepMin, minLeadMin, horizonDays, beforeMin, afterMin, latePolicy, retentionDays, publicHolidays } =
			f as unknown as z.output<typeof rules>;
		return {
			bookingShare: sharePercent / 100,
			stepMin,
			minLeadMin,
			horizonDays,
			beforeMin,
			afterMin,
			latePolicy,
			retentionDays,
			publicHolidays,
			week: parsed.data
		};
	});

const exceptionForm = z
	.object({ day: z.iso.date(), kind: z.enum(['closed', 'open']), open: time, close: time, note: z.string().trim().max(200) })
	.transform((f, ctx) => {
		const e = f.kind === 'closed' ? { day: f.day, kind: 'closed' as const, note: f.note } : { ...f, breakStart: null, breakEnd: null };
		const parsed = dayException.safeParse(e);
		if (!parsed.success) {
			ctx.addIssue({ code: 'custom', message: 'time', path: [String(parsed.error.issues[0]?.path[0] ?? 'open')] });
			return z.NEVER;
		}
		return parsed.data;
	});

const timeWords = (l: 'ru' | 'en') => {
	const m = adminPlanMessages(l).fieldErrors.time;
	return Object.fromEntries(
		days
			.flatMap((d) => ['open', 'close', 'breakStart', 'breakEnd'].map((f) => [`${f}${d}`, m]))
			.concat([
				['open', m],
				['close', m]
			])
	);
};
const roles = ['admin', 'supervisor'] as const;

export const actions = {
	plan: formAction(
		planForm,
		async ({ input, staff, event }) => {
			await putBookingPlan((await app()).db.sql, adminScope(staff), event.params.office, input);
			return { saved: true };
		},
		{ staff: roles, messages: timeWords }
	),
	/** The same form, not saved: the next 7 days' free places per service under these values. */
	preview: formAction(
		planForm,
		async ({ input, staff, event }) => ({
			previewed: input,
			preview: await previewBookingPlan((await app()).db.sql, adminScope(staff), event.params.office, input, new Date())
		}),
		{ staff: roles, messages: timeWords }
	),
	addException: formAction(
		exceptionForm,
		async ({ input, staff, event }) => {
			await putDayException((await app()).db.sql, adminScope(staff), event.params.office, input);
			return { saved: true };
		},
		{ staff: roles, messages: timeWords }
	),
	removeException: formAction(
		z.object({ day: z.iso.date() }),
		async ({ input, staff, event }) => {
			await deleteDayException((await app()).db.sql, adminScope(staff), event.params.office, input.day);
			return { saved: true };
		},
		{ staff: roles }
	)
} satisfies Actions;
