import { officeEntity } from '$lib/server/api/office-entity';
import { removeDesk, updateDesk } from '$lib/server/catalogue/desks';
import { adminDesk, deskPatch } from '$lib/schemas/catalogue';

export const { PATCH, DELETE } = officeEntity({
	update: {
		id: 'adminUpdateDesk',
		summary: 'Change a desk: number, name, in use, or its whole service set with weights',
		body: deskPatch,
		answer: adminDesk,
		errors: ['desk_not_found', 'desk_number_taken', 'desk_in_use'],
		run: updateDesk
	},
	remove: {
		id: 'adminDeleteDesk',
		summary: 'Delete a desk never used, or take one with history out of use',
		description: 'Refused (409 `desk_in_use`) while an operator has it open.',
		errors: ['desk_not_found', 'desk_in_use'],
		run: removeDesk
	}
});
