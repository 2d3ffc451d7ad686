/**
 * One 17hats item → GHL: a contact upserted (matched by the GHL id the
 * 17hats record holds, else by email), a signed contract moving the
 * contact's GHL opportunity, a paid invoice recorded as a payment on its GHL
 * invoice. Every write is decided on fresh reads of both sides, so a repeated
 * or echoed item changes nothing (docs/mapping.md, "17hats → GHL").
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { RetryPolicy } from '../../common/retry';
import type { PathParams } from '../../common/requestPath';
import { ghlTransport } from '../../Ghl/transport';
import { GHL_UPDATED_AT_KEY, mergeMetadata, metadataOf, type HatsClient } from '../../SeventeenHats/api';
import { newerSide } from './conflicts';
import { compareContacts, ghlBodyFor, REVERSE_CONTACT_ROWS } from './contactMapping';

export type ReverseEntity = 'contact' | 'contract' | 'invoice';

export interface ReverseSettings {
	matchByEmail: boolean;
	/** GHL contact custom fields: id → value. */
	customFields: Array<{ id: string; value: unknown }>;
	opportunity: {
		pipelineId: string;
		stageId: string;
		status: string;
		signedStatuses: string[];
		createIfMissing: boolean;
		tags: string[];
	};
	paymentMode: string;
	now: string;
}

export interface ReverseOutput extends IDataObject {
	action: 'created' | 'updated' | 'skipped';
	entity: ReverseEntity;
	hatsId: string;
	ghlId: string | null;
	/** Why nothing was written: in_sync, ghl_newer, not_signed, not_paid, already_paid, unlinked, deleted. */
	reason?: string;
	changes: IDataObject;
	/** Fields both sides changed, and which side won (newest by its own update time). */
	conflicts: IDataObject[];
	writes: IDataObject[];
	warnings: string[];
}

/** GHL ids are path segments; anything else is no link. */
const linkOf = (value: unknown): string | undefined =>
	typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;

export class ReverseRun {
	readonly writes: IDataObject[] = [];
	readonly warnings: string[] = [];
	private locationId = '';

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly hats: HatsClient,
		private readonly settings: ReverseSettings,
		private readonly retry: Partial<RetryPolicy>,
	) {}

	private async ghl<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		req: { pathParams?: PathParams; qs?: IDataObject; body?: IDataObject; scopes: string[]; acceptStatus?: number[]; idempotent?: boolean },
	): Promise<{ status: number; body: T }> {
		const res = await ghlTransport.request<T>(this.ctx, { method, path, itemIndex: this.itemIndex, retry: this.retry, ...req });
		if (method !== 'GET' && !(method === 'POST' && path.endsWith('/search')) && res.status < 300) {
			this.writes.push({ api: 'ghl', method, path, ...(req.pathParams ?? {}) });
		}
		return { status: res.status, body: res.body };
	}

	private async location(): Promise<string> {
		if (!this.locationId) {
			const connection = await ghlTransport.connect(this.ctx, this.itemIndex);
			this.locationId = String(connection.defaults.locationId ?? '');
		}
		return this.locationId;
	}

	// ------------------------------------------------------------ contacts

	private async ghlContact(id: string): Promise<IDataObject | undefined> {
		// GHL answers 400 "Contact not found" for an unknown id.
		const res = await this.ghl<IDataObject>('GET', '/contacts/{contactId}', {
			pathParams: { contactId: id },
			scopes: ['contacts.readonly'],
			acceptStatus: [400, 404],
		});
		return res.status < 300 ? (res.body.contact as IDataObject | undefined) : undefined;
	}

	private async ghlContactByEmail(email: string): Promise<IDataObject | undefined> {
		const res = await this.ghl<IDataObject>('POST', '/contacts/search', {
			body: { locationId: await this.location(), pageLimit: 1, filters: [{ field: 'email', operator: 'eq', value: email }] },
			scopes: ['contacts.readonly'],
			idempotent: true,
		});
		const found = (res.body.contacts as IDataObject[] | undefined) ?? [];
		return found[0];
	}

	/** Custom field values that differ from the GHL contact's. */
	private customFieldChanges(ghl: IDataObject | undefined): IDataObject[] {
		const current = ((ghl?.customFields as IDataObject[] | undefined) ?? []).map((f) => [String(f.id), f.value ?? f.field_value] as const);
		const have = new Map(current);
		return this.settings.customFields
			.filter((f) => JSON.stringify(have.get(f.id) ?? null) !== JSON.stringify(f.value ?? null) && String(have.get(f.id) ?? '') !== String(f.value ?? ''))
			.map((f) => ({ id: f.id, field_value: f.value as IDataObject }));
	}

	/** The GHL contact of a 17hats contact, created or updated where 17hats has the newer values. */
	async syncContact(hatsContact: IDataObject): Promise<ReverseOutput> {
		const hatsId = String(hatsContact.contact_id);
		const out: ReverseOutput = { action: 'skipped', entity: 'contact', hatsId, ghlId: null, changes: {}, conflicts: [], writes: this.writes, warnings: this.warnings };
		const hats = await this.hats.getIfExists('contacts', hatsId);
		if (!hats) return { ...out, reason: 'deleted' };
		const meta = metadataOf(hats.metadata);
		const linked = linkOf(hats.external_id) ?? linkOf(meta.ghl_id);
		let ghl = linked ? await this.ghlContact(linked) : undefined;
		if (!ghl && linked) this.warnings.push(`The GHL contact ${linked} linked to this 17hats contact was not found`);
		const email = typeof hats.email === 'string' ? hats.email.trim().toLowerCase() : '';
		if (!ghl && this.settings.matchByEmail && email) ghl = await this.ghlContactByEmail(email);

		const diff = compareContacts(hats, ghl ?? {});
		let ghlUpdatedAt: string | undefined;
		let ghlId = ghl ? String(ghl.id) : undefined;
		if (!ghl) {
			const fields = REVERSE_CONTACT_ROWS.map((r) => r.field).filter((f) => diff.hats[f] !== undefined);
			if (!['first_name', 'last_name', 'email', 'phone'].some((f) => fields.includes(f))) {
				throw new Error(`Cannot create the GHL contact for 17hats contact ${hatsId}: it has no name, e-mail or phone`);
			}
			const body: IDataObject = { ...ghlBodyFor(fields, diff.hats), locationId: await this.location() };
			const customFields = this.customFieldChanges(undefined);
			if (customFields.length > 0) body.customFields = customFields;
			const res = await this.ghl<IDataObject>('POST', '/contacts/', { body, scopes: ['contacts.write'] });
			const created = res.body.contact as IDataObject;
			ghlId = String(created.id);
			ghlUpdatedAt = String(created.dateUpdated ?? created.dateAdded ?? '');
			out.action = 'created';
			for (const f of fields) out.changes[f] = { before: null, after: diff.hats[f] };
		} else {
			const ghlTime = ghl.dateUpdated ?? ghl.updatedAt;
			// GHL unchanged since it was last synced: the difference is a 17hats edit. Else the newer side wins.
			const syncedGhl = Date.parse(meta[GHL_UPDATED_AT_KEY] ?? '');
			const ghlUnchanged = !Number.isNaN(syncedGhl) && Date.parse(String(ghlTime)) <= syncedGhl;
			const winner = ghlUnchanged ? 'hats' : newerSide(hats.updated_at, ghlTime);
			const write = winner === 'hats' ? diff.fields : [];
			if (winner === 'ghl') {
				for (const f of diff.fields) out.conflicts.push({ field: f, hats: diff.hats[f], ghl: diff.ghl[f] ?? null, winner: 'ghl' });
			}
			const body = ghlBodyFor(write, diff.hats);
			const customFields = this.customFieldChanges(ghl);
			if (customFields.length > 0) body.customFields = customFields;
			if (Object.keys(body).length > 0) {
				const res = await this.ghl<IDataObject>('PUT', '/contacts/{contactId}', {
					pathParams: { contactId: String(ghlId) },
					body,
					scopes: ['contacts.write'],
				});
				const updated = (res.body.contact as IDataObject | undefined) ?? {};
				ghlUpdatedAt = typeof updated.dateUpdated === 'string' ? updated.dateUpdated : undefined;
				out.action = 'updated';
				for (const f of write) out.changes[f] = { before: diff.ghl[f] ?? null, after: diff.hats[f] };
				if (customFields.length > 0) out.changes.customFields = customFields;
			} else {
				out.reason = diff.fields.length > 0 ? 'ghl_newer' : 'in_sync';
			}
		}
		out.ghlId = ghlId ?? null;
		await this.linkHats('contacts', hats, { ghl_id: String(ghlId) }, ghlId, ghlUpdatedAt);
		return out;
	}

	/**
	 * Records the GHL link (and, after a GHL write, GHL's new update time) on the
	 * 17hats record, only where it is missing or older: the forward sync then
	 * treats an older GHL event as stale instead of writing it back.
	 */
	private async linkHats(
		collection: 'contacts' | 'contracts',
		record: IDataObject,
		link: IDataObject,
		externalId: string | undefined,
		ghlUpdatedAt?: string,
	): Promise<void> {
		const meta = metadataOf(record.metadata);
		const extra: IDataObject = {};
		for (const [k, v] of Object.entries(link)) if (meta[k] !== v) extra[k] = v;
		if (ghlUpdatedAt && !(meta[GHL_UPDATED_AT_KEY] && Date.parse(meta[GHL_UPDATED_AT_KEY]) >= Date.parse(ghlUpdatedAt))) {
			extra[GHL_UPDATED_AT_KEY] = ghlUpdatedAt;
		}
		const patch: IDataObject = {};
		if (Object.keys(extra).length > 0) patch.metadata = mergeMetadata(record.metadata, extra);
		if (externalId && !record.external_id && collection === 'contacts') patch.external_id = externalId;
		if (Object.keys(patch).length === 0) return;
		patch.last_synced_at = this.settings.now;
		const id = String(record[collection === 'contacts' ? 'contact_id' : 'contract_id']);
		const outcome =
			typeof record.updated_at === 'string'
				? await this.hats.updateIfUnchanged(collection, id, patch, record.updated_at)
				: { updated: await this.hats.update(collection, id, patch) };
		if ('updated' in outcome) this.writes.push({ api: '17hats', method: 'PATCH', path: `/${collection}/${id}` });
		else this.warnings.push(`The 17hats record ${id} changed while it was being linked; the link is written next time`);
	}

	// ----------------------------------------------------------- contracts

	async syncContract(contractItem: IDataObject): Promise<ReverseOutput> {
		const hatsId = String(contractItem.contract_id);
		const s = this.settings.opportunity;
		const out: ReverseOutput = { action: 'skipped', entity: 'contract', hatsId, ghlId: null, changes: {}, conflicts: [], writes: this.writes, warnings: this.warnings };
		const contract = await this.hats.getIfExists('contracts', hatsId);
		if (!contract) return { ...out, reason: 'deleted' };
		if (!s.signedStatuses.includes(String(contract.status))) return { ...out, reason: 'not_signed' };
		const hatsContact = await this.hats.get('contacts', String(contract.contact_id));
		const contact = await this.syncContact(hatsContact);
		const contactId = String(contact.ghlId);
		out.contact = { action: contact.action, ghlId: contact.ghlId, changes: contact.changes };

		const linked = linkOf(metadataOf(contract.metadata).ghl_opportunity_id);
		let opportunity: IDataObject | undefined;
		if (linked) {
			const res = await this.ghl<IDataObject>('GET', '/opportunities/{id}', {
				pathParams: { id: linked },
				scopes: ['opportunities.readonly'],
				acceptStatus: [400, 404],
			});
			opportunity = res.status < 300 ? (res.body.opportunity as IDataObject) : undefined;
		}
		if (!opportunity) {
			const res = await this.ghl<IDataObject>('GET', '/opportunities/search', {
				qs: { location_id: await this.location(), contact_id: contactId, pipeline_id: s.pipelineId, limit: 20 },
				scopes: ['opportunities.readonly'],
			});
			opportunity = ((res.body.opportunities as IDataObject[] | undefined) ?? [])[0];
		}
		const desired: IDataObject = { status: s.status };
		if (s.stageId) desired.pipelineStageId = s.stageId;
		if (!opportunity) {
			if (!s.createIfMissing) {
				this.warnings.push(`The GHL contact ${contactId} has no opportunity in the pipeline; none was created (Create Opportunity is off)`);
				return { ...out, reason: 'no_opportunity' };
			}
			const res = await this.ghl<IDataObject>('POST', '/opportunities/', {
				body: {
					pipelineId: s.pipelineId,
					locationId: await this.location(),
					name: String(contract.name ?? `17hats contract ${hatsId}`),
					contactId,
					...(typeof contract.amount === 'number' ? { monetaryValue: contract.amount } : {}),
					...desired,
				},
				scopes: ['opportunities.write'],
			});
			opportunity = res.body.opportunity as IDataObject;
			out.action = 'created';
			out.changes = { status: { before: null, after: s.status }, pipelineStageId: { before: null, after: opportunity.pipelineStageId ?? null } };
		} else {
			const patch: IDataObject = {};
			for (const [k, v] of Object.entries(desired)) if (opportunity[k] !== v) patch[k] = v;
			if (Object.keys(patch).length > 0) {
				await this.ghl('PUT', '/opportunities/{id}', { pathParams: { id: String(opportunity.id) }, body: patch, scopes: ['opportunities.write'] });
				out.action = 'updated';
				for (const [k, v] of Object.entries(patch)) out.changes[k] = { before: opportunity[k] ?? null, after: v };
			} else out.reason = 'in_sync';
		}
		out.ghlId = String(opportunity.id);
		await this.addTags(contactId, out);
		const fresh = (await this.hats.getIfExists('contracts', hatsId)) ?? contract;
		await this.linkHats('contracts', fresh, { ghl_opportunity_id: String(opportunity.id) }, undefined);
		return out;
	}

	private async addTags(contactId: string, out: ReverseOutput): Promise<void> {
		const tags = this.settings.opportunity.tags;
		if (tags.length === 0) return;
		const contact = await this.ghlContact(contactId);
		const have = new Set(((contact?.tags as string[] | undefined) ?? []).map((t) => t.toLowerCase()));
		const missing = tags.filter((t) => !have.has(t.toLowerCase()));
		if (missing.length === 0) return;
		await this.ghl('POST', '/contacts/{contactId}/tags', { pathParams: { contactId }, body: { tags: missing }, scopes: ['contacts.write'] });
		out.changes.tags = { added: missing };
		if (out.action === 'skipped') {
			out.action = 'updated';
			delete out.reason;
		}
	}

	// ------------------------------------------------------------ invoices

	/**
	 * Records on the GHL invoice what 17hats has paid and GHL has not: the
	 * amount is 17hats' amount_paid less GHL's amountPaid, so a repeated or
	 * echoed item finds nothing left to record (never a second payment).
	 */
	async syncInvoice(invoiceItem: IDataObject): Promise<ReverseOutput> {
		const hatsId = String(invoiceItem.invoice_id);
		const out: ReverseOutput = { action: 'skipped', entity: 'invoice', hatsId, ghlId: null, changes: {}, conflicts: [], writes: this.writes, warnings: this.warnings };
		const invoice = await this.hats.getIfExists('invoices', hatsId);
		if (!invoice) return { ...out, reason: 'deleted' };
		const paid = Number(invoice.amount_paid ?? 0);
		if (!(paid > 0) && invoice.status !== 'paid') return { ...out, reason: 'not_paid' };
		const ghlId = linkOf(invoice.external_id) ?? linkOf(metadataOf(invoice.metadata).ghl_id);
		if (!ghlId) {
			this.warnings.push('This 17hats invoice is not linked to a GHL invoice (no external_id or metadata.ghl_id); nothing was recorded');
			return { ...out, reason: 'unlinked' };
		}
		out.ghlId = ghlId;
		const alt = { altId: await this.location(), altType: 'location' };
		const res = await this.ghl<IDataObject>('GET', '/invoices/{invoiceId}', {
			pathParams: { invoiceId: ghlId },
			qs: alt,
			scopes: ['invoices.readonly'],
		});
		const ghl = res.body;
		const ghlPaid = Number(ghl.amountPaid ?? 0);
		const due = Number(ghl.amountDue ?? Math.max(0, Number(ghl.total ?? 0) - ghlPaid));
		if (ghl.status === 'void') {
			this.warnings.push(`The GHL invoice ${ghlId} is void; the 17hats payment was not recorded`);
			return { ...out, reason: 'void' };
		}
		const amount = Math.round(Math.min(paid - ghlPaid, due) * 100) / 100;
		if (ghl.status === 'paid' || !(amount > 0)) return { ...out, reason: 'already_paid' };
		await this.ghl('POST', '/invoices/{invoiceId}/record-payment', {
			pathParams: { invoiceId: ghlId },
			body: {
				...alt,
				mode: this.settings.paymentMode,
				amount,
				notes: `17hats payment, invoice ${hatsId}`,
				card: { brand: '', last4: '' },
				cheque: { number: '' },
				...(typeof invoice.paid_at === 'string' ? { fulfilledAt: invoice.paid_at } : {}),
			},
			scopes: ['invoices.write'],
			// A payment is never sent twice by a retry.
			idempotent: false,
		});
		out.action = 'updated';
		out.changes = { amountPaid: { before: ghlPaid, after: Math.round((ghlPaid + amount) * 100) / 100 } };
		return out;
	}
}

/** Which 17hats record an item is: the 17hats Trigger's `entity`, or the record's id key. */
export function entityOf(json: IDataObject, chosen: ReverseEntity | 'auto'): { entity: ReverseEntity; record: IDataObject } {
	const data = json.data && typeof json.data === 'object' && !Array.isArray(json.data) ? (json.data as IDataObject) : json;
	if (chosen !== 'auto') return { entity: chosen, record: data };
	const named = String(json.entity ?? '').toLowerCase();
	if (named === 'contact' || named === 'contract' || named === 'invoice') return { entity: named, record: data };
	if (typeof data.document_id === 'string' || named === 'document') {
		throw new Error('17hats documents are not synced to GHL: use a contract or invoice item');
	}
	if (typeof data.invoice_id === 'string') return { entity: 'invoice', record: data };
	if (typeof data.contract_id === 'string' && data.contract_id.startsWith('k_')) return { entity: 'contract', record: data };
	if (typeof data.contact_id === 'string') return { entity: 'contact', record: data };
	throw new Error('The item is not a 17hats contact, contract or invoice: pass 17hats Trigger output or a 17hats record, or set "Entity"');
}
