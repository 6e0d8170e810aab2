import type { ErrorCode } from '$lib/errors';

/**
 * What a form action returns when it refuses (`fail(status, FormFailure)`, built by
 * `formAction` in $lib/server/edge/form.ts), and the helpers a page uses to show it. Every
 * message is already in the reader's language.
 */
export interface FormFailure {
	/** Why, for the form as a whole: the typed error's code and message. */
	error: { code: ErrorCode; message: string };
	/** A message per field name (`<input name>`) that was not accepted; `_` for the form as a whole. */
	fields: Record<string, string>;
	/** What was sent, to put back into the form (passwords are never sent back). */
	values: Record<string, string | string[]>;
}

/** The action result as a page receives it: a failure, something else, or nothing yet. */
type Result = Partial<FormFailure> | null | undefined;

/**
 * The message for the form as a whole (for a `role="alert"` above it): the refusal's own, unless
 * every problem is a field's and is shown at that field.
 */
export function formError(form: Result): string | null {
	if (!form?.error) return null;
	const fields = form.fields ?? {};
	if (fields._) return fields._;
	return Object.keys(fields).length ? null : form.error.message;
}

/** The message for one field, or null. */
export function fieldError(form: Result, name: string): string | null {
	return form?.fields?.[name] ?? null;
}

/** The id of a field's message, for `aria-describedby`. */
export const errorId = (name: string, scope = 'f') => `${scope}-${name}-error`;

/**
 * Attributes that tie a field to its message: `<input name="phone" {...invalid(form, 'phone')} />`
 * beside `<FieldError {form} name="phone" />`. Empty when the field was accepted.
 */
export function invalid(form: Result, name: string, scope?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	return fieldError(form, name) ? { 'aria-invalid': 'true', 'aria-describedby': errorId(name, scope) } : {};
}

/** A sent value to put back into a text field ('' when none). */
export function sent(form: Result, name: string): string {
	const v = form?.values?.[name];
	return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
