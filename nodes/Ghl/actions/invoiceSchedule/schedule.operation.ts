import type { OperationDefinition } from '../../../common/operation';
import { jsonField, locationIdField } from '../common.descriptions';
import { altOf, jsonObject } from '../../helpers/request';
import { invoiceScheduleIdField } from '../invoice/billing.fields';

export const scheduleInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'schedule',
	name: 'Schedule',
	action: 'Activate an invoice schedule',
	description: 'Start sending invoices on the schedule',
	method: 'POST',
	path: '/invoices/schedule/{scheduleId}/schedule',
	scopes: ['invoices/schedule.write'],
	properties: [
		invoiceScheduleIdField,
		locationIdField,
		{ displayName: 'Live Mode', name: 'liveMode', type: 'boolean', default: true, description: 'Whether this is a live (not test-mode) schedule' },
		jsonField('Auto Payment (JSON)', 'autoPaymentJson', 'Optional, e.g. {"enable":true,"type":"card","paymentMethodId":"pm_1"}'),
	],
	request: (p) => {
		const autoPayment = jsonObject(p, 'autoPaymentJson');
		return {
			pathParams: { scheduleId: p.pathId('scheduleId') },
			body: { ...altOf(p), liveMode: p.get<boolean>('liveMode', true), ...(Object.keys(autoPayment).length ? { autoPayment } : {}) },
		};
	},
};
