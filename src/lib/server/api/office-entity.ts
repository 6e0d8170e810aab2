import type { z } from 'zod';
import type { ErrorCode } from '$lib/errors';
import type { TalonApp } from '$lib/server/app';
import { adminOffice } from '$lib/server/catalogue/office';
import { removal, type Removal } from '$lib/schemas/catalogue';
import { officeEntityPath } from '$lib/schemas/catalogue-params';
import { endpoint } from './endpoint';

/** The caller's admin scope, as `adminOffice` finds it. */
type Scope = Awaited<ReturnType<typeof adminOffice>>['scope'];

/** What differs between the `PATCH` and `DELETE` of one kind of catalogue entry. */
export interface OfficeEntityOperations<B extends z.ZodType, R extends z.ZodType> {
	update: {
		id: string;
		summary: string;
		body: B;
		/** The changed entry as answered. */
		answer: R;
		/** Refusals besides `office_not_found`. */
		errors: readonly ErrorCode[];
		run: (ctx: TalonApp['ctx'], scope: Scope, officeId: number, id: number, patch: z.output<B>) => Promise<z.input<R>>;
	};
	remove: {
		id: string;
		summary: string;
		description: string;
		errors: readonly ErrorCode[];
		run: (ctx: TalonApp['ctx'], scope: Scope, officeId: number, id: number) => Promise<Removal>;
	};
}

/**
 * `PATCH` and `DELETE` of `/api/v1/admin/offices/{office}/<entries>/{id}` (categories, services,
 * desks): a staff member acting in an office of their scope (403 outside it, 404
 * `office_not_found`) on one entry by its numeric id; deleting answers `Removal` (deleted, or
 * archived when history refers to it). A route declares only what differs:
 *
 * ```ts
 * export const { PATCH, DELETE } = officeEntity({
 *   update: { id: 'adminUpdateDesk', summary: '…', body: deskPatch, answer: adminDesk, errors: ['desk_not_found'], run: updateDesk },
 *   remove: { id: 'adminDeleteDesk', summary: '…', description: '…', errors: ['desk_not_found'], run: removeDesk }
 * });
 * ```
 */
export function officeEntity<B extends z.ZodType, R extends z.ZodType>({ update, remove }: OfficeEntityOperations<B, R>) {
	const shared = { tags: ['admin'], auth: ['staff'], params: officeEntityPath } as const;
	return {
		PATCH: endpoint(
			{
				...shared,
				id: update.id,
				summary: update.summary,
				// With B and R still generic here, endpoint()'s conditional types cannot be worked out;
				// these say what they come to for any B and R.
				body: update.body as z.ZodType<z.output<B>>,
				responses: { 200: update.answer as z.ZodType<unknown, z.input<R>> },
				errors: ['office_not_found', ...update.errors]
			},
			async ({ app, principal, params, body }) => {
				const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
				return update.run(app.ctx, scope, office.id, params.id, body);
			}
		),
		DELETE: endpoint(
			{
				...shared,
				id: remove.id,
				summary: remove.summary,
				description: remove.description,
				responses: { 200: removal },
				errors: ['office_not_found', ...remove.errors]
			},
			async ({ app, principal, params }) => {
				const { scope, office } = await adminOffice(app.db.sql, principal.staff, params.office);
				return remove.run(app.ctx, scope, office.id, params.id);
			}
		)
	};
}
