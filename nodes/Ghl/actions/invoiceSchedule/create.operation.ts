import type { OperationDefinition } from '../../../common/operation';
import { billingBody, billingProperties, type BillingShape } from '../invoice/billing.fields';

export const scheduleShape: BillingShape = {
	contact: true,
	liveMode: true,
	schedule: true,
	itemsKey: 'items',
	businessDetails: true,
	discount: true,
	extras: ['title', 'termsNotes', 'invoiceNumberPrefix', 'automaticTaxesEnabled'],
};

export const createInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'create',
	name: 'Create',
	action: 'Create an invoice schedule',
	description: 'Create a recurring invoice schedule',
	method: 'POST',
	path: '/invoices/schedule',
	scopes: ['invoices/schedule.write'],
	properties: billingProperties(scheduleShape),
	request: (p) => ({ body: billingBody(p, scheduleShape) }),
};
