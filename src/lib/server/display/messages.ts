import type { Sql } from '$lib/server/db/connect';

/** One line of an office's board ticker (migrations/0004_display.sql). */
export interface BoardMessage {
	id: number;
	textRu: string;
	textEn: string;
}

/** The active running-line messages of an office, in display order. */
export async function boardMessages(sql: Sql, officeId: number): Promise<BoardMessage[]> {
	return sql<BoardMessage[]>`
		select id, text_ru as "textRu", text_en as "textEn"
		from board_messages where office_id = ${officeId} and active
		order by sort, id`;
}
