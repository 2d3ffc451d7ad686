/**
 * One GHL item → 17hats: the multi-step sync per entity (contact; document
 * with its contact and project; invoice as contract + invoice with documents
 * attached), the delete handling, and the use cases (welcome agreement,
 * renewal notice). Every step is an idempotent upsert keyed by external_id.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	COLLECTIONS,
	hasContactIdentity,
	MAX_WRITE_ATTEMPTS,
	mergeMetadata,
	STATUS_RANKS,
	upsertByExternalId,
	type CollectionName,
	type FieldChange,
	type HatsClient,
	type StatusRank,
	type StepResult,
	type SyncAction,
	type UpsertSpec,
} from '../../SeventeenHats/api';
import { applyMapping, type HatsTarget } from '../mapping';
import type { DecimalSeparator } from '../mapping/transforms';
import type { NormalizedItem } from './normalize';

export type DeleteMode = 'ignore' | 'mark' | 'delete';

export interface WelcomeSettings {
	trigger: 'contactTag' | 'firstInvoicePaid';
	tag: string;
	templateId: string;
	name: string;
}

export interface RenewalSettings {
	templateId: string;
	name: string;
}

export interface SyncSettings {
	overrides: IDataObject;
	amountUnits: 'major' | 'minor';
	decimalSeparator: DecimalSeparator;
	deleteMode: DeleteMode;
	matchByEmail: boolean;
	attachDocuments: boolean;
	welcome?: WelcomeSettings;
	renewal?: RenewalSettings;
	now: string;
}

export interface SyncOutput extends IDataObject {
	action: SyncAction;
	entity: string;
	event: string;
	ghlId: string;
	hatsId: string | null;
	changes: IDataObject;
	last_synced_at: string | null;
	warnings: string[];
	dryRun: boolean;
	links: IDataObject;
	steps: IDataObject[];
	/** Why the item was skipped when that is not "already in sync": `stale` (GHL's record is older than the one synced last). */
	reason?: string;
}

class StepError extends Error {}

/** The status order of the records that have one (a late GHL event never moves it back). */
const STATUS_ORDER: Partial<Record<CollectionName, StatusRank>> = {
	documents: STATUS_RANKS.document,
	contracts: STATUS_RANKS.contract,
	invoices: STATUS_RANKS.invoice,
};

/** Runs one step; a failure's message says which step (the error keeps its type, status and trace id). */
async function labelled<T>(label: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (caught) {
		const failure = caught as Error;
		if (!(failure instanceof StepError) && !failure.message.startsWith(`${label}:`)) {
			failure.message = `${label}: ${failure.message}`;
		}
		throw failure;
	}
}

function metadataFor(item: NormalizedItem, extra: IDataObject): IDataObject {
	const meta: IDataObject = { source: 'ghl', ...extra };
	if (item.locationId) meta.ghl_location_id = item.locationId;
	return meta;
}

function stepJson(step: StepResult): IDataObject {
	return {
		record: step.record,
		action: step.action,
		hatsId: step.hatsId,
		externalId: step.externalId,
		changes: step.changes as unknown as IDataObject,
		last_synced_at: step.last_synced_at,
		...(step.reason ? { reason: step.reason } : {}),
	};
}

/**
 * GHL's invoice webhooks and lists do not say which schedule an invoice came
 * from. When an earlier sync (from the schedule) filed the invoice under its
 * schedule's contract, it stays there instead of moving to a contract of its own.
 */
/** A template document that was sent already (or moved on from draft in 17hats). */
function wasSent(doc: IDataObject): boolean {
	return (doc.status !== undefined && doc.status !== null && doc.status !== 'draft') || Boolean(doc.sent_at);
}

/** A billing period (its issue date, YYYY-MM-DD) as a time; undefined when the period is not a date. */
function periodTime(period: string | undefined): string | undefined {
	if (!period || !/^\d{4}-\d{2}-\d{2}$/.test(period)) return undefined;
	const ms = Date.parse(`${period}T00:00:00Z`);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function scheduleContractOf(invoice: IDataObject | null): string | undefined {
	const scheduleId = (invoice?.metadata as IDataObject | undefined)?.ghl_schedule_id;
	return typeof scheduleId === 'string' && scheduleId !== '' ? `schedule:${scheduleId}` : undefined;
}

export class SyncRun {
	readonly steps: StepResult[] = [];
	readonly warnings: string[] = [];
	readonly links: IDataObject = {};

	constructor(
		private readonly client: HatsClient,
		private readonly item: NormalizedItem,
		private readonly settings: SyncSettings,
	) {}

	private map(target: HatsTarget, record: IDataObject): IDataObject {
		const overrides = this.item.entity === 'contact' || target !== 'contact' ? this.settings.overrides : {};
		const { values, warnings } = applyMapping(target, record, {
			overrides,
			amountUnits: this.settings.amountUnits,
			decimalSeparator: this.settings.decimalSeparator,
		});
		this.warnings.push(...warnings.map((w) => `${target}.${w}`));
		return values;
	}

	/** An upsert of this run; a record with a status never has it moved back. */
	private async upsert(spec: UpsertSpec): Promise<StepResult> {
		return await upsertByExternalId(this.client, { ...spec, statusOrder: STATUS_ORDER[spec.collection] });
	}

	private async step(run: () => Promise<StepResult>, label: string): Promise<StepResult> {
		const result = await labelled(label, run);
		this.steps.push(result);
		this.warnings.push(...result.warnings);
		return result;
	}

	// ------------------------------------------------------------ contacts

	private contactSpec(ghlContact: IDataObject, ghlContactId: string): UpsertSpec {
		const values = this.map('contact', ghlContact);
		const email = values.email as string | undefined;
		return {
			record: 'contact',
			collection: 'contacts',
			externalId: ghlContactId,
			desired: values,
			metadata: metadataFor(this.item, { ghl_id: ghlContactId }),
			email: this.settings.matchByEmail ? email : undefined,
			now: this.settings.now,
		};
	}

	private checkContactCreatable(values: IDataObject, ghlContactId: string): void {
		if (!hasContactIdentity(values)) {
			throw new StepError(
				`Cannot create the 17hats contact for GHL contact ${ghlContactId}: it has no first name, last name or e-mail (GHL fields "firstName", "lastName", "email")`,
			);
		}
	}

	async syncContact(): Promise<StepResult> {
		const spec = this.contactSpec(this.item.record, this.item.ghlId);
		const result = await this.step(
			async () =>
				await this.upsert({
					...spec,
					ghlUpdatedAt: this.item.updatedAt,
					validateCreate: (body) => this.checkContactCreatable(body, this.item.ghlId),
				}),
			'Contact',
		);
		this.links.contactId = result.hatsId;
		return result;
	}

	/** The 17hats contact of a document or invoice: linked if it exists, created (with a project) if not. */
	private async ensureContact(): Promise<{ contact: StepResult; projectId: string | null }> {
		const ghlContact = this.item.contact ?? {};
		const ghlContactId = String(ghlContact.id);
		this.links.ghlContactId = ghlContactId;
		const contact = await this.step(async () => {
			const existing = await this.client.findOne('contacts', { external_id: ghlContactId });
			if (existing) {
				return {
					record: 'contact',
					action: 'skipped',
					hatsId: String(existing.contact_id),
					externalId: ghlContactId,
					changes: {},
					last_synced_at: (existing.last_synced_at as string) ?? null,
					current: existing,
					warnings: [],
				};
			}
			const spec = this.contactSpec(ghlContact, ghlContactId);
			return await this.upsert({
				...spec,
				lookedUp: null,
				validateCreate: (body) => this.checkContactCreatable(body, ghlContactId),
			});
		}, 'Contact');
		this.links.contactId = contact.hatsId;
		const project = await this.ensureProject(contact, ghlContactId);
		return { contact, projectId: project.hatsId };
	}

	/** The contact's project (17hats needs one before anything is sent): first existing, else created. */
	private async ensureProject(contact: StepResult, ghlContactId: string): Promise<StepResult> {
		const externalId = `contact:${ghlContactId}`;
		const project = await this.step(async () => {
			if (contact.hatsId) {
				const existing =
					(await this.client.findOne('projects', { external_id: externalId })) ??
					(await this.client.findOne('projects', { contact_id: contact.hatsId }));
				if (existing) {
					return {
						record: 'project',
						action: 'skipped',
						hatsId: String(existing.project_id),
						externalId,
						changes: {},
						last_synced_at: (existing.last_synced_at as string) ?? null,
						current: existing,
						warnings: [],
					};
				}
			}
			const c = contact.current ?? {};
			const name = [c.first_name, c.last_name].filter(Boolean).join(' ') || String(c.email ?? ghlContactId);
			return await this.upsert({
				lookedUp: null,
				record: 'project',
				collection: 'projects',
				externalId,
				desired: { contact_id: contact.hatsId ?? undefined },
				createDefaults: { name: `${name} (GHL)` },
				metadata: metadataFor(this.item, { ghl_contact_id: ghlContactId }),
				now: this.settings.now,
			});
		}, 'Project');
		this.links.projectId = project.hatsId;
		return project;
	}

	// ----------------------------------------------------------- documents

	async syncDocument(): Promise<StepResult> {
		const { contact, projectId } = await this.ensureContact();
		const values = this.map('document', this.item.record);
		const document = await this.step(
			async () =>
				await this.upsert({
					record: 'document',
					collection: 'documents',
					externalId: this.item.ghlId,
					desired: { ...values, contact_id: contact.hatsId ?? undefined, project_id: projectId ?? undefined },
					createDefaults: { name: `GHL document ${this.item.ghlId}`, document_type: 'other' },
					metadata: metadataFor(this.item, { ghl_id: this.item.ghlId, ghl_contact_id: String(this.item.contact?.id) }),
					ghlUpdatedAt: this.item.updatedAt,
					now: this.settings.now,
				}),
			'Document',
		);
		this.links.documentId = document.hatsId;
		return document;
	}

	// ------------------------------------------------------------ invoices

	async syncInvoice(): Promise<{ contract: StepResult; invoice: StepResult }> {
		const { contact, projectId } = await this.ensureContact();
		const schedule = this.item.schedule;
		const contractValues = this.map('contract', this.item.record);
		if (schedule) {
			contractValues.renewal_date = schedule.renewalDate;
			contractValues.auto_renew = schedule.autoRenew;
		}
		const invoiceNumber = this.item.record.invoiceNumber;
		// Looked up first: it tells which contract an earlier sync filed it under.
		const existingInvoice =
			(await labelled('Invoice', async () => await this.client.findOne('invoices', { external_id: this.item.ghlId }))) ??
			null;
		const contractExternalId = schedule
			? `schedule:${schedule.id}`
			: (scheduleContractOf(existingInvoice) ?? `invoice:${this.item.ghlId}`);
		const contract = await this.step(
			async () =>
				await this.upsert({
					record: 'contract',
					collection: 'contracts',
					externalId: contractExternalId,
					desired: { ...contractValues, contact_id: contact.hatsId ?? undefined, project_id: projectId ?? undefined },
					createDefaults: { name: invoiceNumber ? `Invoice ${String(invoiceNumber)}` : `GHL invoice ${this.item.ghlId}` },
					metadata: metadataFor(
						this.item,
						schedule ? { ghl_schedule_id: schedule.id } : { ghl_invoice_id: this.item.ghlId },
					),
					// A recurring contract stays active while new periods are drafted or sent.
					adjust: schedule
						? (desired, current) =>
								current.status === 'active' && (desired.status === 'draft' || desired.status === 'sent')
									? { ...desired, status: 'active' }
									: desired
						: undefined,
					// A schedule's contract follows its periods in calendar order, not its invoices' update times
					// (last period's invoice paid today must not hold back this period): an older period met later
					// (a retried execution, a late event) leaves the contract as the newer one set it.
					ghlUpdatedAt: contractExternalId.startsWith('schedule:') ? periodTime(schedule?.period) : this.item.updatedAt,
					now: this.settings.now,
				}),
			'Contract',
		);
		this.links.contractId = contract.hatsId;

		const invoiceValues = this.map('invoice', this.item.record);
		const invoice = await this.step(
			async () =>
				await this.upsert({
					record: 'invoice',
					collection: 'invoices',
					externalId: this.item.ghlId,
					lookedUp: existingInvoice,
					desired: { ...invoiceValues, contact_id: contact.hatsId ?? undefined, contract_id: contract.hatsId ?? undefined },
					requiredOnCreate: [{ field: 'amount', ghlField: 'total' }],
					metadata: metadataFor(this.item, {
						ghl_id: this.item.ghlId,
						...(schedule ? { ghl_schedule_id: schedule.id, ghl_period: schedule.period } : {}),
					}),
					ghlUpdatedAt: this.item.updatedAt,
					now: this.settings.now,
				}),
			'Invoice',
		);
		this.links.invoiceId = invoice.hatsId;

		if (this.settings.attachDocuments) await this.attachDocuments(contract, contact);
		return { contract, invoice };
	}

	/** Attaches the contact's GHL-synced documents to the contract (POST /contracts/{id}/documents). */
	private async attachDocuments(contract: StepResult, contact: StepResult): Promise<void> {
		if (!contact.hatsId) return;
		const attached = new Set(((contract.current?.document_ids as string[]) ?? []).map(String));
		const documents = await labelled(
			'Attach documents',
			async () => await this.client.findAll('documents', { contact_id: contact.hatsId, 'metadata.source': 'ghl' }),
		);
		const toAttach = documents.map((d) => String(d.document_id)).filter((id) => !attached.has(id));
		const done: string[] = [];
		for (const documentId of toAttach) {
			if (!this.client.dryRun && contract.hatsId) {
				const contractId = contract.hatsId;
				await labelled(
					`Attach document ${documentId}`,
					async () =>
						await this.client.postTo('contracts', contractId, 'documents', { document_id: documentId }, { idempotent: true }),
				);
			}
			done.push(documentId);
		}
		this.links.attachedDocumentIds = [...attached, ...done];
		if (done.length > 0) {
			contract.changes.document_ids = { before: [...attached], after: [...attached, ...done] } as FieldChange;
			if (contract.action === 'skipped') contract.action = 'updated';
		}
	}

	// ----------------------------------------------------------- use cases

	/**
	 * A document made from a 17hats template and sent, exactly once per
	 * external id (welcome:<ghlContactId>, renewal:<scheduleId>:<period>).
	 *
	 * Whether to send is decided by 17hats, not by which run created the
	 * document: any run that finds it unsent sends it (the run that created it,
	 * one that met it after a lost answer or a lost race, a later run finishing
	 * what a failed one left), and the send is conditional (`if_unsent`), so of
	 * racing runs exactly one sends and a repeated send never sends twice.
	 */
	private async sendOnce(
		record: string,
		externalId: string,
		templateId: string,
		name: string,
		contact: StepResult,
		projectId: string | null,
		extraMeta: IDataObject,
	): Promise<StepResult> {
		const noun = record === 'welcome' ? 'welcome agreement' : 'renewal notice';
		return await this.step(async () => {
			const outcome = (doc: IDataObject, action: SyncAction, changes: Record<string, FieldChange>, warnings: string[]): StepResult => ({
				record,
				externalId,
				action,
				hatsId: String(doc.document_id),
				changes,
				last_synced_at: (doc.last_synced_at as string) ?? null,
				current: doc,
				warnings,
			});
			const existing = await this.client.findOne('documents', { external_id: externalId });
			if (existing && wasSent(existing)) return outcome(existing, 'skipped', {}, []);
			// Created here (also when 17hats applied the create and its answer was lost), or met as another run made it.
			const made = existing
				? undefined
				: await this.upsert({
						lookedUp: null,
						record,
						collection: 'documents',
						externalId,
						desired: {
							contact_id: contact.hatsId ?? undefined,
							project_id: projectId ?? undefined,
							template_id: templateId,
							name,
							document_type: 'contract',
						},
						metadata: { source: 'ghl-sync', use_case: record, ...extraMeta },
						now: this.settings.now,
					});
			const createdHere = made?.action === 'created';
			const warnings = [...(made?.warnings ?? [])];
			const doc = made?.current ?? existing ?? {};
			if (!createdHere && wasSent(doc)) return outcome(doc, 'skipped', {}, warnings);
			const madeChanges = createdHere ? (made?.changes ?? {}) : {};
			const changes: Record<string, FieldChange> = { ...madeChanges, status: { before: doc.status ?? 'draft', after: 'sent' } };
			const action: SyncAction = createdHere ? 'created' : 'updated';
			const documentId = made ? made.hatsId : String(existing?.document_id);
			if (this.client.dryRun || !documentId) {
				return { record, externalId, action, hatsId: documentId, changes, last_synced_at: null, warnings };
			}
			const send = await this.client.sendDocumentIfUnsent(documentId);
			if ('alreadySent' in send) {
				const { sentAt } = send.alreadySent;
				warnings.push(
					`17hats shows this ${noun} already sent${sentAt ? ` (at ${String(sentAt)})` : ''}, by another run or by an earlier attempt of this send whose answer was lost; it was not sent again`,
				);
				return outcome({ ...doc, document_id: documentId }, createdHere ? 'created' : 'skipped', madeChanges, warnings);
			}
			return {
				record,
				externalId,
				action,
				hatsId: documentId,
				changes,
				last_synced_at: (send.sent.last_synced_at as string) ?? this.settings.now,
				current: send.sent,
				warnings,
			};
		}, record === 'welcome' ? 'Welcome agreement' : 'Renewal notice');
	}

	async welcome(contact: StepResult, projectId: string | null, ghlContactId: string): Promise<void> {
		const w = this.settings.welcome;
		if (!w) return;
		const result = await this.sendOnce('welcome', `welcome:${ghlContactId}`, w.templateId, w.name, contact, projectId, {
			ghl_contact_id: ghlContactId,
		});
		this.links.welcomeDocumentId = result.hatsId;
	}

	async maybeWelcomeForContact(contact: StepResult): Promise<void> {
		const w = this.settings.welcome;
		// A stale event's tags are old tags.
		if (!w || w.trigger !== 'contactTag' || contact.reason === 'stale') return;
		const tags = ((this.map('contact', this.item.record).tags as string[]) ?? []).map((t) => t.toLowerCase());
		if (!tags.includes(w.tag.trim().toLowerCase())) return;
		const project = await this.ensureProject(contact, this.item.ghlId);
		await this.welcome(contact, project.hatsId, this.item.ghlId);
	}

	async maybeWelcomeForInvoice(invoice: StepResult): Promise<void> {
		const w = this.settings.welcome;
		if (!w || w.trigger !== 'firstInvoicePaid') return;
		const status = (invoice.current?.status as string | undefined) ?? (invoice.changes.status?.after as string | undefined);
		if (status !== 'paid') return;
		const contact = this.steps.find((s) => s.record === 'contact') as StepResult;
		await this.welcome(contact, (this.links.projectId as string) ?? null, String(this.item.contact?.id));
	}

	async maybeRenewal(invoice: StepResult): Promise<void> {
		const schedule = this.item.schedule;
		const r = this.settings.renewal;
		if (!schedule || !r) return;
		const status = String(invoice.current?.status ?? '');
		if (status === 'void') return;
		const contact = this.steps.find((s) => s.record === 'contact') as StepResult;
		const result = await this.sendOnce(
			'renewalNotice',
			`renewal:${schedule.id}:${schedule.period}`,
			r.templateId,
			r.name,
			contact,
			(this.links.projectId as string) ?? null,
			{ ghl_schedule_id: schedule.id, ghl_period: schedule.period },
		);
		this.links.renewalNoticeId = result.hatsId;
	}

	// -------------------------------------------------------------- deletes

	async handleDelete(): Promise<StepResult[]> {
		const mode = this.settings.deleteMode;
		const targets: Array<{ record: string; collection: CollectionName; externalId: string; hasStatus: boolean }> =
			this.item.entity === 'contact'
				? [{ record: 'contact', collection: 'contacts', externalId: this.item.ghlId, hasStatus: false }]
				: this.item.entity === 'document'
					? [{ record: 'document', collection: 'documents', externalId: this.item.ghlId, hasStatus: true }]
					: [
							{ record: 'invoice', collection: 'invoices', externalId: this.item.ghlId, hasStatus: true },
							{ record: 'contract', collection: 'contracts', externalId: `invoice:${this.item.ghlId}`, hasStatus: true },
						];
		const results: StepResult[] = [];
		for (const t of targets) {
			const result = await this.step(async () => {
				const base = { record: t.record, externalId: t.externalId, changes: {} as Record<string, FieldChange>, warnings: [] as string[] };
				if (mode === 'ignore') {
					return { ...base, action: 'skipped', hatsId: null, last_synced_at: null, warnings: [`GHL ${this.item.event} ignored (Delete Handling: Ignore)`] };
				}
				for (let attempt = 1; ; attempt++) {
					const current = await this.client.findOne(t.collection, { external_id: t.externalId });
					if (!current) {
						return { ...base, action: 'skipped', hatsId: null, last_synced_at: null, warnings: [`No 17hats ${t.record} is linked to GHL ${t.externalId}; nothing to ${mode === 'delete' ? 'delete' : 'mark'}`] };
					}
					const hatsId = String(current[COLLECTIONS[t.collection].idKey]);
					if (mode === 'delete') {
						if (!this.client.dryRun) await this.client.remove(t.collection, hatsId);
						return { ...base, action: 'deleted', hatsId, last_synced_at: null };
					}
					const deleted = (current.metadata as IDataObject | undefined)?.ghl_deleted;
					const patch: IDataObject = {};
					if (deleted !== 'true') {
						patch.metadata = mergeMetadata(current.metadata, { ghl_deleted: 'true', ghl_deleted_at: this.settings.now });
						base.changes['metadata.ghl_deleted'] = { before: deleted ?? null, after: 'true' };
					}
					if (t.hasStatus && current.status !== 'void') {
						patch.status = 'void';
						base.changes.status = { before: current.status, after: 'void' };
					}
					if (Object.keys(patch).length === 0) {
						return { ...base, action: 'skipped', hatsId, last_synced_at: (current.last_synced_at as string) ?? null, current };
					}
					patch.last_synced_at = this.settings.now;
					if (this.client.dryRun) return { ...base, action: 'updated', hatsId, last_synced_at: null };
					// Only over the record as read: a run that wrote it meanwhile makes this one read it again.
					const readAt = typeof current.updated_at === 'string' ? current.updated_at : undefined;
					const outcome = readAt
						? await this.client.updateIfUnchanged(t.collection, hatsId, patch, readAt)
						: { updated: await this.client.update(t.collection, hatsId, patch) };
					if ('updated' in outcome) {
						return { ...base, action: 'updated', hatsId, last_synced_at: this.settings.now, current: outcome.updated };
					}
					if (attempt >= MAX_WRITE_ATTEMPTS) {
						throw this.client.failure(
							`The 17hats ${t.record} ${hatsId} kept changing while it was being marked deleted (${attempt} attempts)`,
							'Nothing was changed by this run; run it again.',
						);
					}
					base.changes = {};
				}
			}, `Delete (${t.record})`);
			results.push(result);
		}
		return results;
	}
}

function combine(actions: SyncAction[]): SyncAction {
	if (actions.includes('created')) return 'created';
	if (actions.includes('deleted')) return 'deleted';
	if (actions.includes('updated')) return 'updated';
	return 'skipped';
}

function prefixed(steps: StepResult[]): IDataObject {
	const out: IDataObject = {};
	for (const s of steps) for (const [k, v] of Object.entries(s.changes)) out[`${s.record}.${k}`] = v as unknown as IDataObject;
	return out;
}

/** Syncs one normalised item and describes what happened. */
export async function syncItem(client: HatsClient, item: NormalizedItem, settings: SyncSettings): Promise<SyncOutput> {
	const run = new SyncRun(client, item, settings);
	let primary: StepResult[];
	if (item.isDelete) {
		primary = await run.handleDelete();
	} else if (item.entity === 'contact') {
		const contact = await run.syncContact();
		primary = [contact];
		await run.maybeWelcomeForContact(contact);
	} else if (item.entity === 'document') {
		primary = [await run.syncDocument()];
	} else {
		const { contract, invoice } = await run.syncInvoice();
		primary = [contract, invoice];
		await run.maybeWelcomeForInvoice(invoice);
		await run.maybeRenewal(invoice);
	}
	const main = primary[primary.length - 1];
	const changes = primary.length === 1 ? (main.changes as unknown as IDataObject) : prefixed(primary);
	const synced = primary.map((s) => s.last_synced_at).filter((v): v is string => typeof v === 'string').sort();
	const action = combine(primary.map((s) => s.action));
	const reason = action === 'skipped' ? primary.find((s) => s.reason)?.reason : undefined;
	return {
		action,
		...(reason ? { reason } : {}),
		entity: item.entity,
		event: item.event,
		ghlId: item.ghlId,
		hatsId: main.hatsId,
		changes,
		last_synced_at: synced.length > 0 ? synced[synced.length - 1] : null,
		warnings: [...new Set(run.warnings)],
		dryRun: client.dryRun,
		links: run.links,
		steps: run.steps.map(stepJson),
	};
}
