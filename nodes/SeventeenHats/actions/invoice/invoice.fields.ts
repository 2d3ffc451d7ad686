/** Invoice fields shared by create and update. */
import type { INodeProperties } from 'n8n-workflow';

import { CONTRACT, fieldsCollection, INVOICE_STATUSES, locator, statusField } from '../common.descriptions';
import { currencyField } from '../contract/contract.fields';

export const amountField: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	required: true,
	default: 0,
	description: 'In major units, e.g. 125.50',
};

const invoiceFields: INodeProperties[] = [
	{ displayName: 'Amount Paid', name: 'amountPaid', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0 },
	locator(CONTRACT, false),
	currencyField,
	{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '' },
	{ displayName: 'Number', name: 'number', type: 'string', default: '', description: 'Invoice number; 17hats assigns one when empty' },
	statusField(INVOICE_STATUSES),
];

export const invoiceAdditionalFields = fieldsCollection('additionalFields', invoiceFields);

export const invoiceUpdateFields = fieldsCollection('updateFields', [{ ...amountField, required: false }, ...invoiceFields]);
