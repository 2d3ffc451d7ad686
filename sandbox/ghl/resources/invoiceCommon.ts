/**
 * What invoices, schedules, templates and estimates share: line items,
 * totals (discount, amount due) and the default business/contact details.
 */
import { unprocessable } from '../errors';
import { objectId } from '../ids';
import type { GhlStore, Invoice, InvoiceItem } from '../store';
import { compact, str } from './kit';

export const round2 = (n: number) => Math.round(n * 100) / 100;

export function parseItems(v: unknown, field: string, defaultCurrency: string): InvoiceItem[] {
	if (!Array.isArray(v) || v.length === 0) throw unprocessable(`${field} should not be empty`);
	return v.map((raw, i) => {
		if (!raw || typeof raw !== 'object') throw unprocessable(`${field}.${i} must be an object`);
		const it = raw as Record<string, unknown>;
		const missing = ['name', 'amount', 'qty'].filter((k) => it[k] === undefined || it[k] === null || it[k] === '');
		if (missing.length) throw unprocessable(...missing.map((k) => `${field}.${i}.${k} should not be empty`));
		const amount = Number(it.amount);
		const qty = Number(it.qty);
		if (!Number.isFinite(amount)) throw unprocessable(`${field}.${i}.amount must be a number`);
		if (!Number.isFinite(qty) || qty <= 0) throw unprocessable(`${field}.${i}.qty must be a positive number`);
		return compact({
			_id: str(it._id) ?? objectId(),
			name: String(it.name),
			description: str(it.description),
			productId: str(it.productId),
			priceId: str(it.priceId),
			currency: str(it.currency) ?? defaultCurrency,
			amount,
			qty,
			taxes: Array.isArray(it.taxes) ? it.taxes : [],
			type: str(it.type),
		}) as InvoiceItem;
	});
}

export function parseDiscount(v: unknown): { type: string; value: number } {
	if (v === undefined || v === null) return { type: 'percentage', value: 0 };
	const d = v as Record<string, unknown>;
	if (d.type !== 'percentage' && d.type !== 'fixed') throw unprocessable('discount.type must be one of the following values: percentage, fixed');
	return { type: d.type, value: Number(d.value ?? 0) || 0 };
}

export function totals(items: InvoiceItem[], discount: { type: string; value: number }) {
	const subTotal = round2(items.reduce((s, it) => s + it.amount * it.qty, 0));
	const off = discount.type === 'percentage' ? round2((subTotal * discount.value) / 100) : Math.min(subTotal, discount.value);
	return { subTotal, discount: off, tax: 0, total: round2(subTotal - off) };
}

/** Recomputes total, summary and amount due after items, discount or payments changed. */
export function recompute(inv: Invoice): void {
	const t = totals(inv.invoiceItems, inv.discount);
	inv.total = t.total;
	inv.totalSummary = { subTotal: t.subTotal, discount: t.discount, tax: t.tax };
	inv.amountDue = round2(Math.max(0, inv.total - inv.amountPaid));
}

export function defaultBusinessDetails(store: GhlStore): Record<string, unknown> {
	const l = store.location;
	return { name: l.name, address: { addressLine1: l.address, city: l.city, state: l.state, countryCode: l.country, postalCode: l.postalCode }, phoneNo: l.phone, website: l.website };
}

/** ContactDetailsDto: id and name required; GHL also insists on a way to reach the contact. */
export function parseContactDetails(v: unknown, field = 'contactDetails'): Record<string, unknown> & { id: string } {
	if (!v || typeof v !== 'object') throw unprocessable(`${field} should not be empty`);
	const c = v as Record<string, unknown>;
	const missing = ['id', 'name'].filter((k) => !str(c[k]));
	if (missing.length) throw unprocessable(...missing.map((k) => `${field}.${k} should not be empty`));
	if (!str(c.email) && !str(c.phoneNo)) throw unprocessable(`${field}.email or ${field}.phoneNo should not be empty`);
	return { customFields: [], ...c, id: String(c.id) };
}

/** Invoice as GHL returns it (GetInvoiceResponseDto); sandbox-only fields stay out. */
export function invoiceView(inv: Invoice): Record<string, unknown> {
	const { payments: _payments, scheduleId: _scheduleId, ...rest } = inv;
	void _payments;
	void _scheduleId;
	return compact({ ...rest, invoiceItems: inv.invoiceItems.map((i) => ({ ...i })) });
}
