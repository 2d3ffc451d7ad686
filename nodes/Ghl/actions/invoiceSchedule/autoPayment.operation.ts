import type { OperationDefinition } from '../../../common/operation';
import { jsonField, locationIdField } from '../common.descriptions';
import { altOf, jsonObject } from '../../helpers/request';
import { invoiceScheduleIdField } from '../invoice/billing.fields';

export const autoPaymentInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'autoPayment',
	name: 'Manage Auto Payment',
	action: 'Manage auto payment for an invoice schedule',
	description: 'Turn automatic payment on or off for a schedule’s invoices',
	method: 'POST',
	path: '/invoices/schedule/{scheduleId}/auto-payment',
	scopes: ['invoices/schedule.write'],
	properties: [
		invoiceScheduleIdField,
		locationIdField,
		{ displayName: 'Enable', name: 'enable', type: 'boolean', default: true, description: 'Whether auto payment is on' },
		jsonField('Payment Details (JSON)', 'autoPaymentJson', 'Optional, e.g. {"type":"card","paymentMethodId":"pm_1","customerId":"cus_1"}'),
	],
	request: (p) => {
		const scheduleId = p.pathId('scheduleId');
		return {
			pathParams: { scheduleId },
			body: { ...altOf(p), id: scheduleId, autoPayment: { ...jsonObject(p, 'autoPaymentJson'), enable: p.get<boolean>('enable', true) } },
		};
	},
};
