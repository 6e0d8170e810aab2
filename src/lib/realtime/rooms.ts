/** Socket.IO room names, made here only (never written inline). */
export const rooms = {
	office: (officeId: number) => `office:${officeId}`,
	desk: (deskId: number) => `desk:${deskId}`,
	ticket: (publicCode: string) => `ticket:${publicCode}`,
	device: (deviceId: number) => `device:${deviceId}`,
	/** Every socket of one staff member (admin: disabling them ends these at once). */
	staff: (staffId: number) => `staff:${staffId}`,
	/** The supervisors' live dashboards of an office (issue 12, live). */
	live: (officeId: number) => `live:${officeId}`
} as const;
