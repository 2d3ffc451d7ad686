import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';
import { invoiceScheduleIdField } from '../invoice/billing.fields';

export const deleteInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an invoice schedule',
	description: 'Delete an invoice schedule',
	method: 'DELETE',
	path: '/invoices/schedule/{scheduleId}',
	scopes: ['invoices/schedule.write'],
	properties: [invoiceScheduleIdField, locationIdField],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') }, qs: altOf(p) }),
	output: done((p) => ({ id: p.required('scheduleId') })),
};
