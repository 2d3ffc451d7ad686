import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { listFilters, listQuery } from '../invoice/billing.fields';

export const getAllInvoiceSchedules: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many invoice schedules',
	description: 'List invoice schedules (offset pagination)',
	method: 'GET',
	path: '/invoices/schedule',
	scopes: ['invoices/schedule.readonly'],
	properties: [locationIdField, ...returnAllFields(100), listFilters(['status', 'startAt', 'endAt', 'search', 'paymentMode'])],
	request: (p) => ({ qs: listQuery(p) }),
	pagination: { type: 'offset', itemsKey: 'schedules', pageSize: 100, totalKey: 'total' },
};
