import { connect, type Socket } from 'node:net';
import { access, appendFile, constants } from 'node:fs/promises';

/**
 * Where the bytes go. `tcp://HOST:9100` (a network printer's raw port: the only transport that
 * answers, so the only one where DLE EOT tells paper-out and cover-open), `usb` (the kernel's
 * usblp device, /dev/usb/lp0 unless given: `usb:/dev/usb/lp1`), `serial:/dev/ttyUSB0` (set the
 * line with `stty -F /dev/ttyUSB0 9600 raw` once), `file:PATH` (appends; for tests and demos).
 * None needs a native module: USB and serial printers are character devices of the kernel.
 */
export type PrinterReading = 'online' | 'paper_out' | 'cover_open' | 'offline';

export interface Printer {
	readonly description: string;
	/** Resolves once every byte was handed to the printer; rejects with PrinterNotReady otherwise. */
	print(bytes: Uint8Array): Promise<void>;
	status(): Promise<PrinterReading>;
}

export class PrinterNotReady extends Error {
	constructor(
		readonly reading: PrinterReading,
		detail?: string
	) {
		super(detail ?? `printer ${reading}`);
	}
}

/** DLE EOT 2 (offline cause) and DLE EOT 4 (roll paper sensor): real-time, answered at once. */
export const STATUS_QUERY = Uint8Array.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);

/** Reads the two status bytes (Epson's ESC/POS reference: fixed bits 0x12 set, bit 7 clear). */
export function readStatusBytes(offline: number, paper: number): PrinterReading {
	if ((offline & 0x04) !== 0) return 'cover_open';
	if ((offline & 0x20) !== 0 || (paper & 0x60) === 0x60) return 'paper_out';
	return 'online';
}

export function parsePrinter(spec: string, opts: { timeoutMs?: number } = {}): Printer {
	if (spec.startsWith('tcp://')) {
		const url = new URL(spec);
		return new TcpPrinter(url.hostname, Number(url.port || 9100), opts.timeoutMs ?? 3000);
	}
	if (spec === 'usb') return new DevicePrinter('/dev/usb/lp0', 'usb');
	if (spec.startsWith('usb:')) return new DevicePrinter(spec.slice(4), 'usb');
	if (spec.startsWith('serial:')) return new DevicePrinter(spec.slice(7), 'serial');
	if (spec.startsWith('file:')) return new DevicePrinter(spec.slice(5), 'file');
	throw new Error(`unknown printer "${spec}": use tcp://HOST:9100, usb, usb:/dev/usb/lpN, serial:/dev/ttyUSB0 or file:PATH`);
}

/** One operation at a time: a printer's raw port takes one connection. */
class Lock {
	private tail: Promise<unknown> = Promise.resolve();
	run<T>(fn: () => Promise<T>): Promise<T> {
		const next = this.tail.then(fn, fn);
		this.tail = next.catch(() => {});
		return next;
	}
}

export class TcpPrinter implements Printer {
	readonly description: string;
	private readonly lock = new Lock();
	constructor(
		private readonly host: string,
		private readonly port: number,
		private readonly timeoutMs: number
	) {
		this.description = `tcp://${host}:${port}`;
	}

	status(): Promise<PrinterReading> {
		return this.lock.run(async () => {
			let socket: Socket | null = null;
			try {
				socket = await this.open();
				return await this.query(socket);
			} catch {
				return 'offline';
			} finally {
				socket?.destroy();
			}
		});
	}

	print(bytes: Uint8Array): Promise<void> {
		return this.lock.run(async () => {
			let socket: Socket;
			try {
				socket = await this.open();
			} catch (e) {
				throw new PrinterNotReady('offline', (e as Error).message);
			}
			try {
				// Ask first, in the same connection: bytes sent to a printer without paper would
				// print later for nobody while the visitor left without a ticket.
				const reading = await this.query(socket);
				if (reading !== 'online') throw new PrinterNotReady(reading);
				await new Promise<void>((resolve, reject) => {
					socket.once('error', reject);
					socket.end(bytes, () => resolve());
				});
			} catch (e) {
				socket.destroy();
				throw e instanceof PrinterNotReady ? e : new PrinterNotReady('offline', (e as Error).message);
			}
		});
	}

	private open(): Promise<Socket> {
		return new Promise((resolve, reject) => {
			const socket = connect({ host: this.host, port: this.port });
			const timer = setTimeout(() => {
				socket.destroy();
				reject(new Error('connect timeout'));
			}, this.timeoutMs);
			socket.once('connect', () => {
				clearTimeout(timer);
				socket.setNoDelay(true);
				resolve(socket);
			});
			socket.once('error', (e) => {
				clearTimeout(timer);
				reject(e);
			});
		});
	}

	private query(socket: Socket): Promise<PrinterReading> {
		return new Promise((resolve, reject) => {
			const got: number[] = [];
			const done = (fn: () => void) => {
				clearTimeout(timer);
				socket.off('data', onData);
				socket.off('close', onClose);
				fn();
			};
			const onData = (chunk: Buffer) => {
				got.push(...chunk);
				if (got.length >= 2) done(() => resolve(readStatusBytes(got[0]!, got[1]!)));
			};
			const onClose = () => done(() => reject(new Error('closed while reading status')));
			const timer = setTimeout(() => done(() => reject(new Error('no status answer'))), this.timeoutMs);
			socket.on('data', onData);
			socket.once('close', onClose);
			socket.write(STATUS_QUERY);
		});
	}
}

/** A character device or a file: writes only, so it knows "there" or "not there", not paper. */
export class DevicePrinter implements Printer {
	readonly description: string;
	private readonly lock = new Lock();
	constructor(
		private readonly path: string,
		kind: string
	) {
		this.description = `${kind}:${path}`;
	}
	status(): Promise<PrinterReading> {
		return this.lock.run(async () => {
			try {
				await access(this.path, constants.W_OK);
				return 'online';
			} catch (e) {
				// A plain file that does not exist yet is fine: appending creates it.
				return (e as NodeJS.ErrnoException).code === 'ENOENT' && !this.path.startsWith('/dev/') ? 'online' : 'offline';
			}
		});
	}
	print(bytes: Uint8Array): Promise<void> {
		return this.lock.run(async () => {
			try {
				await appendFile(this.path, bytes);
			} catch (e) {
				throw new PrinterNotReady('offline', (e as Error).message);
			}
		});
	}
}
