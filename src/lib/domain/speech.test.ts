import { describe, expect, it } from 'vitest';
import { callPhrases, voicePackClips } from './speech';
import { enCallPhrase } from './speech-en';
import { ruCallPhrase, RU_LETTERS } from './speech-ru';

describe('the board’s calls in both languages', () => {
	it('every prefix letter with every number 1–999 uses only clips the pack holds', () => {
		const ids = new Set(voicePackClips().map((c) => c.id));
		const prefixes = [...Object.keys(RU_LETTERS), ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
		const missing: string[] = [];
		for (const p of prefixes) {
			for (let n = 1; n <= 999; n++) {
				const label = p + String(n).padStart(3, '0');
				for (const u of [ruCallPhrase(label, n), enCallPhrase(label, n)]) {
					if (u.clips.length < 4) missing.push(`${label}: no clips`);
					for (const c of u.clips) if (!ids.has(c)) missing.push(`${label}: ${c}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});

	it('both: Russian first, then English', () => {
		expect(callPhrases('both', 'С001', 2).map((u) => u.lang)).toEqual(['ru', 'en']);
		expect(callPhrases('en', 'С001', 2).map((u) => u.text)).toEqual(['Ticket S one, please go to window two']);
	});
});
