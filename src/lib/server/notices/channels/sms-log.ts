import { log } from '$lib/server/log';
import { countSms } from '$lib/domain/sms-segments';
import type { Channel } from './channel';
import { maskEmail, maskPhone } from '../mask';

/**
 * `SMS_PROVIDER=log` (the default): what would be sent is written to the log, the phone masked,
 * so a newcomer sees the notices without an SMS contract. Also e-mail when `SMTP_URL` is unset.
 */
export function logSms(): Channel {
	return {
		name: 'sms',
		provider: 'log',
		async send(n) {
			const { segments, encoding } = countSms(n.body.text);
			log.info({ notice: n.id, to: maskPhone(n.recipient), segments, encoding, text: n.body.text }, 'SMS (SMS_PROVIDER=log, not sent)');
			return { providerId: null };
		}
	};
}

export function logEmail(): Channel {
	return {
		name: 'email',
		provider: 'log',
		async send(n) {
			log.info({ notice: n.id, to: maskEmail(n.recipient), subject: n.body.subject ?? '' }, 'e-mail (SMTP_URL unset, not sent)');
			return { providerId: null };
		}
	};
}
