import type { Sql } from '$lib/server/db/connect';
import type { Config } from '$lib/server/config';
import type { Channel } from './channel';
import type { ChannelName } from '../outbox';
import { logEmail, logSms } from './sms-log';
import { webhookSms } from './sms-webhook';
import { smppSms } from './smpp';
import { smtpEmail } from './email';
import { recordDeliveryReport } from '../delivery';

export class ChannelConfigError extends Error {}

type NoticeConfig = Pick<Config, 'SMS_PROVIDER' | 'SMS_URL' | 'SMS_SECRET' | 'SMPP_URL' | 'SMS_FROM' | 'SMTP_URL' | 'SMTP_FROM'>;

/** The channels the settings choose (see settings.js); throws naming a missing companion setting. */
export function channelsFromConfig(
	sql: Sql,
	c: NoticeConfig,
	extra: Partial<Record<ChannelName, Channel>> = {}
): Partial<Record<ChannelName, Channel>> {
	let sms: Channel;
	if (c.SMS_PROVIDER === 'webhook') {
		if (!c.SMS_URL || !c.SMS_SECRET) throw new ChannelConfigError('SMS_PROVIDER=webhook needs SMS_URL and SMS_SECRET');
		sms = webhookSms({ url: c.SMS_URL, secret: c.SMS_SECRET });
	} else if (c.SMS_PROVIDER === 'smpp') {
		if (!c.SMPP_URL) throw new ChannelConfigError('SMS_PROVIDER=smpp needs SMPP_URL');
		sms = smppSms({ url: c.SMPP_URL, from: c.SMS_FROM, onReceipt: async (r) => void (await recordDeliveryReport(sql, r, new Date())) });
	} else sms = logSms();
	const email = c.SMTP_URL ? smtpEmail({ url: c.SMTP_URL, from: c.SMTP_FROM }) : logEmail();
	return { sms, email, ...extra };
}
