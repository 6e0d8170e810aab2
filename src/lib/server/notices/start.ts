import { hostname } from 'node:os';
import type { Sql } from '$lib/server/db/connect';
import type { Config } from '$lib/server/config';
import type { Job } from '$lib/server/jobs/scheduler';
import { log } from '$lib/server/log';
import { channelsFromConfig } from './channels';
import { createSender, type Sender } from './sender';
import { noticeJobs } from './jobs';
import { vapidKeys, vapidSubject, webPush } from './channels/web-push';

/** The notices of the running server: the outbox sender (started) and the reminder job. */
export async function startNotices(sql: Sql, config: Config): Promise<{ sender: Sender; jobs: Job[] }> {
	const push = webPush({ keys: await vapidKeys(sql), subject: vapidSubject(config.ORIGIN) });
	const channels = channelsFromConfig(sql, config, { push });
	const sender = createSender({
		sql,
		channels,
		pollMs: config.TALON_NOTICE_POLL_MS,
		ratePerSecond: config.TALON_NOTICE_RATE,
		node: `${hostname()}:${process.pid}`
	});
	sender.start();
	log.info({ sms: channels.sms?.provider, email: channels.email?.provider, push: push.provider }, 'notices');
	return { sender, jobs: noticeJobs };
}
