import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';

export const cancelInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'cancel',
	name: 'Cancel',
	action: 'Cancel an invoice schedule',
	description: 'Stop an active invoice schedule',
	method: 'POST',
	path: '/invoices/schedule/{scheduleId}/cancel',
	scopes: ['invoices/schedule.write'],
	properties: [idField('Schedule ID', 'scheduleId'), locationIdField],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') }, body: altOf(p) }),
	output: done((p) => ({ id: p.required('scheduleId') })),
};
