import type { Tx } from '$lib/server/db/connect';
import type { PendingQuery, Row } from 'postgres';

/**
 * Move up/down within a list of siblings (services of one category, categories of one parent):
 * the siblings are renumbered 0..n-1 in their current order with the moved one swapped with its
 * neighbour, so gaps and ties left by earlier edits disappear. At either end it stays put.
 */
export async function moveAmongSiblings(
	tx: Tx,
	table: 'services' | 'service_categories',
	siblings: PendingQuery<Row[]>,
	id: number,
	direction: 'up' | 'down'
): Promise<void> {
	const rows = await tx<{ id: number }[]>`select id from ${tx(table)} where ${siblings} order by sort, id`;
	const ids = rows.map((r) => r.id);
	const i = ids.indexOf(id);
	const j = direction === 'up' ? i - 1 : i + 1;
	if (i < 0 || j < 0 || j >= ids.length) return;
	[ids[i], ids[j]] = [ids[j]!, ids[i]!];
	await tx`
		update ${tx(table)} t set sort = v.sort from (select unnest(${ids}::int[]) as id, generate_subscripts(${ids}::int[], 1) - 1 as sort) v
		where t.id = v.id`;
}
