/**
 * GHL records for the benchmark: HighLevel's own webhook examples
 * (ContactCreate, InvoiceSent), each copy with its own ids, names, e-mail,
 * phone and amount, so no two items are alike.
 */
import type { IDataObject } from 'n8n-workflow';

import { loadWebhookEvent } from '../../sandbox/ghl/reference';

const example = (event: string): IDataObject => JSON.parse(JSON.stringify(loadWebhookEvent(event).example ?? {})) as IDataObject;

const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(20 - prefix.length, '0')}`;

export function ghlContacts(count: number): IDataObject[] {
	const base = example('ContactCreate');
	return Array.from({ length: count }, (_, i) => ({
		...base,
		id: id('bc', i),
		firstName: `Ada${i}`,
		lastName: `Lovelace${i % 97}`,
		name: `Ada${i} Lovelace${i % 97}`,
		email: `Ada.${i}@Example.com`,
		phone: `+1 (555) ${String(1_000_000 + i).slice(-7)}`,
		tags: [`tag-${i % 13}`, 'backfill'],
	}));
}

export function ghlInvoices(count: number): IDataObject[] {
	const base = example('InvoiceSent');
	return Array.from({ length: count }, (_, i) => ({
		...base,
		_id: id('bi', i),
		invoiceNumber: String(1000 + i),
		total: 100 + (i % 900),
		amountDue: 100 + (i % 900),
		contactDetails: { ...(base.contactDetails as IDataObject), id: id('bc', i), email: `ada.${i}@example.com`, name: `Ada${i} Lovelace` },
	}));
}
