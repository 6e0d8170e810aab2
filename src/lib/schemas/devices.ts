import { z } from 'zod';
import { DeviceKind } from '$lib/domain/states';
import { officeView } from './views';

/** What `GET /api/v1/device` tells a paired kiosk or board about itself. */
export const deviceIdentity = z
	.object({ device: z.object({ id: z.int(), kind: z.enum(DeviceKind), name: z.string() }), office: officeView })
	.meta({ id: 'DeviceIdentity' });
