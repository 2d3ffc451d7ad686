import type { ResourceDefinition } from '../../../common/operation';
import { createInvoiceTemplate } from './create.operation';
import { deleteInvoiceTemplate } from './delete.operation';
import { getInvoiceTemplate } from './get.operation';
import { getAllInvoiceTemplates } from './getAll.operation';
import { updateInvoiceTemplate } from './update.operation';
import { updateInvoiceTemplateLateFees } from './updateLateFees.operation';
import { updateInvoiceTemplatePaymentMethods } from './updatePaymentMethods.operation';

export const invoiceTemplateResource: ResourceDefinition = {
	name: 'Invoice Template',
	value: 'invoiceTemplate',
	description: 'A reusable invoice layout',
	operations: [
		createInvoiceTemplate,
		getInvoiceTemplate,
		getAllInvoiceTemplates,
		updateInvoiceTemplate,
		deleteInvoiceTemplate,
		updateInvoiceTemplateLateFees,
		updateInvoiceTemplatePaymentMethods,
	],
};
