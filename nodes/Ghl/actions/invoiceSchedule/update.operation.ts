import type { OperationDefinition } from '../../../common/operation';

import { billingBody, billingProperties, invoiceScheduleIdField, type BillingShape } from '../invoice/billing.fields';
import { scheduleShape } from './create.operation';

/** The update DTO takes the create fields minus the invoice number prefix and automatic taxes. */
const shape: BillingShape = { ...scheduleShape, extras: ['title', 'termsNotes'] };

export const updateInvoiceSchedule: OperationDefinition = {
	resource: 'invoiceSchedule',
	operation: 'update',
	name: 'Update',
	action: 'Update an invoice schedule',
	description: 'Replace an invoice schedule’s details, schedule and line items',
	method: 'PUT',
	path: '/invoices/schedule/{scheduleId}',
	scopes: ['invoices/schedule.write'],
	properties: [invoiceScheduleIdField, ...billingProperties(shape)],
	request: (p) => ({ pathParams: { scheduleId: p.pathId('scheduleId') }, body: billingBody(p, shape) }),
};
