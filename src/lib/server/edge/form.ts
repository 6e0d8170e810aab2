import { fail, isHttpError, isRedirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { TalonError } from '$lib/errors';
import type { StaffRole } from '$lib/domain/states';
import type { FormFailure } from '$lib/forms/form';
import { fieldErrorMap } from '$lib/i18n/forms';
import type { Locale } from '$lib/i18n/locale';
import { requireStaff } from '$lib/server/auth/guard';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { toErrorBody } from './errors';
import { formInput, sentValues } from './form-data';

/**
 * The one wrapper of every SvelteKit form action: who may post (staff roles), read the form with
 * the action's zod schema, run the action, and turn any refusal into `fail(status, FormFailure)`
 * through the one mapping of errors (`toErrorBody`), in the reader's language, with the sent
 * values to put back. `redirect()` and `error()` pass through untouched.
 *
 * ```ts
 * export const actions = {
 *   save: formAction(serviceForm, async ({ input, staff }) => {
 *     await saveService((await app()).db.sql, staff, input);
 *     return { saved: true };
 *   }, { staff: ['admin'] })
 * } satisfies Actions;
 * ```
 */
export interface FormContext<I, S, E extends RequestEvent> {
	/** The form, parsed by the schema (numbers, checkboxes and lists already converted). */
	input: I;
	event: E;
	/** The signed-in staff member: always there with the `staff` option, else possibly null. */
	staff: S;
	locale: Locale;
}

/** `true`: any signed-in staff member; a list: one of these roles (403 otherwise). Signed out: to /login. */
type StaffRule = true | readonly StaffRole[];

export interface FormOptions<I, S, E extends RequestEvent, X> {
	staff?: StaffRule;
	/** Runs before the form is read, e.g. a rate limit that must count refused posts too. */
	before?: (event: E) => unknown;
	/** This form's own words for some fields (by name), in place of the generic ones. */
	messages?: (locale: Locale) => Readonly<Record<string, string>>;
	/** More facts for the page when the action refuses with a typed error (e.g. other free times). */
	refused?: (error: TalonError, ctx: FormContext<I, S, E>) => X | Promise<X>;
	/** Fields never sent back to the page; any name containing "password" never is either. */
	secret?: readonly string[];
}

type Handler<E extends RequestEvent, R, X> = (event: E) => Promise<R | ActionFailure<FormFailure & Partial<X>>>;

export function formAction<Sc extends z.ZodType, R, E extends RequestEvent = RequestEvent, X extends object = object>(
	schema: Sc,
	run: (ctx: FormContext<z.output<Sc>, StaffPrincipal, E>) => Promise<R>,
	options: FormOptions<z.output<Sc>, StaffPrincipal, E, X> & { staff: StaffRule }
): Handler<E, R, X>;
export function formAction<Sc extends z.ZodType, R, E extends RequestEvent = RequestEvent, X extends object = object>(
	schema: Sc,
	run: (ctx: FormContext<z.output<Sc>, StaffPrincipal | null, E>) => Promise<R>,
	options?: FormOptions<z.output<Sc>, StaffPrincipal | null, E, X> & { staff?: undefined }
): Handler<E, R, X>;
// The overloads type `staff` for the action; inside, it is null only when `options.staff` is unset.
export function formAction<Sc extends z.ZodType, R, E extends RequestEvent, X extends object>(
	schema: Sc,
	run: (ctx: FormContext<z.output<Sc>, StaffPrincipal, E>) => Promise<R>,
	options: FormOptions<z.output<Sc>, StaffPrincipal, E, X> = {}
): Handler<E, R, X> {
	return async (event) => {
		const locale = event.locals.locale;
		let values: FormFailure['values'] = {};
		let ctx: FormContext<z.output<Sc>, StaffPrincipal, E> | null = null;
		try {
			const staff = options.staff
				? requireStaff(event.locals, event.url, { roles: options.staff === true ? undefined : options.staff })
				: event.locals.staff;
			await options.before?.(event);
			const form = await readForm(event.request);
			values = sentValues(form, options.secret);
			const input = await schema.parseAsync(formInput(schema, form), { error: fieldErrorMap(locale) });
			ctx = { input, event, staff: staff as StaffPrincipal, locale };
			return await run(ctx);
		} catch (e) {
			if (isRedirect(e) || isHttpError(e)) throw e;
			const { status, body } = toErrorBody(e, locale);
			const extra = e instanceof TalonError && ctx && options.refused ? await options.refused(e, ctx) : {};
			const failure: FormFailure = {
				error: { code: body.code, message: body.message },
				fields: fieldMessages(body.fields ?? {}, options.messages?.(locale) ?? {}),
				values
			};
			return fail(status, { ...extra, ...failure } as FormFailure & Partial<X>);
		}
	};
}

/** A body that is not a form is the sender's mistake, not ours. */
async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new TalonError('invalid_input', { field: 'body' });
	}
}

/** `toErrorBody`'s fields are zod paths (`documents.2`); a page knows its fields by name (`documents`). */
function fieldMessages(byPath: Record<string, string>, own: Readonly<Record<string, string>>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [path, message] of Object.entries(byPath)) {
		const name = path.split('.')[0]!;
		out[name] ??= own[name] ?? message;
	}
	return out;
}
