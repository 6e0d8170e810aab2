import type { Sql } from '$lib/server/db/connect';

/** Records a provider's delivery report (SMPP `deliver_sm` receipt) on the notice it names. */
export async function recordDeliveryReport(sql: Sql, r: { providerId: string; state: string }, at: Date): Promise<boolean> {
	const rows = await sql`
		update notifications set delivery = ${r.state.slice(0, 20)}, delivered_at = ${at}
		where provider_id = ${r.providerId} and channel = 'sms' returning id`;
	return rows.length > 0;
}
