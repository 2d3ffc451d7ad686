import type { OperationDefinition } from '../../../common/operation';

import { invoiceScheduleIdField } from '../invoice/billing.fields';

/** The spec documents no body: HighLevel re-reads the saved schedule and activates it. */
export const updateAndScheduleInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'updateAndSchedule',
	name: 'Update and Schedule',
	action: 'Update and activate an invoice schedule',
	description: 'Apply the saved changes of a schedule and activate it',
	method: 'POST',
	path: '/invoices/schedule/{scheduleId}/updateAndSchedule',
	scopes: ['invoices/schedule.write'],
	properties: [invoiceScheduleIdField],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') } }),
};
