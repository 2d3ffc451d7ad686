import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { additionalFieldsCollection, jsonField, locationIdField } from '../common.descriptions';
import { altOf, compact, fieldsOf } from '../../helpers/request';
import { invoiceIdField } from './billing.fields';

/** HighLevel's manual payment modes (record-payment's `mode`); the 17hats → GHL sync offers the same. */
export const PAYMENT_MODES = [
	{ name: 'Bank Transfer', value: 'bank_transfer' },
	{ name: 'Card', value: 'card' },
	{ name: 'Cash', value: 'cash' },
	{ name: 'Cheque', value: 'cheque' },
	{ name: 'Other', value: 'other' },
];

/**
 * The spec marks `card` and `cheque` required; HighLevel reads only the one
 * that matches the mode, so the other is sent empty-but-valid.
 */
export const recordInvoicePayment: OperationDefinition = {
	resource: 'invoice',
	operation: 'recordPayment',
	name: 'Record Payment',
	action: 'Record a manual payment on an invoice',
	description: 'Record a payment made outside HighLevel (cash, cheque, bank transfer …)',
	method: 'POST',
	path: '/invoices/{invoiceId}/record-payment',
	scopes: ['invoices.write'],
	properties: [
		invoiceIdField,
		locationIdField,
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: PAYMENT_MODES,
			default: 'cash',
		},
		{ displayName: 'Notes', name: 'notes', type: 'string', default: '', description: 'Shown on the payment record' },
		additionalFieldsCollection([
			{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0, description: 'Leave unset to pay the full amount due' },
			{ displayName: 'Card Brand', name: 'cardBrand', type: 'string', default: '' },
			{ displayName: 'Card Last 4', name: 'cardLast4', type: 'string', default: '' },
			{ displayName: 'Cheque Number', name: 'chequeNumber', type: 'string', default: '' },
			{ displayName: 'Fulfilled At', name: 'fulfilledAt', type: 'dateTime', default: '' },
			jsonField('Meta (JSON)', 'meta', 'Extra data stored with the payment'),
		]),
	],
	request: (p) => {
		const extra = fieldsOf(p, 'additionalFields', { json: ['meta'] });
		const body: IDataObject = {
			...altOf(p),
			mode: p.required('mode'),
			notes: p.optional('notes') ?? '',
			card: { brand: String(extra.cardBrand ?? ''), last4: String(extra.cardLast4 ?? '') },
			cheque: { number: String(extra.chequeNumber ?? '') },
			...compact({ amount: extra.amount, fulfilledAt: extra.fulfilledAt, meta: extra.meta }),
		};
		return { pathParams: { invoiceId: p.pathId('invoiceId') }, body };
	},
};
