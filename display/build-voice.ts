/**
 * Builds the board's offline voice pack: one short MP3 clip (16 kHz mono, 32 kbit/s: a Vorbis file carries ~4 KiB of codebooks, more than a one-word clip itself) per clip id of
 * `voicePackClips()` (numbers, letters, fixed words, in Russian and English) plus a chime, into
 * `display/voice/`, and a `manifest.json` the board reads to know which clips exist. The board
 * concatenates clips at play time; a clip missing from the manifest is said by the Web Speech API.
 *
 * Needs Debian's `espeak-ng` and `sox` (with `libsox-fmt-all`) on the machine that BUILDS the
 * pack; the clips are committed, so nothing else needs them.
 *
 *   apt-get install -y espeak-ng sox libsox-fmt-all
 *   npx tsx display/build-voice.ts                 # espeak-ng (the committed pack)
 *   npx tsx display/build-voice.ts --engine festival --out /tmp/voice-festival   # to compare
 *
 * Why espeak-ng and not festival + festvox-ru: see display/README.md (measured on this machine).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { voicePackClips } from '../src/lib/domain/speech.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
	options: { engine: { type: 'string', default: 'espeak' }, out: { type: 'string', default: join(here, 'voice') } }
});
const engine = values.engine === 'festival' ? 'festival' : 'espeak';
const out = values.out!;
const tmp = mkdtempSync(join(tmpdir(), 'talon-voice-'));

function synth(lang: 'ru' | 'en', text: string, wav: string) {
	if (engine === 'espeak') {
		// ru: 145 words/min and a slightly low pitch read calmly; a clip is one word or two.
		execFileSync('espeak-ng', ['-v', lang === 'ru' ? 'ru' : 'en-us', '-s', '145', '-p', '42', '-a', '160', '-w', wav, text]);
	} else {
		const txt = join(tmp, 'in.txt');
		writeFileSync(txt, text);
		const voice = lang === 'ru' ? '(voice_msu_ru_nsh_clunits)' : '(voice_kal_diphone)';
		execFileSync('text2wave', ['-eval', voice, txt, '-o', wav]);
	}
}

function encode(wav: string, mp3: string) {
	// Trim leading/trailing silence, add 40 ms so joined words do not run into each other,
	// normalise to -1 dBFS so every clip has the same loudness, 16 kHz mono MP3.
	execFileSync('sox', [
		wav,
		'-r',
		'16000',
		'-c',
		'1',
		'-C',
		'32',
		mp3,
		'silence',
		'1',
		'0.02',
		'0.5%',
		'reverse',
		'silence',
		'1',
		'0.02',
		'0.5%',
		'reverse',
		'pad',
		'0.02',
		'0.04',
		'norm',
		'-1'
	]);
}

rmSync(out, { recursive: true, force: true });
const manifest: { engine: string; format: string; sampleRate: number; clips: Record<string, number> } = {
	engine:
		engine === 'espeak'
			? `espeak-ng ${execFileSync('espeak-ng', ['--version']).toString().split(/\s+/)[2] ?? ''}`.trim()
			: 'festival + festvox-ru (msu_ru_nsh_clunits)',
	format: 'audio/mpeg',
	sampleRate: 16000,
	clips: {}
};
let total = 0;
for (const clip of voicePackClips()) {
	const file = join(out, `${clip.id}.mp3`);
	mkdirSync(dirname(file), { recursive: true });
	const wav = join(tmp, 'clip.wav');
	synth(clip.lang, clip.say, wav);
	encode(wav, file);
	const size = statSync(file).size;
	manifest.clips[clip.id] = size;
	total += size;
}
// The chime: two soft sine notes (E5 then C5, the classic "ding-dong"), each fading out.
const chime = join(out, 'chime.mp3');
const ding = join(tmp, 'ding.wav');
const dong = join(tmp, 'dong.wav');
execFileSync('sox', ['-n', '-r', '16000', '-c', '1', ding, 'synth', '0.45', 'sine', '659.25', 'fade', 'q', '0.01', '0.45', '0.35']);
execFileSync('sox', ['-n', '-r', '16000', '-c', '1', dong, 'synth', '0.9', 'sine', '523.25', 'fade', 'q', '0.01', '0.9', '0.8']);
execFileSync('sox', [ding, dong, '-C', '32', chime, 'gain', '-6', 'pad', '0', '0.15']);
manifest.clips.chime = statSync(chime).size;
total += manifest.clips.chime;
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
rmSync(tmp, { recursive: true, force: true });
console.log(`${Object.keys(manifest.clips).length} clips, ${(total / 1024).toFixed(1)} KiB in ${out}`);
