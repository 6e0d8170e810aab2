/** Shapes the admin pages render (no server imports: pages may use them). */
export interface AdminOffice {
	id: number;
	slug: string;
	nameRu: string;
	nameEn: string;
	timeZone: string;
	archived: boolean;
}

/** The signed-in administrator as the frame shows them. */
export interface AdminUser {
	login: string;
	displayName: string;
	isAdmin: boolean;
}
