/**
 * The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. Written by hand next to
 * the endpoints it describes; tests/integration/api.test.ts checks that every path answers.
 */
const error = { $ref: '#/components/responses/Error' };
const officeParam = {
	name: 'office',
	in: 'path',
	required: true,
	description: 'Office id or slug (e.g. `central`)',
	schema: { type: 'string' }
};

export const openapi = {
	openapi: '3.1.0',
	info: {
		title: 'Talon API',
		version: '1.0.0',
		description:
			'Queue and appointment API of Talon for kiosks, boards and integrations. Errors are `{ "error": { "code", "message" } }` with a 4xx status; messages follow `Accept-Language` (ru by default, en).'
	},
	servers: [{ url: '/api/v1' }],
	components: {
		securitySchemes: {
			device: { type: 'http', scheme: 'bearer', description: 'Device token from `talon device add` (kiosk or display).' },
			session: { type: 'apiKey', in: 'cookie', name: 'talon_session', description: 'Staff session cookie.' }
		},
		responses: {
			Error: {
				description: 'Refused: the body says why.',
				content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
			}
		},
		schemas: {
			Error: {
				type: 'object',
				required: ['error'],
				properties: {
					error: {
						type: 'object',
						required: ['code', 'message'],
						properties: {
							code: { type: 'string', examples: ['invalid_input', 'service_not_found', 'unauthorized'] },
							message: { type: 'string' },
							fields: { type: 'object', additionalProperties: { type: 'string' } }
						}
					}
				}
			},
			Office: {
				type: 'object',
				required: ['id', 'slug', 'nameRu', 'nameEn', 'addressRu', 'addressEn', 'timeZone'],
				properties: {
					id: { type: 'integer' },
					slug: { type: 'string' },
					nameRu: { type: 'string' },
					nameEn: { type: 'string' },
					addressRu: { type: 'string' },
					addressEn: { type: 'string' },
					timeZone: { type: 'string', description: 'IANA zone, e.g. Europe/Moscow' }
				}
			},
			Service: {
				type: 'object',
				properties: {
					id: { type: 'integer' },
					categoryId: { type: ['integer', 'null'] },
					nameRu: { type: 'string' },
					nameEn: { type: 'string' },
					prefix: { type: 'string', description: 'Ticket prefix letter' },
					durationMin: { type: 'integer' },
					documentsRu: { type: 'array', items: { type: 'string' } },
					documentsEn: { type: 'array', items: { type: 'string' } },
					bookable: { type: 'boolean' },
					averageServiceSec: { type: 'integer' },
					waiting: { type: 'integer' },
					estimatedWaitSec: { type: ['integer', 'null'] },
					openDesks: { type: 'integer' }
				}
			},
			Ticket: {
				type: 'object',
				description: 'A ticket as queue clients see it; never carries a name.',
				properties: {
					id: { type: 'integer' },
					number: { type: 'string', examples: ['П042'] },
					serviceId: { type: 'integer' },
					state: { enum: ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] },
					category: { enum: ['ordinary', 'appointment', 'priority'] },
					priorityReason: { enum: ['disabled', 'veteran', 'pregnant', 'infant', null] },
					source: { enum: ['kiosk', 'booking', 'desk', 'phone', 'api'] },
					arrivedAt: { type: 'string', format: 'date-time' },
					queuedAt: { type: 'string', format: 'date-time' },
					appointmentAt: { type: ['string', 'null'], format: 'date-time' },
					deskId: { type: ['integer', 'null'] },
					targetDeskId: { type: ['integer', 'null'] },
					calledAt: { type: ['string', 'null'], format: 'date-time' },
					startedAt: { type: ['string', 'null'], format: 'date-time' },
					finishedAt: { type: ['string', 'null'], format: 'date-time' },
					callCount: { type: 'integer' }
				}
			},
			IssuedTicket: {
				type: 'object',
				properties: {
					ticket: { $ref: '#/components/schemas/Ticket' },
					publicCode: { type: 'string', description: 'Secret code of the ticket’s status page' },
					statusUrl: { type: 'string', format: 'uri' },
					ahead: { type: 'integer' },
					estimatedWaitSec: { type: ['integer', 'null'] },
					duplicate: { type: 'boolean', description: 'True when this Idempotency-Key was used before' }
				}
			},
			TicketStatus: {
				type: 'object',
				properties: {
					publicCode: { type: 'string' },
					number: { type: 'string' },
					state: { enum: ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] },
					office: { type: 'object' },
					service: { type: 'object' },
					ahead: { type: 'integer' },
					estimatedWaitSec: { type: ['integer', 'null'] },
					deskNumber: { type: ['integer', 'null'] },
					issuedAt: { type: 'string', format: 'date-time' },
					calledAt: { type: ['string', 'null'], format: 'date-time' }
				}
			},
			Snapshot: {
				type: 'object',
				description: 'The office queue at event `seq`; apply Socket.IO `queue:event`s with greater seq on top (docs/realtime.md).',
				properties: {
					office: { $ref: '#/components/schemas/Office' },
					seq: { type: 'integer' },
					day: { type: 'string', format: 'date' },
					serverTime: { type: 'string', format: 'date-time' },
					categories: { type: 'array', items: { type: 'object' } },
					services: { type: 'array', items: { $ref: '#/components/schemas/Service' } },
					desks: { type: 'array', items: { type: 'object' } },
					tickets: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } },
					recentCalls: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } }
				}
			}
		}
	},
	paths: {
		'/offices': {
			get: {
				summary: 'List offices',
				responses: {
					'200': {
						description: 'Offices',
						content: { 'application/json': { schema: { type: 'object', properties: { offices: { type: 'array', items: { $ref: '#/components/schemas/Office' } } } } } }
					}
				}
			}
		},
		'/offices/{office}/services': {
			get: {
				summary: 'Services of an office with waiting counts and estimated waits',
				parameters: [officeParam],
				responses: {
					'200': {
						description: 'Services',
						content: { 'application/json': { schema: { type: 'object', properties: { office: { $ref: '#/components/schemas/Office' }, services: { type: 'array', items: { $ref: '#/components/schemas/Service' } } } } } }
					},
					'404': error
				}
			}
		},
		'/offices/{office}/tickets': {
			post: {
				summary: 'Issue a ticket',
				security: [{ device: [] }, { session: [] }],
				parameters: [
					officeParam,
					{ name: 'Idempotency-Key', in: 'header', required: false, description: '8–64 characters [A-Za-z0-9_-]; a retry with the same key returns the same ticket', schema: { type: 'string' } }
				],
				requestBody: {
					required: true,
					content: {
						'application/json': {
							schema: {
								type: 'object',
								required: ['serviceId'],
								properties: {
									serviceId: { type: 'integer' },
									priorityReason: { enum: ['disabled', 'veteran', 'pregnant', 'infant', null] },
									idempotencyKey: { type: 'string' }
								}
							}
						}
					}
				},
				responses: {
					'201': { description: 'Issued', content: { 'application/json': { schema: { $ref: '#/components/schemas/IssuedTicket' } } } },
					'200': { description: 'Already issued with this key', content: { 'application/json': { schema: { $ref: '#/components/schemas/IssuedTicket' } } } },
					'400': error,
					'401': error,
					'403': error,
					'404': error,
					'409': error
				}
			}
		},
		'/offices/{office}/snapshot': {
			get: {
				summary: 'The office queue snapshot',
				security: [{ device: [] }, { session: [] }],
				parameters: [officeParam],
				responses: {
					'200': { description: 'Snapshot', content: { 'application/json': { schema: { $ref: '#/components/schemas/Snapshot' } } } },
					'401': error,
					'403': error,
					'404': error
				}
			}
		},
		'/tickets/{code}': {
			get: {
				summary: 'A ticket’s status by its public code',
				parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z2-7]{16}$' } }],
				responses: {
					'200': { description: 'Status', content: { 'application/json': { schema: { $ref: '#/components/schemas/TicketStatus' } } } },
					'400': error,
					'404': error
				}
			}
		},
		// Online booking (issue 7).
		'/offices/{office}/slots': {
			get: {
				summary: 'Free booking slots: with `date`, the free start times of that day; without, the days that have free places',
				parameters: [
					officeParam,
					{ name: 'service', in: 'query', required: true, schema: { type: 'integer' } },
					{ name: 'date', in: 'query', required: false, description: 'Local day of the office, YYYY-MM-DD', schema: { type: 'string', format: 'date' } }
				],
				responses: {
					'200': {
						description: 'Free slots (`{ date, timeZone, slots: [{ startsAt, time, free }] }`) or days (`{ timeZone, first, last, days: [{ day, free }] }`)',
						content: { 'application/json': { schema: { type: 'object' } } }
					},
					'400': error,
					'404': error,
					'409': error,
					'429': error
				}
			}
		},
		'/offices/{office}/bookings': {
			post: {
				summary: 'Book a slot; 409 `slot_taken` when its last place just went to someone else, `booking_limit` for a second booking of one phone, service and day',
				parameters: [officeParam],
				requestBody: {
					required: true,
					content: {
						'application/json': {
							schema: {
								type: 'object',
								required: ['serviceId', 'startsAt', 'name', 'phone', 'consent'],
								properties: {
									serviceId: { type: 'integer' },
									startsAt: { type: 'string', format: 'date-time' },
									name: { type: 'string', minLength: 2, maxLength: 100 },
									phone: { type: 'string', description: 'Russian number, +7 and 10 digits (8… accepted)' },
									email: { type: ['string', 'null'], format: 'email' },
									consent: { const: true, description: 'Consent to the processing of personal data' }
								}
							}
						}
					}
				},
				responses: {
					'201': { description: 'Booked: `{ booking, token, manageUrl, emailed }` — the token is shown once', content: { 'application/json': { schema: { type: 'object' } } } },
					'400': error,
					'404': error,
					'409': error,
					'429': error
				}
			}
		},
		'/bookings/{token}': {
			parameters: [{ name: 'token', in: 'path', required: true, description: 'The manage token from the booking', schema: { type: 'string' } }],
			get: { summary: 'Read a booking', responses: { '200': { description: '`{ booking }`', content: { 'application/json': { schema: { type: 'object' } } } }, '404': error, '429': error } },
			delete: { summary: 'Cancel a booking (its place is free at once)', responses: { '200': { description: '`{ booking }`', content: { 'application/json': { schema: { type: 'object' } } } }, '404': error, '409': error, '429': error } },
			patch: {
				summary: 'Move a booking to another start time (atomic: on refusal it keeps its time)',
				requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['startsAt'], properties: { startsAt: { type: 'string', format: 'date-time' } } } } } },
				responses: { '200': { description: '`{ booking }`', content: { 'application/json': { schema: { type: 'object' } } } }, '400': error, '404': error, '409': error, '429': error }
			}
		},
		'/offices/{office}/check-ins': {
			post: {
				summary: 'Check in with a booking code at a kiosk: the booking becomes an appointment ticket',
				security: [{ device: [] }, { session: [] }],
				parameters: [officeParam],
				requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, idempotencyKey: { type: 'string' } } } } } },
				responses: {
					'201': { description: '`{ ticket, publicCode, statusUrl, ahead, estimatedWaitSec, appointmentAt }` (appointmentAt null: late, ordinary ticket)', content: { 'application/json': { schema: { type: 'object' } } } },
					'401': error,
					'404': error,
					'409': { description: '`booking_too_early` (with `error.params.opensAt`), `booking_too_late`, `booking_not_active`' }
				}
			}
		}
	}
} as const;
