import type { OperationDefinition } from '../../../common/operation';
import { INVOICE_MAP } from '../../helpers/maps';
import { invoiceIdField, metadataField, metadataModeField } from '../common.descriptions';
import { recordKeyOf, updateFrom } from '../records';
import { invoiceUpdateFields } from './invoice.fields';

export const updateInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'update',
	name: 'Update',
	action: 'Update an invoice',
	description: 'Update a 17hats invoice; metadata is merged unless Metadata Mode is Replace',
	method: 'PATCH',
	path: '/invoices/{id}',
	scopes: ['invoices:write'],
	properties: [invoiceIdField, invoiceUpdateFields, metadataField, metadataModeField],
	recordKey: recordKeyOf('invoices', 'invoiceId'),
	execute: updateFrom('invoices', 'invoiceId', INVOICE_MAP),
};
