import { enCallPhrase, enClips } from './speech-en';
import { ruCallPhrase, ruClips } from './speech-ru';

/**
 * What a hall board says when a ticket is called, in Russian (speech-ru.ts) and English
 * (speech-en.ts): «Талон П сорок два, пройдите к окну пять».
 *
 * A phrase is built as a list of **clip ids** (the offline voice pack in `display/voice/` has one
 * short recording per id) and as plain text (for the Web Speech API when a clip is missing, and
 * for screen readers). Pure: no browser, no clock. Clip ids are ASCII (`ru/40`, `ru/letter-pe`)
 * so they are safe file names.
 */

export type SpeechLang = 'ru' | 'en';

export interface Utterance {
	lang: SpeechLang;
	/** Clip ids in play order (`ru/talon`, `ru/letter-pe`, `ru/40`, `ru/2`, `ru/go-to-window`, `ru/5`). */
	clips: string[];
	/** The phrase as a person reads it: «Талон П сорок два, пройдите к окну пять». */
	text: string;
	/** The phrase for a speech synthesiser: letters spelled by name («Талон пэ сорок два, ...»). */
	spoken: string;
}

/** One recording of the voice pack and the text the synthesiser reads for it. */
export interface VoiceClip {
	id: string;
	lang: SpeechLang;
	say: string;
}

/** Which phrases a board says: Russian, English, or Russian then English. */
export type VoiceMode = 'ru' | 'en' | 'both';

export function callPhrases(mode: VoiceMode, ticketNumber: string, desk: number): Utterance[] {
	if (mode === 'ru') return [ruCallPhrase(ticketNumber, desk)];
	if (mode === 'en') return [enCallPhrase(ticketNumber, desk)];
	return [ruCallPhrase(ticketNumber, desk), enCallPhrase(ticketNumber, desk)];
}

/**
 * Every clip a complete pack holds. The pack build script (`display/build-voice.ts`) records
 * exactly these; a test checks that every phrase uses only ids from this list.
 */
export function voicePackClips(): VoiceClip[] {
	return [...ruClips(), ...enClips()];
}
