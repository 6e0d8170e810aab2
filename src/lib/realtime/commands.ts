import type { z } from 'zod';
import * as schema from '$lib/schemas/common';
import type { CallReason } from '$lib/domain/call-policy';
import type { DeskView, OfficeSnapshot, TicketView } from './types';
import { returns, type Ack, type CommandSpec, type DataOf } from './contract';
import { kioskCommands } from './kiosk-events';
import { liveCommands } from './live-events';

/**
 * Every client-to-server event of Talon, in one map (docs/realtime.md): its input schema (zod,
 * in src/lib/schemas), who may send it (`scope`) and the data of its acknowledgement. The
 * Socket.IO event types, the server's handlers (src/lib/server/realtime/on.ts), the client's
 * `send` (./send.ts), the desk guard's list and the console's buttons all come from here.
 */
export const queueCommands = {
	/** Join the office room (staff of the office, or a device paired to it). */
	'office:join': { input: schema.officeRequest, scope: 'office', returns: returns<{ officeId: number; seq: number }>() },
	/** The office's snapshot; apply `queue:event`s with a greater `seq` on top. */
	'office:snapshot': { input: schema.officeRequest, scope: 'office', returns: returns<OfficeSnapshot>() },
	/** Join a desk's room (its operator, or a display of the office for the desk indicator). */
	'desk:join': { input: schema.deskRequest, scope: 'office', returns: returns<{ deskId: number }>() },
	/** Anyone holding a ticket's public code may follow it. */
	'ticket:join': { input: schema.ticketJoinRequest, scope: 'public', returns: returns<TicketStatusData>() },
	/** Staff (`source` desk or phone) or a kiosk (always `kiosk`). */
	'ticket:issue': { input: schema.issueRequest, scope: 'issue', returns: returns<IssuedTicketData>() },
	'desk:call-next': { input: schema.deskRequest, scope: 'desk', action: 'callNext', returns: returns<CallNextData>() },
	'ticket:recall': { input: schema.deskTicketRequest, scope: 'desk', action: 'recall', returns: returns<TicketView>() },
	'ticket:start': { input: schema.deskTicketRequest, scope: 'desk', action: 'start', returns: returns<TicketView>() },
	'ticket:finish': { input: schema.deskTicketRequest, scope: 'desk', action: 'finish', returns: returns<TicketView>() },
	'ticket:no-show': { input: schema.deskTicketRequest, scope: 'desk', action: 'noShow', returns: returns<TicketView>() },
	'ticket:return': { input: schema.returnRequest, scope: 'desk', action: 'returnToQueue', returns: returns<TicketView>() },
	'ticket:transfer': { input: schema.transferRequest, scope: 'desk', action: 'transfer', returns: returns<TicketView>() },
	'desk:open': { input: schema.deskRequest, scope: 'desk', action: 'open', returns: returns<DeskView>() },
	'desk:pause': { input: schema.deskRequest, scope: 'desk', action: 'pause', returns: returns<DeskView>() },
	'desk:resume': { input: schema.deskRequest, scope: 'desk', action: 'resume', returns: returns<DeskView>() },
	'desk:close': { input: schema.deskRequest, scope: 'desk', action: 'close', returns: returns<DeskView>() }
} as const satisfies Record<string, CommandSpec>;

export const commands = { ...queueCommands, ...kioskCommands, ...liveCommands } as const satisfies Record<string, CommandSpec>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a client sends (before zod's defaults and transforms). */
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
/** What a handler receives: the input after validation. */
export type CommandRequest<K extends CommandName> = z.output<Commands[K]['input']>;
/** The `data` of the command's acknowledgement. */
export type CommandData<K extends CommandName> = DataOf<Commands[K]>;

/** The Socket.IO client-to-server event map, as socket.io's generics want it. */
export type ClientToServerEvents = {
	[K in CommandName]: (req: CommandInput<K>, cb: (ack: Ack<CommandData<K>>) => void) => void;
};

export const commandNames = Object.keys(commands) as CommandName[];

/** Commands that act at one desk: the desk guard checks that the desk is the operator's. */
export type DeskCommandName = { [K in CommandName]: Commands[K]['scope'] extends 'desk' ? K : never }[CommandName];
const isDeskCommand = (name: CommandName): name is DeskCommandName => commands[name].scope === 'desk';
export const deskCommandNames: readonly DeskCommandName[] = commandNames.filter(isDeskCommand);

export interface IssuedTicketData {
	ticket: TicketView;
	publicCode: string;
	ahead: number;
	estimatedWaitSec: number | null;
	duplicate: boolean;
}

export interface CallNextData {
	ticket: TicketView | null;
	reason: CallReason | null;
}

export interface TicketStatusData {
	publicCode: string;
	number: string;
	state: TicketView['state'];
	serviceNameRu: string;
	serviceNameEn: string;
	ahead: number;
	estimatedWaitSec: number | null;
	deskNumber: number | null;
}
