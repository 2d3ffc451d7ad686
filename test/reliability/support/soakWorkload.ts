/**
 * The soak's 1,000 GHL events, generated from a seed: the GHL records they are
 * about (written into the fake GHL's store before the run) and, per event, the
 * change GHL made and how it reaches n8n. The same seed gives the same records
 * and the same events in the same order, so a run with faults can be compared
 * with a run without.
 *
 * Per record the events keep GHL's order (create before update, sent before
 * paid); across records they are shuffled, as deliveries arrive.
 */
import type { GhlStore, Contact, Invoice, InvoiceSchedule } from '../../../sandbox/ghl/store';
import { createDocument } from '../../../sandbox/ghl/resources/proposals';
import { recompute } from '../../../sandbox/ghl/resources/invoiceCommon';
import { mulberry32 } from '../../../sandbox/common/faults';

export const SOAK_TEMPLATES = {
	contacts: '01-ghl-contact-to-17hats-contact.json',
	welcome: '04-ghl-new-client-welcome-agreement.json',
	documents: '02b-ghl-document-workflow-webhook-to-17hats-document.json',
	invoices: '03-ghl-invoice-to-17hats-contract.json',
	renewals: '05-ghl-recurring-invoice-renewal-notice.json',
} as const;

export type Phase = 'contacts' | 'welcome' | 'documents' | 'invoices' | 'renewals' | 'deletes';

/** Phases run one after another, in this order (a document needs its contact; deletes come last). */
export const PHASES: Phase[] = ['contacts', 'welcome', 'documents', 'invoices', 'renewals', 'deletes'];

export interface SoakEvent {
	/** 0-based position in the workload; names the event in figures and failures. */
	seq: number;
	phase: Phase;
	/** GHL event type (ContactCreate, InvoicePaid …), workflow kind (document_sent …) or `renewalPeriod`. */
	kind: string;
	/** The GHL record (contact, document, invoice or schedule id). */
	recordId: string;
	/** For renewals: which morning run (0, 1, 2) picks this period up. */
	round?: number;
}

export interface SoakWorkload {
	seed: number;
	events: SoakEvent[];
	/** Writes the records into the fake GHL (before any event). */
	setUp(store: GhlStore, ghlBaseUrl: string): void;
	/** The change GHL made that this event reports; applied right before the event is delivered. */
	apply(event: SoakEvent, store: GhlStore, now: string): void;
	/** What the 17hats side must end up with. */
	expected: { welcomeContacts: string[]; renewalNotices: number };
}

export interface WorkloadSize {
	contacts: number;
	contactUpdates: number;
	/** Contacts no contact event is about (documents and invoices create them). */
	silentContacts: number;
	welcomes: number;
	welcomeRepeats: number;
	documents: number;
	viewed: number;
	completed: number;
	invoices: number;
	sent: number;
	paid: number;
	voided: number;
	schedules: number;
	periods: number;
	deletes: number;
}

/** 350 contact + 80 welcome + 200 document + 260 invoice + 75 renewal + 35 delete events = 1,000. */
export const SOAK_SIZE: WorkloadSize = {
	contacts: 120,
	contactUpdates: 230,
	silentContacts: 10,
	welcomes: 60,
	welcomeRepeats: 20,
	documents: 80,
	viewed: 70,
	completed: 50,
	invoices: 110,
	sent: 90,
	paid: 45,
	voided: 15,
	schedules: 25,
	periods: 3,
	deletes: 35,
};

export function eventCount(size: WorkloadSize): number {
	return (
		size.contacts +
		size.contactUpdates +
		size.welcomes +
		size.welcomeRepeats +
		size.documents +
		size.viewed +
		size.completed +
		size.invoices +
		size.sent +
		size.paid +
		size.voided +
		size.schedules * size.periods +
		size.deletes
	);
}

const FIRST = ['Ada', 'Bo', 'Cy', 'Dee', 'Eve', 'Finn', 'Gia', 'Hal', 'Ivy', 'Jo', 'Kai', 'Lu', 'Mo', 'Nia', 'Oz', 'Pia'];
const LAST = ['Reyes', 'Kim', 'Novak', 'Haddad', 'Okafor', 'Berg', 'Silva', 'Moreau', 'Ito', 'Lund', 'Quinn', 'Diaz'];
const CITIES = ['Austin', 'Dallas', 'Malmö', 'Lyon', 'Porto', 'Osaka', 'Leeds', 'Graz'];
const COMPANIES = ['Studio North', 'Lumen & Co', 'Atelier Sud', 'Kite Events', 'Harbor Photo', ''];

/** A 24-character hex id like GHL's, from a prefix digit and a number (stable across runs). */
const hexId = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(24 - prefix.length, '0')}`;
/** A 20-character contact id like GHL's. */
const contactId = (n: number) => `SoakCon${String(n).padStart(13, '0')}`;
const documentId = (n: number) => hexId('50a', n);
const invoiceId = (n: number) => hexId('51a', n);
const scheduleId = (n: number) => hexId('52a', n);
const periodInvoiceId = (s: number, p: number) => hexId('53a', s * 100 + p);

function shuffle<T>(items: T[], rand: () => number): T[] {
	const a = [...items];
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

/**
 * Shuffles events across records while each record's events keep their order:
 * positions are shuffled, then every record's events go into its positions in order.
 */
function interleave(events: Array<Omit<SoakEvent, 'seq'>>, rand: () => number): Array<Omit<SoakEvent, 'seq'>> {
	const shuffled = shuffle(events, rand);
	const byRecord = new Map<string, Array<Omit<SoakEvent, 'seq'>>>();
	for (const e of events) {
		const list = byRecord.get(e.recordId) ?? [];
		list.push(e);
		byRecord.set(e.recordId, list);
	}
	const taken = new Map<string, number>();
	return shuffled.map((e) => {
		const i = taken.get(e.recordId) ?? 0;
		taken.set(e.recordId, i + 1);
		return (byRecord.get(e.recordId) as Array<Omit<SoakEvent, 'seq'>>)[i];
	});
}

const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function soakWorkload(seed: number, size: WorkloadSize = SOAK_SIZE): SoakWorkload {
	const rand = mulberry32(seed);
	const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
	const totalContacts = size.contacts + size.silentContacts;
	const contactIds = Array.from({ length: totalContacts }, (_, i) => contactId(i + 1));
	const syncedContacts = contactIds.slice(0, size.contacts);

	// ------------------------------------------------------------- the events
	const raw: Record<Phase, Array<Omit<SoakEvent, 'seq'>>> = { contacts: [], welcome: [], documents: [], invoices: [], renewals: [], deletes: [] };
	for (const id of syncedContacts) raw.contacts.push({ phase: 'contacts', kind: 'ContactCreate', recordId: id });
	for (let i = 0; i < size.contactUpdates; i++) raw.contacts.push({ phase: 'contacts', kind: 'ContactUpdate', recordId: pick(syncedContacts) });

	const welcomeContacts = shuffle(syncedContacts, rand).slice(0, size.welcomes);
	for (const id of welcomeContacts) raw.welcome.push({ phase: 'welcome', kind: 'ContactTagUpdate', recordId: id });
	// GHL sends a tag update again (another tag changes, a redelivery): the agreement must still go out once.
	for (let i = 0; i < size.welcomeRepeats; i++) raw.welcome.push({ phase: 'welcome', kind: 'ContactTagUpdate', recordId: pick(welcomeContacts) });

	const docIds = Array.from({ length: size.documents }, (_, i) => documentId(i + 1));
	for (const id of docIds) raw.documents.push({ phase: 'documents', kind: 'document_sent', recordId: id });
	const viewed = shuffle(docIds, rand).slice(0, size.viewed);
	for (const id of viewed) raw.documents.push({ phase: 'documents', kind: 'document_viewed', recordId: id });
	for (const id of shuffle(viewed, rand).slice(0, size.completed)) raw.documents.push({ phase: 'documents', kind: 'document_completed', recordId: id });

	const invIds = Array.from({ length: size.invoices }, (_, i) => invoiceId(i + 1));
	for (const id of invIds) raw.invoices.push({ phase: 'invoices', kind: 'InvoiceCreate', recordId: id });
	const sent = shuffle(invIds, rand).slice(0, size.sent);
	for (const id of sent) raw.invoices.push({ phase: 'invoices', kind: 'InvoiceSent', recordId: id });
	const settled = shuffle(sent, rand);
	for (const id of settled.slice(0, size.paid)) raw.invoices.push({ phase: 'invoices', kind: 'InvoicePaid', recordId: id });
	for (const id of settled.slice(size.paid, size.paid + size.voided)) raw.invoices.push({ phase: 'invoices', kind: 'InvoiceVoid', recordId: id });
	for (const id of shuffle(invIds, rand).slice(0, size.deletes)) raw.deletes.push({ phase: 'deletes', kind: 'InvoiceDelete', recordId: id });

	const schedIds = Array.from({ length: size.schedules }, (_, i) => scheduleId(i + 1));
	for (let round = 0; round < size.periods; round++) {
		for (const id of schedIds) raw.renewals.push({ phase: 'renewals', kind: 'renewalPeriod', recordId: id, round });
	}

	const ordered = PHASES.flatMap((phase) => (phase === 'renewals' ? raw.renewals : interleave(raw[phase], rand)));
	const events: SoakEvent[] = ordered.map((e, seq) => ({ ...e, seq }));

	// ------------------------------------------------------------ the records
	const people = contactIds.map((id, i) => ({
		id,
		firstName: pick(FIRST),
		lastName: `${pick(LAST)}${i + 1}`,
		email: `soak.contact${i + 1}@example.com`,
		city: pick(CITIES),
		companyName: pick(COMPANIES),
	}));
	const docContact = docIds.map(() => pick(contactIds));
	const docAmount = docIds.map(() => 100 * (1 + Math.floor(rand() * 40)));
	const invContact = invIds.map(() => pick(contactIds));
	const invAmount = invIds.map(() => 50 * (2 + Math.floor(rand() * 100)));
	const schedContact = schedIds.map(() => pick(contactIds));
	const schedAmount = schedIds.map(() => 100 * (2 + Math.floor(rand() * 20)));
	// Values the updates write, drawn now so `apply` draws nothing (the same whatever the order of delivery).
	// Updates always name a company: a field GHL leaves out is not cleared in 17hats (the mapping's rule), so a
	// cleared company would leave whichever older value was written last.
	const updates = events.map(() => ({ city: pick(CITIES), phone: `+1512555${String(1000 + Math.floor(rand() * 9000))}`, company: pick(COMPANIES.filter(Boolean)) }));

	const invoiceRecord = (store: GhlStore, id: string, number: number, contact: Contact, amount: number, issueMs: number, now: string): Invoice => {
		const inv: Invoice = {
			_id: id,
			status: 'draft',
			liveMode: false,
			amountPaid: 0,
			altId: store.location.id,
			altType: 'location',
			name: `${contact.firstName} ${contact.lastName} - soak ${number}`,
			title: 'INVOICE',
			businessDetails: { name: store.location.name },
			invoiceNumber: String(number),
			invoiceNumberPrefix: 'INV-',
			currency: 'USD',
			contactDetails: { id: contact.id, name: `${contact.firstName} ${contact.lastName}`, email: contact.email, phoneNo: contact.phone ?? '', companyName: contact.companyName, address: { countryCode: 'US' }, customFields: [] },
			issueDate: dateOnly(issueMs),
			dueDate: dateOnly(issueMs + 14 * 86_400_000),
			discount: { type: 'percentage', value: 0 },
			invoiceItems: [{ _id: `${id.slice(0, 20)}i001`, name: 'Soak package', currency: 'USD', amount, qty: 1, taxes: [] }],
			sentTo: { email: [contact.email ?? ''] },
			total: 0,
			amountDue: 0,
			totalSummary: { subTotal: 0, discount: 0, tax: 0 },
			automaticTaxesEnabled: false,
			automaticTaxesCalculated: false,
			payments: [],
			createdAt: now,
			updatedAt: now,
		};
		recompute(inv);
		return inv;
	};

	// Fixed calendar: the periods of a monthly schedule (2 months ago, 1 month ago, today).
	const periodIssueMs = (p: number) => {
		const d = new Date();
		d.setUTCHours(12, 0, 0, 0);
		d.setUTCMonth(d.getUTCMonth() - (size.periods - 1 - p));
		return d.getTime();
	};

	const setUp = (store: GhlStore, ghlBaseUrl: string) => {
		const now = new Date().toISOString();
		// Only the soak's schedules are active (the seeded one would add items to every morning run).
		store.schedules.clear();
		for (const p of people) {
			store.contacts.set(p.id, {
				id: p.id,
				locationId: store.location.id,
				firstName: p.firstName,
				lastName: p.lastName,
				email: p.email,
				city: p.city,
				companyName: p.companyName || undefined,
				country: 'US',
				dnd: false,
				type: 'lead',
				source: 'soak',
				tags: [],
				customFields: [],
				dateAdded: now,
				dateUpdated: now,
				followers: [],
				workflows: [],
			});
		}
		docIds.forEach((id, i) => {
			const doc = createDocument(store, ghlBaseUrl, { contactId: docContact[i], name: `Soak proposal ${i + 1}`, status: 'draft', amount: docAmount[i] });
			// Stable ids: the comparison run has the same documents.
			store.documents.delete(doc._id);
			doc._id = id;
			doc.recipients.forEach((r) => (r.shareLink = r.shareLink?.replace(/[0-9a-f]{24}/, id)));
			store.documents.set(id, doc);
		});
		invIds.forEach((id, i) => {
			const contact = store.contacts.get(invContact[i]) as Contact;
			store.invoices.set(id, invoiceRecord(store, id, 5000 + i, contact, invAmount[i], Date.parse(now), now));
		});
		schedIds.forEach((id, i) => {
			const contact = store.contacts.get(schedContact[i]) as Contact;
			const schedule: InvoiceSchedule = {
				_id: id,
				status: 'active',
				liveMode: false,
				altId: store.location.id,
				altType: 'location',
				name: `${contact.firstName} ${contact.lastName} - monthly`,
				schedule: { rrule: { intervalType: 'monthly', interval: 1, startDate: dateOnly(periodIssueMs(0)) } },
				invoiceIds: [],
				businessDetails: { name: store.location.name },
				currency: 'USD',
				contactDetails: { id: contact.id, name: `${contact.firstName} ${contact.lastName}`, email: contact.email },
				discount: { type: 'percentage', value: 0 },
				items: [{ _id: `${id.slice(0, 20)}s001`, name: 'Monthly retainer', currency: 'USD', amount: schedAmount[i], qty: 1, taxes: [] }],
				total: schedAmount[i],
				title: 'INVOICE',
				termsNotes: 'Renews monthly.',
				createdAt: now,
				updatedAt: now,
			};
			store.schedules.set(id, schedule);
		});
	};

	const apply = (event: SoakEvent, store: GhlStore, now: string) => {
		const u = updates[event.seq];
		switch (event.kind) {
			case 'ContactCreate':
				return;
			case 'ContactUpdate': {
				const c = store.contacts.get(event.recordId) as Contact;
				Object.assign(c, { city: u.city, phone: u.phone, companyName: u.company, dateUpdated: now });
				return;
			}
			case 'ContactTagUpdate': {
				const c = store.contacts.get(event.recordId) as Contact;
				if (!c.tags.includes('client')) c.tags = ['client', ...c.tags];
				c.dateUpdated = now;
				return;
			}
			case 'document_sent':
			case 'document_viewed':
			case 'document_completed': {
				const d = store.documents.get(event.recordId);
				if (!d) throw new Error(`No GHL document ${event.recordId}`);
				d.status = event.kind.slice('document_'.length) as typeof d.status;
				d.updatedAt = now;
				return;
			}
			case 'InvoiceCreate':
				return;
			case 'InvoiceSent':
			case 'InvoicePaid':
			case 'InvoiceVoid': {
				const inv = store.invoices.get(event.recordId) as Invoice;
				inv.status = event.kind === 'InvoiceSent' ? 'sent' : event.kind === 'InvoicePaid' ? 'paid' : 'void';
				if (inv.status === 'paid') {
					inv.payments.push({ mode: 'card', amount: inv.total, at: now });
					inv.amountPaid = inv.total;
				}
				recompute(inv);
				inv.updatedAt = now;
				return;
			}
			case 'InvoiceDelete':
				return;
			case 'renewalPeriod': {
				// The schedule issues this period's invoice (the morning run then finds it).
				const s = store.schedules.get(event.recordId) as InvoiceSchedule;
				const p = event.round ?? 0;
				const id = periodInvoiceId(schedIds.indexOf(event.recordId) + 1, p + 1);
				const contact = store.contacts.get(s.contactDetails.id) as Contact;
				const inv = invoiceRecord(store, id, 9000 + schedIds.indexOf(event.recordId) * 10 + p, contact, s.total, periodIssueMs(p), now);
				Object.assign(inv, { status: 'sent', name: s.name, scheduleId: s._id });
				store.invoices.set(id, inv);
				s.invoiceIds.push(id);
				return;
			}
			default:
				throw new Error(`Unknown soak event kind ${event.kind}`);
		}
	};

	return { seed, events, setUp, apply, expected: { welcomeContacts, renewalNotices: size.schedules * size.periods } };
}

/** The workload scaled down (for a quick local run: SOAK_SCALE=0.1); 1 is the soak as the issue asks. */
export function scaledSize(factor: number, size: WorkloadSize = SOAK_SIZE): WorkloadSize {
	if (factor === 1) return size;
	const s = Object.fromEntries(Object.entries(size).map(([k, v]) => [k, Math.max(1, Math.round(v * factor))])) as unknown as WorkloadSize;
	s.periods = size.periods;
	s.viewed = Math.min(s.viewed, s.documents);
	s.completed = Math.min(s.completed, s.viewed);
	s.sent = Math.min(s.sent, s.invoices);
	s.paid = Math.min(s.paid, s.sent);
	s.voided = Math.min(s.voided, s.sent - s.paid);
	s.deletes = Math.min(s.deletes, s.invoices);
	s.welcomes = Math.min(s.welcomes, s.contacts);
	return s;
}
