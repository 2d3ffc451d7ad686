/**
 * Mapping cost per item: what the sync node does to a GHL record before any
 * request (normalise it, then apply the mapping matrix), timed on the built
 * code for 100, 1,000 and 10,000 distinct records. Per-item time should be
 * flat.
 */
import type { IDataObject } from 'n8n-workflow';

import { applyMapping } from '../../dist/nodes/GhlTo17hats/mapping';
import { normalizeItem } from '../../dist/nodes/GhlTo17hats/sync/normalize';
import { ghlContacts, ghlInvoices } from './records';

export interface MappingResult {
	/** µs per item by batch size: contacts (one 17hats contact) and invoices (a contact, a contract and an invoice). */
	contact: Record<number, number>;
	invoice: Record<number, number>;
	/** The worse of the two at the largest size. */
	usPerItem: number;
	/** Largest size's µs/item over the smallest's (1 = flat). */
	growth: number;
}

function mapContact(json: IDataObject): void {
	const item = normalizeItem(json, 'contact');
	applyMapping('contact', item.record);
}

function mapInvoice(json: IDataObject): void {
	const item = normalizeItem(json, 'invoice');
	applyMapping('contact', item.contact ?? {});
	applyMapping('contract', item.record);
	applyMapping('invoice', item.record);
}

/**
 * Median µs of CPU time per item. CPU time, not wall time: on a busy machine
 * a long round is preempted more often than a short one, which would look
 * like a cost that grows with the batch. Each sample maps at least
 * SAMPLE_ITEMS items (the batch as often as it takes).
 */
const SAMPLE_ITEMS = 20_000;

function time(records: IDataObject[], map: (json: IDataObject) => void): number {
	const rounds = Math.max(1, Math.ceil(SAMPLE_ITEMS / records.length));
	const samples: number[] = [];
	for (let sample = 0; sample < 7; sample++) {
		const start = process.cpuUsage();
		for (let round = 0; round < rounds; round++) for (const record of records) map(record);
		const used = process.cpuUsage(start);
		samples.push((used.user + used.system) / (rounds * records.length));
	}
	samples.sort((a, b) => a - b);
	return Math.round(samples[Math.floor(samples.length / 2)] * 100) / 100;
}

export function runMapping(sizes: number[] = [100, 1_000, 10_000]): MappingResult {
	const contacts = ghlContacts(Math.max(...sizes));
	const invoices = ghlInvoices(Math.max(...sizes));
	// Warm up the JIT on other records than the ones timed.
	time(ghlContacts(2_000), mapContact);
	time(ghlInvoices(2_000), mapInvoice);
	const result: MappingResult = { contact: {}, invoice: {}, usPerItem: 0, growth: 0 };
	for (const size of sizes) {
		result.contact[size] = time(contacts.slice(0, size), mapContact);
		result.invoice[size] = time(invoices.slice(0, size), mapInvoice);
	}
	const [smallest, largest] = [Math.min(...sizes), Math.max(...sizes)];
	result.usPerItem = Math.max(result.contact[largest], result.invoice[largest]);
	result.growth =
		Math.round(Math.max(result.contact[largest] / result.contact[smallest], result.invoice[largest] / result.invoice[smallest]) * 100) / 100;
	return result;
}
