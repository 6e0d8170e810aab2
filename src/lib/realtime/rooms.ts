/** Socket.IO room names, made here only (never written inline). */
export const rooms = {
	office: (officeId: number) => `office:${officeId}`,
	desk: (deskId: number) => `desk:${deskId}`,
	ticket: (publicCode: string) => `ticket:${publicCode}`,
	device: (deviceId: number) => `device:${deviceId}`,
	/** The supervisors' live dashboards of an office (issue 12, live). */
	live: (officeId: number) => `live:${officeId}`
} as const;
