/** The webhook event catalog, looked up by event name or wire `type`. */
import { GHL_WEBHOOK_EVENTS, type GhlWebhookEventInfo } from './eventCatalog';

export const ALL_EVENTS = '*';

const byWireType = new Map<string, GhlWebhookEventInfo>();
for (const event of GHL_WEBHOOK_EVENTS) {
	for (const type of event.wireTypes) if (!byWireType.has(type)) byWireType.set(type, event);
}

export function eventByType(type: unknown): GhlWebhookEventInfo | undefined {
	return typeof type === 'string' ? byWireType.get(type) : undefined;
}

/** Event names HighLevel's own wording would leave unclear or repeating once the group is dropped. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
	ContactDndUpdate: 'DND Update',
	LCEmailStats: 'LC Stats',
	ConversationUnreadWebhook: 'Unread Update',
};

/** "Contact: Create" for HighLevel's "Contact Create" in group Contact: the group once, then the event in title case. */
export function eventOptionName(event: GhlWebhookEventInfo): string {
	const withoutGroup = event.displayName.startsWith(`${event.group} `)
		? event.displayName.slice(event.group.length + 1)
		: event.displayName;
	return `${event.group}: ${SHORT_NAMES[event.name] ?? withoutGroup}`;
}

/** The event list for the trigger's multi-select: grouped by name, "All Events" first. */
export function eventOptions(): Array<{ name: string; value: string; description: string }> {
	const options = GHL_WEBHOOK_EVENTS.map((event) => ({
		name: eventOptionName(event),
		value: event.name,
		description: event.description,
	})).sort((a, b) => a.name.localeCompare(b.name));
	return [
		{ name: 'All Events', value: ALL_EVENTS, description: 'Every event HighLevel sends, including ones added later' },
		...options,
	];
}

/** Dotted paths split once (the handler reads the same few on every delivery). */
const splitPaths = new Map<string, string[]>();

function pathParts(path: string): string[] {
	let parts = splitPaths.get(path);
	if (!parts) {
		parts = path.split('.');
		if (splitPaths.size < 256) splitPaths.set(path, parts);
	}
	return parts;
}

/** Reads a dot path (`document.id`) from a payload: its own fields only, never Object.prototype's. */
export function getPath(body: unknown, path: string): unknown {
	if (!path.includes('.')) {
		return body && typeof body === 'object' && Object.hasOwn(body, path) ? (body as Record<string, unknown>)[path] : undefined;
	}
	let current: unknown = body;
	for (const key of pathParts(path)) {
		if (!current || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

export function firstString(body: unknown, paths: readonly string[]): string | undefined {
	for (const path of paths) {
		const value = getPath(body, path);
		if ((typeof value === 'string' && value !== '') || typeof value === 'number') return String(value);
	}
	return undefined;
}

/**
 * Some documented payloads carry no `type` (invoices, products, custom
 * objects …). Their family is recognised by shape; within it the event is a
 * best guess (for invoices: from the status), flagged as inferred.
 */
const SHAPES: Array<{ entity: string; test: (b: Record<string, unknown>) => boolean }> = [
	{ entity: 'Invoice', test: (b) => 'invoiceNumber' in b || ('altType' in b && 'amountPaid' in b) },
	{ entity: 'Association', test: (b) => 'associationType' in b },
	{ entity: 'Relation', test: (b) => 'firstRecordId' in b && 'secondRecordId' in b },
	{ entity: 'ObjectSchema', test: (b) => 'primaryDisplayProperty' in b },
	{ entity: 'Record', test: (b) => 'properties' in b && 'owners' in b },
	{ entity: 'Product', test: (b) => 'productType' in b },
];

/**
 * Invoice payloads carry no `type`: HighLevel's examples for every invoice
 * event are the same invoice with a different `status` ("draft" for
 * InvoiceCreate and InvoiceUpdate, "sent", "paid", "partially_paid", "void",
 * and "delete" for InvoiceDelete). The status names the event; a draft whose
 * `updatedAt` equals its `createdAt` (within a second or two) is a new invoice,
 * a later-updated draft or any other status is an update.
 */
const INVOICE_STATUS_EVENTS = new Map<string, string>([
	['paid', 'InvoicePaid'],
	['partially_paid', 'InvoicePartiallyPaid'],
	['void', 'InvoiceVoid'],
	['sent', 'InvoiceSent'],
	['delete', 'InvoiceDelete'],
]);

/** How far apart createdAt and updatedAt may be for a draft to count as just created. */
export const INVOICE_CREATE_WINDOW_MS = 2000;

function invoiceEventName(b: Record<string, unknown>): string {
	const status = String(b.status ?? '').toLowerCase();
	const named = INVOICE_STATUS_EVENTS.get(status);
	if (named) return named;
	if (status === 'draft') {
		const created = typeof b.createdAt === 'string' ? Date.parse(b.createdAt) : NaN;
		const updated = typeof b.updatedAt === 'string' ? Date.parse(b.updatedAt) : NaN;
		if (Number.isFinite(created) && (!Number.isFinite(updated) || Math.abs(updated - created) <= INVOICE_CREATE_WINDOW_MS)) {
			return 'InvoiceCreate';
		}
	}
	return 'InvoiceUpdate';
}

export interface InferredEvent {
	guess: GhlWebhookEventInfo;
	/** Every event of the family. */
	family: GhlWebhookEventInfo[];
	/**
	 * The events the Events filter is checked against: just the guess when the
	 * payload tells the event apart (invoices, by status); the whole family when
	 * nothing in it does (products, associations, relations, records, schemas).
	 */
	matches: GhlWebhookEventInfo[];
}

/** The catalog's events by entity, built once. */
const FAMILIES = new Map<string, GhlWebhookEventInfo[]>();
for (const event of GHL_WEBHOOK_EVENTS) {
	const family = FAMILIES.get(event.entity);
	if (family) family.push(event);
	else FAMILIES.set(event.entity, [event]);
}

export function inferEvent(body: unknown): InferredEvent | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const b = body as Record<string, unknown>;
	const shape = SHAPES.find((s) => s.test(b));
	if (!shape) return undefined;
	const family = FAMILIES.get(shape.entity);
	if (!family) return undefined;
	const byName = (name: string | undefined) => family.find((e) => e.name === name);
	if (shape.entity === 'Invoice') {
		const guess = byName(invoiceEventName(b));
		if (guess) return { guess, family, matches: [guess] };
	}
	const guess = family.find((e) => /Update$/.test(e.name)) ?? family[0];
	return { guess, family, matches: family };
}
