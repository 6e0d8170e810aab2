import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parsePrinter } from './printer';
import type { AgentOptions } from './run-agent';

export const usage = `usage: npm run kiosk -- --server URL --token TOKEN --printer SPEC [options]

  --server URL          Talon server, e.g. http://talon.local:3000
  --token TOKEN         the kiosk's device token (npx talon device add --kind kiosk)
  --printer SPEC        tcp://HOST:9100 | usb | usb:/dev/usb/lpN | serial:/dev/ttyUSB0 | file:PATH
  --public-url URL      address in the ticket's QR code (default: --server)
  --columns N           characters per line: 48 for 80 mm paper (default), 32 for 58 mm
  --codepage-mapping M  how the printer numbers code page 866: epson (default), xprinter, pos-8360, star, citizen, bixolon
  --state DIR           where the journal of printed jobs is kept (default ~/.talon-kiosk)
`;

export type AgentArgs = { kind: 'run'; options: AgentOptions } | { kind: 'help' } | { kind: 'error'; message: string };

/** Reads the agent's command line (and `TALON_KIOSK_TOKEN`) into its options, or says what is wrong. */
export function agentArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentArgs {
	let args;
	try {
		args = parseArgs({
			args: argv,
			options: {
				server: { type: 'string' },
				token: { type: 'string', default: env.TALON_KIOSK_TOKEN },
				printer: { type: 'string' },
				'public-url': { type: 'string' },
				columns: { type: 'string', default: '48' },
				'codepage-mapping': { type: 'string', default: 'epson' },
				state: { type: 'string', default: join(homedir(), '.talon-kiosk') },
				help: { type: 'boolean', short: 'h' }
			}
		}).values;
	} catch (e) {
		return { kind: 'error', message: `${(e as Error).message}\n\n${usage}` };
	}
	if (args.help) return { kind: 'help' };
	if (!args.server || !args.token || !args.printer)
		return { kind: 'error', message: `--server, --token and --printer are required\n\n${usage}` };
	const columns = Number(args.columns);
	if (!Number.isInteger(columns) || columns < 24 || columns > 64)
		return { kind: 'error', message: '--columns must be a whole number between 24 and 64' };
	const mappings = ['epson', 'xprinter', 'pos-8360', 'star', 'citizen', 'bixolon'] as const;
	const mapping = mappings.find((m) => m === args['codepage-mapping']);
	if (!mapping) return { kind: 'error', message: `--codepage-mapping must be one of ${mappings.join(', ')}` };
	let printer;
	try {
		printer = parsePrinter(args.printer);
	} catch (e) {
		return { kind: 'error', message: (e as Error).message };
	}
	return {
		kind: 'run',
		options: {
			server: args.server,
			token: args.token.trim().toLowerCase(),
			printer,
			journalFile: join(args.state!, 'printed.log'),
			layout: { publicUrl: args['public-url'], columns, codepageMapping: mapping }
		}
	};
}
