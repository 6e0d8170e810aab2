import { describe, expect, expectTypeOf, it } from 'vitest';
import {
	commandNames,
	commands,
	deskCommandNames,
	type CallNextData,
	type ClientToServerEvents,
	type CommandData,
	type CommandInput,
	type CommandName
} from './commands';
import type { Ack } from './contract';
import type { DeskView, TicketView } from './types';
import type { PrinterStatus } from '$lib/kiosk/types';
import { send } from './send';
import { ACTIONS, actionRequest, commandOf, TICKET_ACTIONS, type DeskAction } from '$lib/desk/commands';

/**
 * The contract is one map (./commands.ts); these checks pin what is derived from it. The
 * `expectTypeOf` lines are checked by the type checker (`npm run check`), not at run time:
 * renaming or removing an event, or changing its input or answer, makes them fail there.
 */
const ALL = [
	'office:join',
	'office:snapshot',
	'desk:join',
	'ticket:join',
	'ticket:issue',
	'desk:call-next',
	'ticket:recall',
	'ticket:start',
	'ticket:finish',
	'ticket:no-show',
	'ticket:return',
	'ticket:transfer',
	'desk:open',
	'desk:pause',
	'desk:resume',
	'desk:close',
	'kiosk:issue',
	'kiosk:reprint',
	'kiosk:printer',
	'print:pending',
	'print:ack',
	'printer:status',
	// live dashboard and rating pad (issue 12, live)
	'rating:pad',
	'live:join',
	'live:ack'
] as const;

describe('the realtime contract', () => {
	it('names every client-to-server event once', () => {
		expectTypeOf<CommandName>().toEqualTypeOf<(typeof ALL)[number]>();
		expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<(typeof ALL)[number]>();
		expect([...commandNames].sort()).toEqual([...ALL].sort());
	});

	it("types each event's request and acknowledgement from its map entry", () => {
		expectTypeOf<CommandInput<'desk:call-next'>>().toEqualTypeOf<{ deskId: number }>();
		expectTypeOf<CommandData<'desk:call-next'>>().toEqualTypeOf<CallNextData>();
		expectTypeOf<CommandInput<'ticket:finish'>>().toEqualTypeOf<{ deskId: number; ticketId: number }>();
		expectTypeOf<CommandData<'ticket:finish'>>().toEqualTypeOf<TicketView>();
		expectTypeOf<CommandData<'desk:pause'>>().toEqualTypeOf<DeskView>();
		expectTypeOf<CommandInput<'print:ack'>>().toEqualTypeOf<{ installationId: string; jobIds: number[] }>();
		expectTypeOf<Parameters<ClientToServerEvents['kiosk:printer']>[1]>().toEqualTypeOf<(ack: Ack<PrinterStatus>) => void>();
		// The client's `send` answers with the event's own acknowledgement.
		expectTypeOf(send<'kiosk:printer'>).returns.resolves.toEqualTypeOf<Ack<PrinterStatus>>();
		expectTypeOf(send<'desk:call-next'>)
			.parameter(2)
			.toEqualTypeOf<{ deskId: number }>();
	});

	it('every command has a zod schema that refuses a malformed request', () => {
		for (const name of commandNames) expect(commands[name].input.safeParse('not an object').success, name).toBe(false);
	});
});

describe('lists derived from the contract', () => {
	it('the desk guard covers exactly the commands that act at one desk', () => {
		expect([...deskCommandNames].sort()).toEqual(
			[
				'desk:call-next',
				'desk:close',
				'desk:open',
				'desk:pause',
				'desk:resume',
				'ticket:finish',
				'ticket:no-show',
				'ticket:recall',
				'ticket:return',
				'ticket:start',
				'ticket:transfer'
			].sort()
		);
	});

	it('the console has one action per desk command, each sending its own event', () => {
		type Expected =
			'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'returnToQueue' | 'transfer' | 'open' | 'pause' | 'resume' | 'close';
		expectTypeOf<DeskAction>().toEqualTypeOf<Expected>();
		expectTypeOf(commandOf.callNext).toEqualTypeOf<'desk:call-next'>();
		expect(ACTIONS).toHaveLength(deskCommandNames.length);
		for (const action of ACTIONS) expect(commands[commandOf[action]].scope).toBe('desk');
		expect(commandOf).toMatchObject({
			callNext: 'desk:call-next',
			noShow: 'ticket:no-show',
			returnToQueue: 'ticket:return',
			close: 'desk:close'
		});
	});

	it("actions about the current visitor send its ticket id, the desk's own actions only the desk", () => {
		expect([...TICKET_ACTIONS].sort()).toEqual(['finish', 'noShow', 'recall', 'returnToQueue', 'start', 'transfer']);
		expect(actionRequest('finish', 3, 42)).toEqual({ deskId: 3, ticketId: 42 });
		expect(actionRequest('transfer', 3, 42, { toDeskId: 5 })).toEqual({ deskId: 3, ticketId: 42, toDeskId: 5 });
		expect(actionRequest('callNext', 3, 42)).toEqual({ deskId: 3 });
		expect(actionRequest('pause', 3, null)).toEqual({ deskId: 3 });
	});
});
