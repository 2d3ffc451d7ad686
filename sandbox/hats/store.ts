/**
 * In-memory state of the fake 17hats: records per resource (in creation
 * order, which is also list order), templates, and API keys.
 */
import { randomBytes } from 'crypto';

export const RESOURCES = ['contacts', 'projects', 'documents', 'contracts', 'invoices'] as const;
export type ResourceName = (typeof RESOURCES)[number];

export const ALL_SCOPES = [
	'contacts:read',
	'contacts:write',
	'projects:read',
	'projects:write',
	'documents:read',
	'documents:write',
	'contracts:read',
	'contracts:write',
	'invoices:read',
	'invoices:write',
	'templates:read',
] as const;

export type HatsRecord = Record<string, unknown> & { metadata: Record<string, string>; external_id: string | null };

export interface Template {
	template_id: string;
	name: string;
	document_type: 'quote' | 'contract' | 'invoice' | 'questionnaire' | 'other';
}

export interface ApiKey {
	key_id: string;
	key: string;
	scopes: string[];
	created_at: string;
	/** Set when the key was rotated out: it works until this time (ms since epoch). */
	expires_at?: number;
	rotated_at?: string;
}

/** One e-mail the fake 17hats "sent" (a document or contract send): lets tests count real sends. */
export interface SentMessage {
	kind: 'document' | 'contract';
	id: string;
	contact_id: string;
	sent_at: string;
}

export const ACCOUNT = { account_id: 'acc_sandbox', account_name: '17hats Sandbox Studio' };

export const TEMPLATES: Template[] = [
	{ template_id: 'tpl_welcome_agreement', name: 'Welcome Agreement', document_type: 'contract' },
	{ template_id: 'tpl_renewal_notice', name: 'Renewal Notice', document_type: 'other' },
	{ template_id: 'tpl_standard_quote', name: 'Standard Quote', document_type: 'quote' },
	{ template_id: 'tpl_client_questionnaire', name: 'Client Questionnaire', document_type: 'questionnaire' },
	{ template_id: 'tpl_invoice', name: 'Invoice', document_type: 'invoice' },
];

export function newId(prefix: string): string {
	return prefix + randomBytes(6).toString('hex');
}

export class HatsStore {
	readonly tables: Record<ResourceName, Map<string, { seq: number; data: HatsRecord }>>;
	readonly templates: Template[] = TEMPLATES.map((t) => ({ ...t }));
	keys: ApiKey[] = [];
	readonly outbox: SentMessage[] = [];
	private seq = 0;
	private invoiceNumber = 0;

	constructor() {
		this.tables = { contacts: new Map(), projects: new Map(), documents: new Map(), contracts: new Map(), invoices: new Map() };
	}

	clear(): void {
		for (const r of RESOURCES) this.tables[r].clear();
		this.keys = [];
		this.outbox.length = 0;
		this.seq = 0;
		this.invoiceNumber = 0;
	}

	get(res: ResourceName, id: string): HatsRecord | undefined {
		return this.tables[res].get(id)?.data;
	}

	insert(res: ResourceName, id: string, data: HatsRecord): HatsRecord {
		this.tables[res].set(id, { seq: ++this.seq, data });
		return data;
	}

	delete(res: ResourceName, id: string): boolean {
		return this.tables[res].delete(id);
	}

	/** Records with their list position, in creation order. */
	entries(res: ResourceName): Array<{ seq: number; data: HatsRecord }> {
		return [...this.tables[res].values()];
	}

	all(res: ResourceName): HatsRecord[] {
		return this.entries(res).map((e) => e.data);
	}

	findByExternalId(res: ResourceName, externalId: string): HatsRecord | undefined {
		return this.all(res).find((r) => r.external_id === externalId);
	}

	nextInvoiceNumber(): string {
		return `INV-${String(++this.invoiceNumber).padStart(4, '0')}`;
	}

	// ------------------------------------------------------------------ keys

	addKey(key: string, scopes: string[]): ApiKey {
		const k: ApiKey = { key_id: newId('key_'), key, scopes: [...scopes], created_at: new Date().toISOString() };
		this.keys.push(k);
		return k;
	}

	findKey(key: string): ApiKey | undefined {
		return this.keys.find((k) => k.key === key);
	}

	/** Current key = the newest one that has not been rotated out. */
	currentKey(): ApiKey | undefined {
		return [...this.keys].reverse().find((k) => k.expires_at === undefined);
	}

	/**
	 * Issues a new key with the same scopes as the current one; every key still
	 * active keeps working for overlapSeconds, then answers 401 key_rotated.
	 */
	rotate(overlapSeconds: number, now = Date.now()): { next: ApiKey; previous?: ApiKey } {
		const previous = this.currentKey();
		const rotatedAt = new Date(now).toISOString();
		for (const k of this.keys) {
			if (k.expires_at === undefined) {
				k.expires_at = now + overlapSeconds * 1000;
				k.rotated_at = rotatedAt;
			}
		}
		const next = this.addKey('17h_' + randomBytes(18).toString('base64url'), previous?.scopes ?? [...ALL_SCOPES]);
		return { next, previous };
	}

	counts(): Record<string, number> {
		return Object.fromEntries(RESOURCES.map((r) => [r, this.tables[r].size]));
	}

	snapshot(): Record<string, unknown> {
		return Object.fromEntries(RESOURCES.map((r) => [r, this.all(r)]));
	}
}
