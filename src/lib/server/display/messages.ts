import type { Sql } from '$lib/server/db/connect';

/** One line of an office's board ticker (migrations/0004_display.sql). */
export interface BoardMessage {
	id: number;
	textRu: string;
	textEn: string;
}

/** The running-line messages of an office shown at `now` (active, within their window), in display order. */
export async function boardMessages(sql: Sql, officeId: number, now = new Date()): Promise<BoardMessage[]> {
	return sql<BoardMessage[]>`
		select id, text_ru as "textRu", text_en as "textEn"
		from board_messages where office_id = ${officeId} and active
			and (starts_at is null or starts_at <= ${now}) and (ends_at is null or ends_at > ${now})
		order by sort, id`;
}
