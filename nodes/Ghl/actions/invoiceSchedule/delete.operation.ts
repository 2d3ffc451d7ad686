import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';

export const deleteInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an invoice schedule',
	description: 'Delete an invoice schedule',
	method: 'DELETE',
	path: '/invoices/schedule/{scheduleId}',
	scopes: ['invoices/schedule.write'],
	properties: [idField('Schedule ID', 'scheduleId'), locationIdField],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') }, qs: altOf(p) }),
	output: done((p) => ({ id: p.required('scheduleId') })),
};
