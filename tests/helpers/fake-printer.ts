import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A fake network ESC/POS printer on 127.0.0.1: keeps every byte it receives (status queries
 * excepted) and answers DLE EOT 2 / DLE EOT 4 like an Epson would. Tests switch it off (refuses
 * connections), out of paper, cover open, or slow to answer.
 */
export class FakePrinter {
	private server: Server | null = null;
	private readonly sockets = new Set<Socket>();
	/** Job bytes received, status queries removed. */
	received: number[] = [];
	/** When each chunk of job bytes arrived (ms, performance.now()). */
	arrivals: { at: number; length: number }[] = [];
	state: 'online' | 'paper_out' | 'cover_open' = 'online';
	/** Delay before answering a status query (a slow or hung printer). */
	answerDelayMs = 0;
	port = 0;
	private chunkListeners: (() => void)[] = [];

	async start(port = 0): Promise<this> {
		this.server = createServer((socket) => this.accept(socket));
		await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
		this.port = (this.server!.address() as AddressInfo).port;
		return this;
	}

	get url(): string {
		return `tcp://127.0.0.1:${this.port}`;
	}

	/** Stops listening and drops connections: the printer is off. */
	async stop(): Promise<void> {
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
		this.server = null;
	}

	onBytes(fn: () => void): void {
		this.chunkListeners.push(fn);
	}

	private accept(socket: Socket) {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => {});
		socket.on('data', (chunk) => {
			const bytes = [...chunk];
			const job: number[] = [];
			for (let i = 0; i < bytes.length; i++) {
				if (bytes[i] === 0x10 && bytes[i + 1] === 0x04 && (bytes[i + 2] === 2 || bytes[i + 2] === 4 || bytes[i + 2] === 1)) {
					this.answer(socket, bytes[i + 2]!);
					i += 2;
				} else job.push(bytes[i]!);
			}
			if (job.length) {
				this.received.push(...job);
				this.arrivals.push({ at: performance.now(), length: job.length });
				for (const fn of this.chunkListeners) fn();
			}
		});
	}

	private answer(socket: Socket, n: number) {
		// Fixed bits: 0b0001_0010. DLE EOT 2: bit 2 cover open, bit 5 paper end. DLE EOT 4: bits 5-6 paper end.
		let byte = 0x12;
		if (n === 2 && this.state === 'cover_open') byte |= 0x04;
		if (n === 2 && this.state === 'paper_out') byte |= 0x20;
		if (n === 4 && this.state === 'paper_out') byte |= 0x60;
		const send = () => !socket.destroyed && socket.write(Uint8Array.from([byte]));
		if (this.answerDelayMs > 0) setTimeout(send, this.answerDelayMs);
		else send();
	}
}
