import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { adminWorld, auditRows, type AdminWorld } from '../helpers/admin';
import { createBoardMessage, deleteBoardMessage, listBoardMessages, updateBoardMessage } from '../../src/lib/server/admin/board-messages';
import { boardMessages } from '../../src/lib/server/display/messages';
import { messageCreate } from '../../src/lib/schemas/admin-messages';

/** Board messages (issue 11, item 7): windows decide what boards show; scope; audit rows before → after. */
let db: TestDatabase;
let w: AdminWorld;

beforeAll(async () => {
	db = await createTestDatabase();
	w = await adminWorld(db.sql);
});
afterAll(() => db?.close());

const at = (iso: string) => new Date(iso);

describe('board messages', () => {
	it('a message shows on the boards only within its window and while active', async () => {
		const m = await createBoardMessage(
			db.sql,
			w.scope.supervisor,
			'north',
			messageCreate.parse({ textRu: 'Перерыв 13:00–13:45', startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T11:00:00Z' })
		);
		const always = await createBoardMessage(db.sql, w.scope.admin, w.north, messageCreate.parse({ textRu: 'Добро пожаловать', sort: -1 }));
		const shown = async (iso: string) => (await boardMessages(db.sql, w.north, at(iso))).map((x) => x.id);
		expect(await shown('2026-12-01T08:59:59Z')).toEqual([always.id]);
		expect(await shown('2026-12-01T09:00:00Z')).toEqual([always.id, m.id]);
		expect(await shown('2026-12-01T11:00:00Z')).toEqual([always.id]);
		await updateBoardMessage(db.sql, w.scope.supervisor, 'north', always.id, { active: false });
		expect(await shown('2026-12-01T10:00:00Z')).toEqual([m.id]);
		const listed = await listBoardMessages(db.sql, w.scope.admin, 'north', at('2026-12-01T10:00:00Z'));
		expect(listed.map((x) => [x.id, x.showing])).toEqual([
			[always.id, false],
			[m.id, true]
		]);
	});

	it('refuses an end before the start (schema and merged patch), other offices, unknown ids; writes nothing', async () => {
		expect(
			messageCreate.safeParse({ textRu: 'x', startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T09:00:00Z' }).error?.issues[0]?.path
		).toEqual(['endsAt']);
		const [m] = await listBoardMessages(db.sql, w.scope.admin, 'north');
		const before = await db.sql`select * from board_messages order by id`;
		const audits = (await auditRows(db.sql)).length;
		await expect(
			updateBoardMessage(db.sql, w.scope.admin, 'north', m!.id, { endsAt: '2000-01-01T00:00:00Z', startsAt: '2001-01-01T00:00:00Z' })
		).rejects.toMatchObject({
			code: 'invalid_input'
		});
		await expect(createBoardMessage(db.sql, w.scope.supervisor, 'south', messageCreate.parse({ textRu: 'Чужое' }))).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(updateBoardMessage(db.sql, w.scope.admin, 'south', m!.id, { textRu: 'Не тот офис' })).rejects.toMatchObject({
			code: 'board_message_not_found'
		});
		await expect(deleteBoardMessage(db.sql, w.scope.supervisor, 'south', m!.id)).rejects.toMatchObject({ code: 'forbidden' });
		expect(await db.sql`select * from board_messages order by id`).toEqual(before);
		expect((await auditRows(db.sql)).length).toBe(audits);
	});

	it('each change leaves its audit row: create, update (what changed), delete (what it was)', async () => {
		const m = await createBoardMessage(db.sql, w.scope.admin, 'north', messageCreate.parse({ textRu: 'Старый текст', textEn: 'Old' }));
		await updateBoardMessage(db.sql, w.scope.admin, 'north', m.id, { textRu: 'Новый текст', textEn: 'Old' });
		await deleteBoardMessage(db.sql, w.scope.supervisor, 'north', m.id);
		const rows = (await auditRows(db.sql)).filter((r) => r.entity === 'board_message' && r.entityId === String(m.id));
		expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
			['create', null, expect.objectContaining({ textRu: 'Старый текст', active: true })],
			['update', { textRu: 'Старый текст' }, { textRu: 'Новый текст' }],
			['delete', expect.objectContaining({ textRu: 'Новый текст' }), null]
		]);
		expect(rows[2]!.staffLogin).toBe('boss');
		expect(await db.sql`select 1 from board_messages where id = ${m.id}`).toHaveLength(0);
	});
});
