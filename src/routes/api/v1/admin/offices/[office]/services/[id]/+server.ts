import { officeEntity } from '$lib/server/api/office-entity';
import { removeService, updateService } from '$lib/server/catalogue/services';
import { adminService, servicePatch } from '$lib/schemas/catalogue';

export const { PATCH, DELETE } = officeEntity({
	update: {
		id: 'adminUpdateService',
		summary: 'Change a service, move it up/down in its category, or restore it from the archive',
		body: servicePatch,
		answer: adminService,
		errors: ['service_not_found', 'prefix_taken', 'category_archived'],
		run: updateService
	},
	remove: {
		id: 'adminDeleteService',
		summary: 'Delete a service never used, or archive one that tickets or bookings refer to',
		description: 'Refused (409 `service_has_live_tickets`) while a visitor waits for it or is being served in it.',
		errors: ['service_not_found', 'service_has_live_tickets'],
		run: removeService
	}
});
