import type { ResourceDefinition } from '../../../common/operation';
import { createInvoice } from './create.operation';
import { getInvoice } from './get.operation';
import { getManyInvoices } from './getAll.operation';
import { updateInvoice } from './update.operation';
import { updateInvoiceStatus } from './updateStatus.operation';

export const invoiceResource: ResourceDefinition = {
	name: 'Invoice',
	value: 'invoice',
	description: 'A 17hats invoice, optionally against a contract',
	operations: [createInvoice, getInvoice, getManyInvoices, updateInvoice, updateInvoiceStatus],
};
