import { jsonField } from '../common.descriptions';
import { billingSendOperation } from '../shared.operations';
import { estimateIdField } from '../invoice/billing.fields';

export const sendEstimate = billingSendOperation({
	resource: 'estimate',
	action: 'Send an estimate',
	description: 'Send an estimate to its contact',
	path: '/invoices/estimate/{estimateId}/send',
	scopes: [],
	idField: estimateIdField,
	additionalFields: [
		{ displayName: 'Estimate Name', name: 'estimateName', type: 'string', default: '' },
		jsonField('Sent From (JSON)', 'sentFrom', 'E.g. {"fromName":"Acme","fromEmail":"sales@acme.com"}'),
	],
	jsonFields: ['sentFrom'],
});
