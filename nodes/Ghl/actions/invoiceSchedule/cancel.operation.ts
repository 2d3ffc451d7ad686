import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';
import { invoiceScheduleIdField } from '../invoice/billing.fields';

export const cancelInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'cancel',
	name: 'Cancel',
	action: 'Cancel an invoice schedule',
	description: 'Stop an active invoice schedule',
	method: 'POST',
	path: '/invoices/schedule/{scheduleId}/cancel',
	scopes: ['invoices/schedule.write'],
	properties: [invoiceScheduleIdField, locationIdField],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') }, body: altOf(p) }),
	output: done((p) => ({ id: p.required('scheduleId') })),
};
