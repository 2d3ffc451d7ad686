import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';
import { invoiceScheduleIdField } from '../invoice/billing.fields';

export const getInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'get',
	name: 'Get',
	action: 'Get an invoice schedule',
	description: 'Get an invoice schedule by ID',
	method: 'GET',
	path: '/invoices/schedule/{scheduleId}',
	scopes: ['invoices/schedule.readonly'],
	properties: [invoiceScheduleIdField, locationIdField],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') }, qs: altOf(p) }),
	output: (body) => (((body ?? {}) as { schedule?: object }).schedule ?? body) as never,
};
