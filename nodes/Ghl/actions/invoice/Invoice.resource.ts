import type { ResourceDefinition } from '../../../common/operation';
import { createInvoice } from './create.operation';
import { createAndSendInvoice } from './createAndSend.operation';
import { deleteInvoice } from './delete.operation';
import { generateInvoiceNumber } from './generateNumber.operation';
import { getInvoice } from './get.operation';
import { getAllInvoices } from './getAll.operation';
import { getInvoiceSettings } from './getSettings.operation';
import { recordInvoicePayment } from './recordPayment.operation';
import { sendInvoice } from './send.operation';
import { updateInvoice } from './update.operation';
import { voidInvoice } from './void.operation';

export const invoiceResource: ResourceDefinition = {
	name: 'Invoice',
	value: 'invoice',
	description: 'A HighLevel invoice',
	operations: [
		createInvoice,
		createAndSendInvoice,
		getInvoice,
		getAllInvoices,
		updateInvoice,
		deleteInvoice,
		sendInvoice,
		voidInvoice,
		recordInvoicePayment,
		generateInvoiceNumber,
		getInvoiceSettings,
	],
};
