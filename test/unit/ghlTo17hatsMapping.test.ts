/**
 * The sync node's mapping matrix: every default row, every status map entry,
 * the transforms, input detection, and that docs/mapping.md is current.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import {
	applyMapping,
	DEFAULT_MAPS,
	HATS_TARGETS,
	mapStatus,
	isStatusDowngrade,
	overrideKey,
	STATUS_MAPS,
	STATUS_RANKS,
	type HatsTarget,
} from '../../nodes/GhlTo17hats/mapping';
import { loadWebhookEvent } from '../../sandbox/ghl/reference';
import * as t from '../../nodes/GhlTo17hats/mapping/transforms';
import { normalizeItem } from '../../nodes/GhlTo17hats/sync/normalize';
import { diffRecord } from '../../nodes/SeventeenHats/api';
import { mappingColumns } from '../../nodes/GhlTo17hats/methods';
import { syncProperties } from '../../nodes/GhlTo17hats/description';
import { MAPPING_DOC_PATH, renderMappingDoc } from '../../scripts/mappingDocs';

/** The official GHL webhook examples (the committed extract, sandbox/ghl/reference-data). */
const example = (name: string): IDataObject => structuredClone(loadWebhookEvent(name).example) as IDataObject;

const proposalDocument: IDataObject = {
	locationId: 'hTlkh7t8gujsahgg93',
	documentId: 'doc-ghl-1',
	_id: '67ac9a51106ee8311e911aaa',
	name: 'Wedding Proposal',
	type: 'proposal',
	deleted: false,
	status: ['sent', 'viewed'],
	grandTotal: { amount: 100, currency: 'USD', discountPercentage: 0, discounts: [] },
	recipients: [
		{ id: 'u240JcS0E5qE0ziHnwMm', email: 'jim@gmail.com', contactName: 'Jim Anton', firstName: 'Jim', lastName: 'Anton', role: 'signer', isPrimary: true },
	],
	url: 'https://link.example.com/documents/abc',
	updatedAt: '2025-02-03T18:30:00.000Z',
	createdAt: '2025-02-01T18:30:00.000Z',
};

/** For each 17hats field: the normalised input the row reads from and the value expected. */
const ROW_CASES: Record<HatsTarget, Record<string, { record: () => IDataObject; expected: unknown }>> = {
	contact: {
		first_name: { record: () => normalizeItem(example('ContactCreate')).record, expected: 'John' },
		last_name: { record: () => normalizeItem(example('ContactCreate')).record, expected: 'Deo' },
		email: { record: () => normalizeItem(example('ContactCreate')).record, expected: 'johndeo@gmail.comm' },
		phone: { record: () => normalizeItem(example('ContactCreate')).record, expected: '+919509597501' },
		company: { record: () => normalizeItem(example('ContactCreate')).record, expected: 'Loram ipsum' },
		address: {
			record: () => normalizeItem(example('ContactCreate')).record,
			expected: { street: '3535 1st St N', city: 'ruDolomitebika', state: 'AL', postal_code: '452001', country: 'DE' },
		},
		tags: { record: () => normalizeItem(example('ContactCreate')).record, expected: ['id magna sed Lorem', 'Duis dolor commodo aliqua'] },
		type: { record: () => normalizeItem({ id: 'c1', firstName: 'A', type: 'customer' }, 'contact').record, expected: 'client' },
	},
	document: {
		name: { record: () => normalizeItem(proposalDocument).record, expected: 'Wedding Proposal' },
		document_type: { record: () => normalizeItem(proposalDocument).record, expected: 'quote' },
		status: { record: () => normalizeItem(proposalDocument).record, expected: 'viewed' },
		url: { record: () => normalizeItem(proposalDocument).record, expected: 'https://link.example.com/documents/abc' },
	},
	contract: {
		name: { record: () => normalizeItem(example('InvoicePaid')).record, expected: 'New Invoice' },
		status: { record: () => normalizeItem(example('InvoicePaid')).record, expected: 'active' },
		amount: { record: () => normalizeItem(example('InvoicePaid')).record, expected: 999 },
		currency: { record: () => normalizeItem(example('InvoicePaid')).record, expected: 'USD' },
		start_date: { record: () => normalizeItem(example('InvoicePaid')).record, expected: '2023-01-01' },
	},
	invoice: {
		number: { record: () => normalizeItem(example('InvoicePartiallyPaid')).record, expected: '19' },
		amount: { record: () => normalizeItem(example('InvoicePartiallyPaid')).record, expected: 999 },
		amount_paid: { record: () => normalizeItem(example('InvoicePartiallyPaid')).record, expected: 899 },
		currency: { record: () => normalizeItem(example('InvoicePartiallyPaid')).record, expected: 'USD' },
		due_date: { record: () => normalizeItem(example('InvoicePartiallyPaid')).record, expected: '2023-01-01' },
		status: { record: () => normalizeItem(example('InvoicePartiallyPaid')).record, expected: 'partially_paid' },
	},
};

describe('default mapping rows', () => {
	for (const target of HATS_TARGETS) {
		it(`has a test case for every ${target} row`, () => {
			expect(Object.keys(ROW_CASES[target]).sort()).toEqual(DEFAULT_MAPS[target].rows.map((r) => r.field).sort());
		});
		for (const row of DEFAULT_MAPS[target].rows) {
			it(`${target}.${row.field} ← ${Array.isArray(row.source) ? row.source.join('+') : row.source} (${row.transform})`, () => {
				const c = ROW_CASES[target][row.field];
				const { values } = applyMapping(target, c.record());
				expect(values[row.field]).toEqual(c.expected);
			});
		}
	}

	it('maps the whole GHL ContactCreate example', () => {
		const { values, warnings } = applyMapping('contact', normalizeItem(example('ContactCreate')).record);
		expect(warnings).toEqual([]);
		expect(values).toEqual({
			first_name: 'John',
			last_name: 'Deo',
			email: 'johndeo@gmail.comm',
			phone: '+919509597501',
			company: 'Loram ipsum',
			address: { street: '3535 1st St N', city: 'ruDolomitebika', state: 'AL', postal_code: '452001', country: 'DE' },
			tags: ['id magna sed Lorem', 'Duis dolor commodo aliqua'],
		});
	});

	it('falls back to the full name, and to the invoice title', () => {
		expect(applyMapping('contact', { name: 'Alex van Dijk' }).values).toEqual({ first_name: 'Alex', last_name: 'van Dijk' });
		expect(applyMapping('contract', { title: 'INVOICE' }).values.name).toBe('INVOICE');
	});

	it('reads minor units when told so', () => {
		expect(applyMapping('invoice', { total: 99900 }, { amountUnits: 'minor' }).values.amount).toBe(999);
	});

	it('applies overrides through the row transform and keeps 17hats values of status maps', () => {
		const { values } = applyMapping('contact', normalizeItem(example('ContactCreate')).record, {
			overrides: {
				[overrideKey('contact', 'phone')]: '00 49 (30) 123-456',
				[overrideKey('contact', 'type')]: 'client',
				[overrideKey('contact', 'address')]: '{"street":"1 Main St","country":"US"}',
				[overrideKey('contact', 'company')]: '',
			},
		});
		expect(values.phone).toBe('+4930123456');
		expect(values.type).toBe('client');
		expect(values.address).toEqual({ street: '1 Main St', country: 'US' });
		expect(values.company).toBe('Loram ipsum');
	});

	it('warns about a GHL status the map does not know and leaves the status unset (not draft)', () => {
		const { values, warnings } = applyMapping('invoice', { status: 'archived' });
		expect(values.status).toBeUndefined();
		expect('status' in values).toBe(false);
		expect(warnings[0]).toMatch(/status: GHL value "archived" .*left as it is/);
	});

	it('says the Field Overrides columns start empty, in the node and in docs/mapping.md', () => {
		const field = syncProperties.find((p) => p.name === 'fieldOverrides');
		expect(field?.description).toMatch(/start empty/);
		expect(field?.description).toMatch(/several|different places/);
		expect(renderMappingDoc()).toMatch(/Field Overrides columns start \*\*empty\*\*, not pre-filled/);
	});

	it('offers every row as a Field Overrides column', () => {
		const ids = mappingColumns('auto').map((f) => f.id);
		for (const target of HATS_TARGETS) for (const row of DEFAULT_MAPS[target].rows) expect(ids).toContain(overrideKey(target, row.field));
		expect(mappingColumns('invoice').every((f) => /^(contract|invoice):/.test(f.id))).toBe(true);
	});
});

describe('status maps', () => {
	for (const [name, map] of Object.entries(STATUS_MAPS)) {
		for (const [ghl, hats] of Object.entries(map.entries)) {
			it(`${name}: ${ghl} → ${hats}`, () => {
				expect(mapStatus(map, ghl)).toEqual({ value: hats });
				expect(mapStatus(map, ghl.toUpperCase())).toEqual({ value: hats });
			});
		}
		it(`${name}: unknown values ${map.fallback ? `fall back to ${map.fallback}` : 'leave the 17hats value as it is'}`, () => {
			expect(mapStatus(map, 'no-such-status')).toEqual({ value: map.fallback, unknown: true });
			expect(mapStatus(map, undefined)).toEqual({});
		});
	}

	it('only produces values 17hats accepts', () => {
		const spec = readFileSync(join(__dirname, '../../docs/17hats-api.yaml'), 'utf8');
		const enumOf = (schema: string) => {
			const m = new RegExp(`\\n    ${schema}:\\n      type: string\\n      enum: \\[([^\\]]+)\\]`).exec(spec);
			return (m?.[1] ?? '').split(',').map((s) => s.trim());
		};
		const check = (mapName: keyof typeof STATUS_MAPS, schema: string) => {
			const allowed = enumOf(schema);
			expect(allowed.length).toBeGreaterThan(0);
			const map = STATUS_MAPS[mapName];
			for (const v of [...Object.values(map.entries), ...(map.fallback ? [map.fallback] : [])]) expect(allowed).toContain(v);
		};
		check('invoiceToContractStatus', 'ContractStatus');
		check('invoiceToInvoiceStatus', 'InvoiceStatus');
		check('documentStatus', 'DocumentStatus');
		check('documentType', 'DocumentType');
		check('contactType', 'ContactType');
	});

	it('has no fallback for statuses: an unknown GHL status must not reset a record to draft', () => {
		for (const name of ['invoiceToContractStatus', 'invoiceToInvoiceStatus', 'documentStatus'] as const) {
			expect(STATUS_MAPS[name].fallback).toBeUndefined();
		}
	});
});

describe('status order', () => {
	const spec = readFileSync(join(__dirname, '../../docs/17hats-api.yaml'), 'utf8');
	const enumOf = (schema: string) => {
		const m = new RegExp(`\\n    ${schema}:\\n      type: string\\n      enum: \\[([^\\]]+)\\]`).exec(spec);
		return (m?.[1] ?? '').split(',').map((s) => s.trim());
	};

	it.each([
		['document', 'DocumentStatus'],
		['contract', 'ContractStatus'],
		['invoice', 'InvoiceStatus'],
	] as const)('ranks every 17hats %s status exactly once', (record, schema) => {
		const rank = STATUS_RANKS[record];
		const ranked = [...rank.steps.flat(), ...rank.terminal];
		expect([...ranked].sort()).toEqual([...enumOf(schema)].sort());
	});

	it('refuses to move a status back, allows forward, lateral and terminal moves', () => {
		const { contract, invoice, document } = STATUS_RANKS;
		expect(isStatusDowngrade(contract, 'active', 'sent')).toBe(true);
		expect(isStatusDowngrade(invoice, 'paid', 'sent')).toBe(true);
		expect(isStatusDowngrade(invoice, 'paid', 'draft')).toBe(true);
		expect(isStatusDowngrade(document, 'completed', 'viewed')).toBe(true);
		expect(isStatusDowngrade(invoice, 'refunded', 'paid')).toBe(true);
		expect(isStatusDowngrade(invoice, 'sent', 'paid')).toBe(false);
		expect(isStatusDowngrade(document, 'accepted', 'declined')).toBe(false);
		expect(isStatusDowngrade(contract, 'active', 'void')).toBe(false);
		expect(isStatusDowngrade(invoice, 'paid', 'refunded')).toBe(false);
		expect(isStatusDowngrade(invoice, 'void', 'refunded')).toBe(false);
		expect(isStatusDowngrade(invoice, 'paid', 'paid')).toBe(false);
		// 17hats may know statuses the order does not: never a downgrade.
		expect(isStatusDowngrade(invoice, 'on_hold', 'sent')).toBe(false);
		expect(isStatusDowngrade(invoice, undefined, 'sent')).toBe(false);
	});

	it('diffRecord keeps a status that would go back, with a warning, and still patches the other fields', () => {
		const current = { status: 'paid', amount: 999, external_id: 'g1', metadata: {} };
		const late = diffRecord({ status: 'sent', amount: 1000 }, current, {}, 'g1', { rank: STATUS_RANKS.invoice, record: 'invoice' });
		expect(late.patch).toEqual({ amount: 1000 });
		expect(late.changes.status).toBeUndefined();
		expect(late.warnings).toEqual(['invoice.status: kept "paid"; GHL\'s "sent" would move it back (a late or repeated GHL event)']);
		const voided = diffRecord({ status: 'void' }, current, {}, 'g1', { rank: STATUS_RANKS.invoice, record: 'invoice' });
		expect(voided.patch).toEqual({ status: 'void' });
		expect(voided.warnings).toEqual([]);
		// A late event does not undo the payment its older status predates either.
		const paid = { ...current, amount_paid: 999 };
		const lateSent = diffRecord({ status: 'sent', amount_paid: 0, amount: 999 }, paid, {}, 'g1', {
			rank: STATUS_RANKS.invoice,
			record: 'invoice',
		});
		expect(lateSent.patch).toEqual({});
		// Without a rank (contacts, projects) nothing is held back.
		expect(diffRecord({ status: 'sent' }, current, {}, 'g1').patch).toEqual({ status: 'sent' });
	});
});

describe('transforms', () => {
	it.each([
		['+1 (214) 559-6993', '+12145596993'],
		['+1-214-559-6993', '+12145596993'],
		['0049 30 1234', '+49301234'],
		['555.123.4567 ext 12', '5551234567'],
		['', undefined],
		['n/a', undefined],
	])('phone %s → %s', (input, expected) => expect(t.phone(input)).toBe(expected));

	it('dates', () => {
		expect(t.date('2023-01-01')).toBe('2023-01-01');
		expect(t.date('2000-01-05T00:00:00.000Z')).toBe('2000-01-05');
		expect(t.dateTime('2023-12-12T09:27:42.355Z')).toBe('2023-12-12T09:27:42.355Z');
		expect(t.dateTime(1700000000)).toBe('2023-11-14T22:13:20.000Z');
		expect(t.date('not a date')).toBeUndefined();
	});

	it('money, tags, currency, address', () => {
		expect(t.moneyMajor(999)).toBe(999);
		expect(t.moneyMajor('12.345')).toBe(12.35);
		expect(t.moneyMinor(12550)).toBe(125.5);
		expect(t.tags('a, b,a ,')).toEqual(['a', 'b']);
		expect(t.currency('usd')).toBe('USD');
		expect(t.currency('dollars')).toBeUndefined();
		expect(t.address({ addressLine1: '9931 Beechwood', addressLine2: 'Beechwood', city: 'St. Houston', countryCode: 'US' })).toEqual({
			street: '9931 Beechwood, Beechwood',
			city: 'St. Houston',
			country: 'US',
		});
		expect(t.address({})).toBeUndefined();
	});
});

describe('money is parsed strictly', () => {
	it.each([
		[999, 'point', 999],
		[12.345, 'point', 12.35],
		['1234.56', 'point', 1234.56],
		['1,234.56', 'point', 1234.56],
		['1,234,567.5', 'point', 1234567.5],
		['$1,234.56', 'point', 1234.56],
		['USD 99.90', 'point', 99.9],
		['99.90 usd', 'point', 99.9],
		['-15.00', 'point', -15],
		['  42 ', 'point', 42],
		['12,50', 'comma', 12.5],
		['€ 99,90', 'comma', 99.9],
		['99,90 €', 'comma', 99.9],
		['1.234,56', 'comma', 1234.56],
		['EUR 1.234.567,8', 'comma', 1234567.8],
		[7, 'comma', 7],
	] as const)('%j (%s) → %s', (input, separator, expected) => {
		expect(t.moneyMajor(input, separator)).toBe(expected);
	});

	it.each([
		['12,50', 'point'],
		['€ 99,90', 'point'],
		['abc', 'point'],
		['1e3', 'point'],
		['0x10', 'point'],
		['12.5.1', 'point'],
		['1,23.4', 'point'],
		['$ 12 $', 'point'],
		['1234.56', 'comma'],
		['1,234.56', 'comma'],
		['Infinity', 'point'],
	] as const)('%j (%s) is refused', (input, separator) => {
		expect(() => t.moneyMajor(input, separator)).toThrow(t.InvalidValueError);
	});

	it('refuses numbers that are not finite, and leaves a blank amount unset', () => {
		expect(() => t.moneyMajor(Number.NaN)).toThrow(t.InvalidValueError);
		expect(t.moneyMajor('  ')).toBeUndefined();
		expect(t.moneyMinor('12550')).toBe(125.5);
		expect(() => t.moneyMinor('125,50')).toThrow(t.InvalidValueError);
	});

	it('fails the mapping naming the 17hats field and the GHL field, instead of writing 0', () => {
		expect(() => applyMapping('contract', { total: 'abc' })).toThrow(/Contract: Amount.*"abc".*GHL field "total"/);
		expect(() => applyMapping('invoice', { total: 999, amountPaid: '1e3' })).toThrow(/Invoice: Amount Paid.*"1e3"/);
		expect(applyMapping('invoice', { total: '€ 99,90' }, { decimalSeparator: 'comma' }).values.amount).toBe(99.9);
	});

	it('sends Field Overrides through the same parsing', () => {
		const overrides = { [overrideKey('contract', 'amount')]: '1.234,50' };
		expect(applyMapping('contract', { total: 1 }, { overrides, decimalSeparator: 'comma' }).values.amount).toBe(1234.5);
		expect(() => applyMapping('contract', { total: 1 }, { overrides })).toThrow(/Contract: Amount \(Field Overrides\).*"1\.234,50"/);
	});
});

describe('values that cannot be used are not dropped silently', () => {
	it('warns when a due date is not a date (17hats does not require one)', () => {
		const { values, warnings } = applyMapping('invoice', { total: 10, dueDate: 'garbage' });
		expect('due_date' in values).toBe(false);
		expect(warnings.join('\n')).toMatch(/due_date: GHL value "garbage" \(GHL field "dueDate"\) is not a date/);
		expect(applyMapping('contract', { total: 10, issueDate: 'soon' }).warnings.join('\n')).toMatch(/start_date: .*"soon"/);
		expect(applyMapping('invoice', { total: 10, dueDate: '2024-02-07' }).warnings).toEqual([]);
	});
});

describe('status maps only know their own entries', () => {
	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('"%s" is an unknown status, not a prototype member', (status) => {
		for (const map of Object.values(STATUS_MAPS)) {
			const mapped = mapStatus(map, status);
			expect(mapped).toEqual(map.fallback ? { value: map.fallback, unknown: true } : { value: undefined, unknown: true });
		}
		const { values, warnings } = applyMapping('invoice', { total: 10, status });
		expect('status' in values).toBe(false);
		expect(warnings.join('\n')).toMatch(/is not in the map/);
		expect(applyMapping('document', { type: status }).values.document_type).toBe('other');
	});

	it('an override holding a prototype key is not taken for a 17hats value', () => {
		const { values } = applyMapping('invoice', { total: 10 }, { overrides: { [overrideKey('invoice', 'status')]: 'constructor' } });
		expect('status' in values).toBe(false);
	});
});

describe('input detection', () => {
	it('reads GHL Trigger output, raw webhooks and API records', () => {
		const contact = normalizeItem({ event: 'ContactCreate', entity: 'Contact', data: example('ContactCreate') });
		expect([contact.entity, contact.event, contact.ghlId, contact.isDelete]).toEqual(['contact', 'ContactCreate', 'nmFmQEsNgz6AVpgLVUJ0', false]);
		expect(normalizeItem(example('ContactDelete')).isDelete).toBe(true);
		const paid = normalizeItem(example('InvoicePaid'));
		expect([paid.entity, paid.event, paid.ghlId, paid.contact?.id]).toEqual(['invoice', 'InvoicePaid', '6578278e879ad2646715ba9c', '6578278e879ad2646715ba9c']);
		expect(paid.schedule).toBeUndefined();
		expect(normalizeItem(example('InvoiceDelete')).isDelete).toBe(true);
		expect(normalizeItem(example('InvoiceVoid')).event).toBe('InvoiceVoid');
		const doc = normalizeItem(proposalDocument);
		expect([doc.entity, doc.ghlId, doc.contact?.id, doc.record.status]).toEqual(['document', '67ac9a51106ee8311e911aaa', 'u240JcS0E5qE0ziHnwMm', 'viewed']);
	});

	it('reads a GHL workflow webhook body for a document', () => {
		const doc = normalizeItem({
			contact_id: 'gc1',
			first_name: 'Ann',
			last_name: 'Lee',
			email: 'ann@example.com',
			location: { id: 'loc1' },
			document: { id: 'gd1', name: 'Contract', status: 'completed', type: 'contract' },
		});
		expect([doc.entity, doc.ghlId, doc.contact?.id, doc.contact?.firstName, doc.locationId]).toEqual(['document', 'gd1', 'gc1', 'Ann', 'loc1']);
	});

	it('finds the schedule of a recurring invoice', () => {
		const inv = normalizeItem({ ...example('InvoiceSent'), invoiceScheduleId: 'sch1', issueDate: '2024-01-31' });
		expect(inv.schedule).toEqual({ id: 'sch1', period: '2024-01-31', renewalDate: '2024-03-02', autoRenew: true });
		const yearly = normalizeItem({ ...example('InvoiceSent'), schedule: { _id: 'sch2', rrule: { intervalType: 'yearly', interval: 1 } } });
		expect(yearly.schedule?.renewalDate).toBe('2024-01-01');
	});

	it('names what is missing', () => {
		expect(() => normalizeItem({ foo: 1 })).toThrow(/set "Entity"/);
		expect(() => normalizeItem({ firstName: 'x' })).toThrow(/no id \(field "id"\)/);
		expect(() => normalizeItem({ invoiceNumber: '1', _id: 'i1' })).toThrow(/contactDetails\.id/);
	});
});

describe('diff', () => {
	it('reports only changed fields, compares tags as sets and addresses by the fields given', () => {
		const current = {
			first_name: 'John',
			tags: ['b', 'a'],
			address: { street: 'x', city: 'y', state: null },
			email: 'A@B.com',
			amount: 10,
			external_id: 'g1',
			metadata: { source: 'ghl', other: 'keep' },
		};
		const { patch, changes } = diffRecord(
			{ first_name: 'Johnny', tags: ['a', 'b'], address: { street: 'x' }, email: 'a@b.com', amount: 10 },
			current,
			{ source: 'ghl', ghl_id: 'g1' },
			'g1',
		);
		expect(patch).toEqual({ first_name: 'Johnny', metadata: { source: 'ghl', other: 'keep', ghl_id: 'g1' } });
		expect(changes).toEqual({ first_name: { before: 'John', after: 'Johnny' }, 'metadata.ghl_id': { before: null, after: 'g1' } });
	});
});

describe('docs/mapping.md', () => {
	it('is generated from the mapping data (run `npm run docs:mapping` when this fails)', () => {
		expect(readFileSync(MAPPING_DOC_PATH, 'utf8')).toBe(renderMappingDoc());
	});
});
