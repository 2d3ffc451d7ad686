/**
 * What the GHL Trigger does with one delivery, as a function of the request
 * (raw bytes, headers, client IP), the node's settings and the replay guard:
 * refuse it (400/401/403/409/413), ignore it (200, no execution) or accept it
 * (200 and one normalised item). The node only wires n8n to this.
 */
import type { IDataObject } from 'n8n-workflow';
import type { KeyObject } from 'crypto';

import { readJsonBody } from './body';
import { ALL_EVENTS, eventByType, firstString, getPath, inferEvent } from './events';
import { ipAllowed, type Cidr } from './ipAllowlist';
import { checkTimestamp } from './replay';
import { secretMatches, verifySignature } from './signature';

export type Verification = 'ed25519' | 'rsa' | 'ed25519OrRsa' | 'sharedSecret' | 'none';
export type Source = 'app' | 'workflow';

export const ED25519_HEADER = 'x-ghl-signature';
export const RSA_HEADER = 'x-wh-signature';

export interface TriggerSettings {
	source: Source;
	/** Event names from the catalog, or '*' for all. App source only. */
	events: string[];
	/** Only these locations (sub-accounts); empty = any. */
	locationIds: string[];
	verification: Verification;
	ed25519Keys: KeyObject[];
	rsaKeys: KeyObject[];
	secretHeader: string;
	secret: string;
	/** 0 turns the timestamp check off. */
	toleranceMs: number;
	requireTimestamp: boolean;
	rejectReplays: boolean;
	ipAllowlist: Cidr[];
	/** Larger bodies are refused (413) before anything else is checked. */
	maxBodyBytes: number;
	/** Deeper JSON is refused (400). */
	maxJsonDepth: number;
	/** Workflow source: the event name to report, or 'custom' to read it from `eventField`. */
	workflowEvent: string;
	eventField: string;
}

export interface Delivery {
	raw: Buffer | undefined;
	headers: Record<string, string | string[] | undefined>;
	ip: string | undefined;
	now: number;
}

/** Remembers webhookIds: false when this one was seen before. */
export interface ReplayGuard {
	firstSeen(webhookId: string): boolean;
}

type RefusalStatus = 400 | 401 | 403 | 409 | 413;

export type Outcome =
	| { kind: 'reject'; status: RefusalStatus; body: IDataObject }
	| { kind: 'ignore'; status: 200; body: IDataObject }
	| { kind: 'accept'; status: 200; body: IDataObject; item: IDataObject };

/** Events a GHL workflow's Webhook action can stand for (Documents & Contracts and more). */
export const WORKFLOW_EVENTS: Readonly<Record<string, { entity: string; name: string; description: string }>> = {
	DocumentSent: { entity: 'Document', name: 'Document: Sent', description: 'Documents & Contracts: document sent' },
	DocumentViewed: { entity: 'Document', name: 'Document: Viewed', description: 'Documents & Contracts: document viewed' },
	DocumentCompleted: {
		entity: 'Document',
		name: 'Document: Completed (Signed)',
		description: 'Documents & Contracts: document completed / signed',
	},
	DocumentAccepted: { entity: 'Document', name: 'Document: Accepted', description: 'Documents & Contracts: document accepted' },
};

const WORKFLOW_ID_PATHS = ['document.id', 'document._id', 'documentId', 'id', '_id', 'contact_id', 'contact.id'];
const LOCATION_PATHS = ['locationId', 'location.id', 'location_id', 'altId'];

function headerValue(headers: Delivery['headers'], name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	if (Array.isArray(value)) return value[0];
	return value === undefined || value === '' ? undefined : value;
}

function refuse(status: RefusalStatus, error: string, message: string): Outcome {
	// The answer names the problem, never the signature or the secret it was given.
	return { kind: 'reject', status, body: { error, message } };
}

function checkSignature(delivery: Delivery, raw: Buffer, settings: TriggerSettings): Outcome | string {
	const { verification } = settings;
	if (verification === 'none') return 'none';
	if (verification === 'sharedSecret') {
		const presented = headerValue(delivery.headers, settings.secretHeader);
		if (presented === undefined) return refuse(401, 'missing_secret', `Missing the ${settings.secretHeader} header`);
		return secretMatches(presented, settings.secret)
			? 'sharedSecret'
			: refuse(401, 'bad_secret', `The ${settings.secretHeader} header does not match`);
	}
	const ed = headerValue(delivery.headers, ED25519_HEADER);
	const rsa = headerValue(delivery.headers, RSA_HEADER);
	let scheme: 'ed25519' | 'rsa';
	if (verification === 'ed25519') scheme = 'ed25519';
	else if (verification === 'rsa') scheme = 'rsa';
	else scheme = ed !== undefined && settings.ed25519Keys.length > 0 ? 'ed25519' : 'rsa';
	const header = scheme === 'ed25519' ? ED25519_HEADER : RSA_HEADER;
	const signature = scheme === 'ed25519' ? ed : rsa;
	if (signature === undefined) {
		return refuse(
			401,
			'missing_signature',
			verification === 'ed25519OrRsa'
				? `Missing the ${ED25519_HEADER} or ${RSA_HEADER} header`
				: `Missing the ${header} header`,
		);
	}
	const keys = scheme === 'ed25519' ? settings.ed25519Keys : settings.rsaKeys;
	return verifySignature(raw, signature, keys, scheme)
		? scheme
		: refuse(401, 'bad_signature', `The ${header} signature does not verify against the configured public key(s)`);
}

/** 413 when a body of `bytes` is over the limit (checked before the body is read, verified or parsed). */
export function refuseOversize(bytes: number, settings: TriggerSettings): Outcome | undefined {
	if (bytes <= settings.maxBodyBytes) return undefined;
	return refuse(413, 'body_too_large', `The body is larger than ${Math.round(settings.maxBodyBytes / 1024)} KB (Max Body Size)`);
}

export function handleDelivery(delivery: Delivery, settings: TriggerSettings, replays: ReplayGuard): Outcome {
	if (!ipAllowed(delivery.ip, settings.ipAllowlist)) {
		return refuse(403, 'ip_not_allowed', 'This address may not call this webhook');
	}

	const raw = delivery.raw ?? Buffer.alloc(0);
	const oversize = refuseOversize(raw.length, settings);
	if (oversize) return oversize;

	const verified = checkSignature(delivery, raw, settings);
	if (typeof verified !== 'string') return verified;

	const read = readJsonBody(raw, settings.maxJsonDepth);
	if ('problem' in read) return refuse(400, read.problem.error, read.problem.message);
	const body = read.body;

	if (settings.toleranceMs > 0) {
		const verdict = checkTimestamp(body.timestamp, delivery.now, settings.toleranceMs);
		if (verdict === 'invalid') return refuse(400, 'bad_timestamp', 'The timestamp is not a date');
		if (verdict === 'stale') return refuse(401, 'stale_timestamp', 'The delivery is older than the allowed tolerance');
		if (verdict === 'future') return refuse(401, 'future_timestamp', 'The delivery is dated in the future');
		if (verdict === 'missing' && settings.requireTimestamp) {
			return refuse(401, 'missing_timestamp', 'The delivery has no timestamp');
		}
	}

	const webhookId = firstString(body, ['webhookId']);
	if (webhookId !== undefined && settings.rejectReplays && !replays.firstSeen(webhookId)) {
		return refuse(409, 'replayed', 'This webhookId was already received');
	}

	let event: string;
	let entity: string;
	let id: string | undefined;
	let eventInferred = false;
	if (settings.source === 'app') {
		const typed = eventByType(body.type);
		const inferred = typed || (typeof body.type === 'string' && body.type !== '') ? undefined : inferEvent(body);
		const info = typed ?? inferred?.guess;
		event = info?.name ?? (typeof body.type === 'string' && body.type !== '' ? body.type : 'Unknown');
		entity = info?.entity ?? 'Unknown';
		id = firstString(body, info?.idPaths ?? ['id', '_id']);
		eventInferred = inferred !== undefined;
		// An untyped payload is filtered by its inferred event (invoices: from the
		// status), or by its whole family when the payload cannot tell the events apart.
		const candidates = inferred ? inferred.matches.map((e) => e.name) : [event];
		if (!settings.events.includes(ALL_EVENTS) && !candidates.some((name) => settings.events.includes(name))) {
			return { kind: 'ignore', status: 200, body: { received: true, ignored: 'event not selected', event, webhookId: webhookId ?? null } };
		}
	} else {
		const known = Object.hasOwn(WORKFLOW_EVENTS, settings.workflowEvent) ? WORKFLOW_EVENTS[settings.workflowEvent] : undefined;
		if (known) {
			event = settings.workflowEvent;
			entity = known.entity;
		} else {
			const named = settings.eventField ? getPath(body, settings.eventField) : undefined;
			event = typeof named === 'string' && named !== '' ? named : 'WorkflowWebhook';
			entity = /^Document/i.test(event) ? 'Document' : 'Workflow';
		}
		id = firstString(body, WORKFLOW_ID_PATHS);
	}

	const locationId = firstString(body, LOCATION_PATHS);
	if (settings.locationIds.length > 0 && (!locationId || !settings.locationIds.includes(locationId))) {
		return { kind: 'ignore', status: 200, body: { received: true, ignored: 'location not selected', event, webhookId: webhookId ?? null } };
	}

	const item: IDataObject = {
		event,
		entity,
		id: id ?? null,
		locationId: locationId ?? null,
		webhookId: webhookId ?? null,
		receivedAt: new Date(delivery.now).toISOString(),
		source: settings.source,
		verifiedBy: verified,
		...(eventInferred ? { eventInferred: true } : {}),
		data: body,
	};
	return { kind: 'accept', status: 200, body: { received: true, event, webhookId: webhookId ?? null }, item };
}
