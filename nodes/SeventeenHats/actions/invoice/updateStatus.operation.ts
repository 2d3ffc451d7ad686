import type { OperationDefinition } from '../../../common/operation';
import { buildBody } from '../../helpers/body';
import { STATUS_MAP } from '../../helpers/maps';
import { INVOICE_STATUSES, invoiceIdField, lastSyncedAtField, statusField } from '../common.descriptions';

export const updateInvoiceStatus: OperationDefinition = {
	resource: 'invoice',
	operation: 'updateStatus',
	name: 'Update Status',
	action: 'Update the status of an invoice',
	description: "Change an invoice's status (Paid also records the full amount as paid)",
	method: 'POST',
	path: '/invoices/{id}/status',
	scopes: ['invoices:write'],
	properties: [invoiceIdField, statusField(INVOICE_STATUSES, true), lastSyncedAtField],
	request: (p) => ({
		pathParams: { id: p.pathId('invoiceId') },
		body: buildBody({ status: p.required('status'), lastSyncedAt: p.optional('lastSyncedAt') }, STATUS_MAP),
	}),
};
