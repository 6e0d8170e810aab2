// The kiosk agent: `npm run kiosk -- --server URL --token T --printer tcp://HOST:9100 | usb | serial:/dev/ttyUSB0 | file:PATH`
// Runs on the kiosk PC next to Chromium; prints the kiosk's tickets on its ESC/POS printer.
import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parsePrinter } from './printer';
import { startAgent } from './run-agent';

const usage = `usage: npm run kiosk -- --server URL --token TOKEN --printer SPEC [options]

  --server URL          Talon server, e.g. http://talon.local:3000
  --token TOKEN         the kiosk's device token (npx talon device add --kind kiosk)
  --printer SPEC        tcp://HOST:9100 | usb | usb:/dev/usb/lpN | serial:/dev/ttyUSB0 | file:PATH
  --public-url URL      address in the ticket's QR code (default: --server)
  --columns N           characters per line: 48 for 80 mm paper (default), 32 for 58 mm
  --codepage-mapping M  how the printer numbers code page 866: epson (default), xprinter, pos-8360, star, citizen, bixolon
  --state DIR           where the journal of printed jobs is kept (default ~/.talon-kiosk)
`;

function main() {
	let args;
	try {
		args = parseArgs({
			options: {
				server: { type: 'string' },
				token: { type: 'string', default: process.env.TALON_KIOSK_TOKEN },
				printer: { type: 'string' },
				'public-url': { type: 'string' },
				columns: { type: 'string', default: '48' },
				'codepage-mapping': { type: 'string', default: 'epson' },
				state: { type: 'string', default: join(homedir(), '.talon-kiosk') },
				help: { type: 'boolean', short: 'h' }
			}
		}).values;
	} catch (e) {
		console.error(`${(e as Error).message}\n\n${usage}`);
		process.exit(2);
	}
	if (args.help) {
		console.log(usage);
		return;
	}
	if (!args.server || !args.token || !args.printer) {
		console.error(`--server, --token and --printer are required\n\n${usage}`);
		process.exit(2);
	}
	const columns = Number(args.columns);
	if (!Number.isInteger(columns) || columns < 24 || columns > 64) {
		console.error('--columns must be a whole number between 24 and 64');
		process.exit(2);
	}
	const mappings = ['epson', 'xprinter', 'pos-8360', 'star', 'citizen', 'bixolon'] as const;
	const mapping = mappings.find((m) => m === args['codepage-mapping']);
	if (!mapping) {
		console.error(`--codepage-mapping must be one of ${mappings.join(', ')}`);
		process.exit(2);
	}
	let printer;
	try {
		printer = parsePrinter(args.printer);
	} catch (e) {
		console.error((e as Error).message);
		process.exit(2);
	}
	const agent = startAgent({
		server: args.server,
		token: args.token.trim().toLowerCase(),
		printer,
		journalFile: join(args.state!, 'printed.log'),
		layout: { publicUrl: args['public-url'], columns, codepageMapping: mapping },
		afterPrint: process.env.TALON_AGENT_TEST_EXIT_AFTER_PRINT ? () => process.exit(9) : undefined
	});
	const stop = async () => {
		await agent.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main();
