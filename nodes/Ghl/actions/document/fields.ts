/** Document (proposal) values shared by Document → Get Many and the GHL Poll Trigger's filters. */
import type { INodePropertyOptions } from 'n8n-workflow';

export const documentStatusOptions: INodePropertyOptions[] = [
	{ name: 'Accepted', value: 'accepted' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Sent', value: 'sent' },
	{ name: 'Viewed', value: 'viewed' },
];

export const documentPaymentStatusOptions: INodePropertyOptions[] = [
	{ name: 'No Payment', value: 'no_payment' },
	{ name: 'Paid', value: 'paid' },
	{ name: 'Waiting for Payment', value: 'waiting_for_payment' },
];
