import { ZodError } from 'zod';
import type { Tx } from '$lib/server/db/connect';
import { clock, runCommand, type EngineContext } from '$lib/server/queue/context';
import { EventType } from '$lib/realtime/types';
import { assertOfficeInScope, type AdminScope } from '$lib/server/admin/scope';
import { officeCatalogue } from '$lib/server/queue/snapshot';
import { localDay } from '$lib/domain/local-day';

/** What part of an office's configuration changed; the `data.what` of a `config.changed` event. */
export type ConfigPart = 'services' | 'categories' | 'desks';

/**
 * Runs one change of an office's catalogue or desks: the caller's scope is checked, the office's
 * row is locked first (so two administrators, or an import and a form, cannot give two services
 * one prefix), and the change's last step appends a `config.changed` event to the office's log
 * carrying the office's new catalogue (categories, services, desks as the snapshot has them),
 * which the publisher sends only after the commit: open kiosks, boards and desk consoles apply it
 * (docs/realtime.md). A refusal rolls everything back, the audit row included.
 */
export function configChange<T>(
	ctx: EngineContext,
	scope: AdminScope,
	officeId: number,
	what: ConfigPart,
	body: (tx: Tx) => Promise<T>
): Promise<T> {
	return runCommand(ctx, async (tx, emit) => {
		assertOfficeInScope(scope, officeId);
		const [office] = await tx<{ timeZone: string }[]>`select time_zone from offices where id = ${officeId} for update`;
		const result = await body(tx);
		// The new catalogue rides on the event: a hundred kiosks apply it without a hundred snapshots.
		const now = clock(ctx);
		const catalogue = office ? await officeCatalogue(tx, officeId, localDay(now, office.timeZone)) : null;
		emit({
			officeId,
			type: EventType.configChanged,
			at: now.toISOString(),
			ticket: null,
			desk: null,
			staffId: scope.staffId,
			deviceId: null,
			data: { what, catalogue }
		});
		return result;
	});
}

/** A refusal of one input field, answered like a schema's: 400 `invalid_input` naming the field. */
export function fieldError(field: string, message: string): ZodError {
	return new ZodError([{ code: 'custom', path: [field], message, input: undefined }]);
}
