import { commands, deskCommandNames, type CommandInput, type Commands, type DeskCommandName } from '$lib/realtime/commands';

/**
 * The operator console's actions, derived from the realtime contract (src/lib/realtime/commands.ts):
 * each desk command (scope `desk`) names its console action, so a button exists for every desk
 * command and none for a command that is gone.
 */
export type DeskAction = Commands[DeskCommandName]['action'];

/** The event each console action sends (`open`/`close` are the desk's shift). */
export const commandOf = Object.fromEntries(deskCommandNames.map((name) => [commands[name].action, name])) as {
	[K in DeskCommandName as Commands[K]['action']]: K;
};

export const ACTIONS: readonly DeskAction[] = deskCommandNames.map((name) => commands[name].action);

/** Desk commands about the desk's current visitor: their input carries `ticketId`. */
type TicketCommandName = { [K in DeskCommandName]: CommandInput<K> extends { ticketId: number } ? K : never }[DeskCommandName];
export type TicketAction = Commands[TicketCommandName]['action'];
const takesTicket = (name: DeskCommandName): name is TicketCommandName => 'ticketId' in commands[name].input.shape;
export const TICKET_ACTIONS: ReadonlySet<DeskAction> = new Set(deskCommandNames.filter(takesTicket).map((name) => commands[name].action));

/** Where a transfer goes, from the transfer dialog. */
export type TransferTarget = Pick<CommandInput<'ticket:transfer'>, 'toServiceId' | 'toDeskId' | 'comment'>;

/** The request of a console action at `deskId`, about the current ticket where the action needs one. */
export function actionRequest(
	action: DeskAction,
	deskId: number,
	ticketId: number | null,
	extra: TransferTarget = {}
): CommandInput<DeskCommandName> {
	return TICKET_ACTIONS.has(action) && ticketId !== null ? { deskId, ticketId, ...extra } : { deskId };
}
