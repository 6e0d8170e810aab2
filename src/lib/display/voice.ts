import type { Utterance } from '$lib/domain/speech';

/**
 * Plays a call on the board: the chime, then each utterance from the offline clip pack
 * (`/display/voice/...`, concatenated with the Web Audio API so words follow each other without
 * gaps), or with the Web Speech API when one of its clips is missing or fails to decode.
 * Browser-only.
 */
export interface VoicePlayer {
	play(utterances: Utterance[]): Promise<void>;
	/** Resumes audio after a user gesture (only needed without `--autoplay-policy=no-user-gesture-required`). */
	unlock(): Promise<void>;
	/** False while the browser keeps audio suspended (no autoplay permission yet). */
	readonly audible: boolean;
}

const base = '/display/voice';
const GAP_SEC = 0.35;

export function createVoicePlayer(opts: { chime?: boolean } = {}): VoicePlayer {
	let ctx: AudioContext | null = null;
	try {
		ctx = new AudioContext();
	} catch {
		ctx = null;
	}
	let manifest: Promise<Set<string>> | null = null;
	const buffers = new Map<string, Promise<AudioBuffer | null>>();

	function clipsAvailable(): Promise<Set<string>> {
		manifest ??= fetch(`${base}/manifest.json`)
			.then((r) => (r.ok ? r.json() : { clips: {} }))
			.then((m: { clips?: Record<string, number> }) => new Set(Object.keys(m.clips ?? {})))
			.catch(() => {
				manifest = null; // offline at start: try again next time
				return new Set<string>();
			});
		return manifest;
	}

	function buffer(id: string): Promise<AudioBuffer | null> {
		let b = buffers.get(id);
		if (!b) {
			b = fetch(`${base}/${id}.mp3`)
				.then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(String(r.status)))))
				.then((data) => ctx!.decodeAudioData(data))
				.catch(() => {
					buffers.delete(id);
					return null;
				});
			buffers.set(id, b);
		}
		return b;
	}

	/** Schedules buffers back to back; resolves when the last one has played (wall clock). */
	function playBuffers(list: AudioBuffer[]): Promise<void> {
		const c = ctx!;
		let t = c.currentTime + 0.05;
		for (const b of list) {
			const src = c.createBufferSource();
			src.buffer = b;
			src.connect(c.destination);
			src.start(t);
			t += b.duration;
		}
		const ms = (t - c.currentTime) * 1000;
		return new Promise((r) => setTimeout(r, ms));
	}

	function speak(u: Utterance): Promise<void> {
		return new Promise((resolve) => {
			if (typeof speechSynthesis === 'undefined') return resolve();
			const s = new SpeechSynthesisUtterance(u.spoken);
			s.lang = u.lang === 'ru' ? 'ru-RU' : 'en-US';
			s.rate = 0.9;
			const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(u.lang));
			if (voice) s.voice = voice;
			// Some engines never fire `end` (no voice installed): do not block the queue.
			const timer = setTimeout(resolve, 1000 + u.spoken.length * 120);
			s.onend = s.onerror = () => {
				clearTimeout(timer);
				resolve();
			};
			speechSynthesis.speak(s);
		});
	}

	async function sayOne(u: Utterance, available: Set<string>): Promise<void> {
		if (ctx && u.clips.length && u.clips.every((c) => available.has(c))) {
			const decoded = await Promise.all(u.clips.map(buffer));
			if (decoded.every((b): b is AudioBuffer => b !== null)) return playBuffers(decoded);
		}
		return speak(u);
	}

	return {
		async play(utterances) {
			// Without the autoplay flag and before any click, resume() may never settle: do not wait for it.
			if (ctx?.state === 'suspended') await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
			const available = await clipsAvailable();
			if (opts.chime !== false && ctx && available.has('chime')) {
				const chime = await buffer('chime');
				if (chime) await playBuffers([chime]);
			}
			for (const [i, u] of utterances.entries()) {
				if (i) await new Promise((r) => setTimeout(r, GAP_SEC * 1000));
				await sayOne(u, available);
			}
		},
		async unlock() {
			await Promise.race([ctx?.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
		},
		get audible() {
			return !ctx || ctx.state === 'running';
		}
	};
}
