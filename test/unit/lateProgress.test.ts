/**
 * Found by the fault soak (test/reliability/soak.test.ts): an InvoicePaid whose
 * execution failed was retried after the invoice's InvoiceDelete had voided it;
 * the late event's payment was left out, so 17hats ended with amount_paid 0
 * where the same events in GHL's order gave the paid amount. A late event never
 * undoes progress, but may add progress the record lacks.
 */
import type { IDataObject } from 'n8n-workflow';

import { diffRecord, STATUS_RANKS } from '../../nodes/SeventeenHats/api';

const options = { rank: STATUS_RANKS.invoice, record: 'invoice' };

describe('a late invoice event and the progress it carries', () => {
	it('adds a payment the voided invoice lacks, keeping the status', () => {
		const voided = { status: 'void', amount: 1000, amount_paid: 0, paid_at: null, external_id: 'g1', metadata: {} };
		const latePaid = diffRecord({ status: 'paid', amount: 1000, amount_paid: 1000 }, voided, {}, 'g1', options);
		expect(latePaid.patch).toEqual({ amount_paid: 1000 });
		expect(latePaid.warnings).toEqual(['invoice.status: kept "void"; GHL\'s "paid" would move it back (a late or repeated GHL event)']);
	});

	it('never lowers what was paid', () => {
		const paid = { status: 'paid', amount: 1000, amount_paid: 1000, external_id: 'g1', metadata: {} };
		expect(diffRecord({ status: 'partially_paid', amount_paid: 400 }, paid, {}, 'g1', options).patch).toEqual({});
		expect(diffRecord({ status: 'sent', amount_paid: 0 }, { ...paid, status: 'void' }, {}, 'g1', options).patch).toEqual({});
	});

	it('in either order of a payment and a void, ends with the same record', () => {
		const sent = { status: 'sent', amount: 1000, amount_paid: 0, external_id: 'g1', metadata: {} };
		const paidEvent = { status: 'paid', amount: 1000, amount_paid: 1000 };
		const voidEvent = { status: 'void' };
		const apply = (record: typeof sent, event: IDataObject) => ({ ...record, ...diffRecord(event, record, {}, 'g1', options).patch });
		expect(apply(apply(sent, paidEvent), voidEvent)).toEqual(apply(apply(sent, voidEvent), paidEvent));
	});
});
