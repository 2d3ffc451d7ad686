/**
 * The queue-mode test's traffic: GHL records made in the fake GHL's store, and
 * signed deliveries about them built and signed the way the fake GHL sends
 * them (same payload builder, same keys), kept as exact bytes so a replay is
 * the very same delivery.
 */
import type { GhlSandbox } from '../../sandbox';
import { SEED, buildEventPayload } from '../../sandbox/ghl';
import type { Contact, Invoice } from '../../sandbox/ghl/store';
import { sandboxEventData } from '../../sandbox/ghl/webhooks/payloads';
import { signatureHeaders, type WebhookKeys } from '../../sandbox/ghl/webhooks/signing';

export type Flow = 'contact' | 'invoice' | 'welcome';

export interface Delivery {
	flow: Flow;
	event: string;
	/** The GHL record the event is about (contact or invoice id). */
	ghlId: string;
	webhookId: string;
	body: Buffer;
	headers: Record<string, string>;
	/** For the same-contact race: the first name this event carries and its time. */
	firstName?: string;
	updatedAt?: string;
}

export interface Plan {
	/** Every distinct delivery (each must run exactly once). */
	originals: Delivery[];
	/** Sent one at a time from the pool. */
	plain: Delivery[];
	/** Sent all at once: 20 updates of one contact. */
	race: Delivery[];
	raceContactId: string;
	/** Each sent together with `copies` exact copies at the same moment. */
	concurrentReplays: Array<{ delivery: Delivery; copies: number }>;
	/** Resent one after another once everything else was sent (already processed). */
	sequentialReplays: Delivery[];
	contactIds: string[];
	welcomeIds: string[];
	invoiceIds: string[];
	/** The contacts of the invoices (synced to 17hats by the invoice flow). */
	invoiceContactIds: string[];
}

export interface PlanSize {
	contacts: number;
	welcome: number;
	invoices: number;
	race: number;
	concurrentReplayGroups: number;
	copiesPerGroup: number;
	sequentialReplays: number;
}

/** 500 deliveries: 450 distinct events (300 contacts, 30 welcome, 100 invoices, 20 about one contact) and 50 replays. */
export const DEFAULT_SIZE: PlanSize = { contacts: 300, welcome: 30, invoices: 100, race: 20, concurrentReplayGroups: 5, copiesPerGroup: 5, sequentialReplays: 25 };

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A GHL-looking id (20 characters), unique per run, kind and number. */
function ghlId(run: string, kind: string, n: number): string {
	return `Q${run}${kind}${String(n).padStart(6, '0')}`.padEnd(20, '0').slice(0, 20);
}

/** 24 hex characters, as GHL's invoice ids. */
function invoiceId(run: string, n: number): string {
	const runHex = Buffer.from(run).toString('hex').slice(0, 6).padStart(6, '0');
	return `9${runHex}${n.toString(16).padStart(17, '0')}`;
}

export function makePlan(ghl: GhlSandbox, keys: WebhookKeys, run: string, size: PlanSize = DEFAULT_SIZE): Plan {
	const store = ghl.store;
	const base = store.contacts.get(SEED.contacts[3]);
	const sentBase = store.invoices.get(SEED.invoices.sent);
	const paidBase = store.invoices.get(SEED.invoices.paid);
	if (!base || !sentBase || !paidBase) throw new Error('the fake GHL is not seeded (no base contact / invoices)');

	const addContact = (id: string, n: number, extra: Partial<Contact> = {}): Contact => {
		const c: Contact = {
			...clone(base),
			id,
			firstName: `Queue${n}`,
			lastName: `Run${run}`,
			email: `${id.toLowerCase()}@queue.example.com`,
			phone: `+1512${String(5_000_000 + n).slice(-7)}`,
			tags: [],
			dateAdded: new Date(Date.now() - 60_000).toISOString(),
			dateUpdated: new Date(Date.now() - 60_000).toISOString(),
			...extra,
		};
		store.contacts.set(id, c);
		return c;
	};

	const deliver = (flow: Flow, event: string, id: string, overrides: Record<string, unknown> = {}): Delivery => {
		const payload = buildEventPayload(event, {
			data: sandboxEventData(event, store, { id, _id: id }),
			locationId: store.location.id,
			overrides,
		});
		const body = Buffer.from(JSON.stringify(payload), 'utf8');
		return {
			flow,
			event,
			ghlId: id,
			webhookId: String(payload.webhookId),
			body,
			headers: { 'content-type': 'application/json', ...signatureHeaders(body, keys) },
		};
	};

	const contactIds: string[] = [];
	const plain: Delivery[] = [];
	for (let i = 0; i < size.contacts; i++) {
		const id = ghlId(run, 'C', i);
		addContact(id, i);
		contactIds.push(id);
		plain.push(deliver('contact', 'ContactCreate', id));
	}
	const welcomeIds: string[] = [];
	for (let i = 0; i < size.welcome; i++) {
		const id = ghlId(run, 'W', i);
		addContact(id, 1000 + i, { tags: ['client'] });
		welcomeIds.push(id);
		plain.push(deliver('welcome', 'ContactTagUpdate', id));
	}
	const invoiceIds: string[] = [];
	const invoiceContactIds: string[] = [];
	for (let i = 0; i < size.invoices; i++) {
		const contact = addContact(ghlId(run, 'I', i), 2000 + i);
		const paid = i % 3 === 2;
		const inv = clone(paid ? paidBase : sentBase) as Invoice;
		inv._id = invoiceId(run, i);
		inv.invoiceNumber = String(50_000 + i);
		inv.name = `${contact.firstName} ${contact.lastName} - services`;
		inv.contactDetails = { ...inv.contactDetails, id: contact.id, name: `${contact.firstName} ${contact.lastName}`, email: contact.email, phoneNo: contact.phone ?? '' };
		inv.sentTo = { email: [String(contact.email)] };
		delete (inv as { scheduleId?: string }).scheduleId;
		store.invoices.set(inv._id, inv);
		invoiceIds.push(inv._id);
		invoiceContactIds.push(contact.id);
		plain.push(deliver('invoice', paid ? 'InvoicePaid' : 'InvoiceSent', inv._id));
	}

	// 20 different updates of one contact, sent at the same moment; each newer than the one before.
	const raceContactId = ghlId(run, 'R', 0);
	addContact(raceContactId, 9000);
	const race: Delivery[] = [];
	const t0 = Date.now() - 30_000;
	for (let i = 0; i < size.race; i++) {
		const updatedAt = new Date(t0 + i * 1000).toISOString();
		const firstName = `Race${String(i).padStart(2, '0')}`;
		const d = deliver('contact', 'ContactUpdate', raceContactId, { firstName, dateUpdated: updatedAt, timestamp: updatedAt });
		race.push({ ...d, firstName, updatedAt });
	}

	// Interleave the flows so both workers see every kind.
	const mixed: Delivery[] = [];
	const byFlow = [plain.filter((d) => d.flow === 'contact'), plain.filter((d) => d.flow === 'invoice'), plain.filter((d) => d.flow === 'welcome')];
	while (byFlow.some((l) => l.length)) for (const l of byFlow) if (l.length) mixed.push(l.shift()!);

	// Concurrent replays: some contact deliveries go out with exact copies at once.
	const step = Math.floor(mixed.length / (size.concurrentReplayGroups + 1));
	const concurrentReplays = Array.from({ length: size.concurrentReplayGroups }, (_, g) => ({ delivery: mixed[(g + 1) * step], copies: size.copiesPerGroup }));
	const inGroups = new Set(concurrentReplays.map((g) => g.delivery.webhookId));
	// Sequential replays: earlier deliveries of every flow, resent at the end.
	const sequentialReplays = mixed.filter((d) => !inGroups.has(d.webhookId)).slice(0, size.sequentialReplays);

	return {
		originals: [...mixed, ...race],
		plain: mixed.filter((d) => !inGroups.has(d.webhookId)),
		race,
		raceContactId,
		concurrentReplays,
		sequentialReplays,
		contactIds,
		welcomeIds,
		invoiceIds,
		invoiceContactIds,
	};
}
