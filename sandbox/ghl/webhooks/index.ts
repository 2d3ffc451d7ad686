/**
 * The sandbox's webhook side in one place: manual fire(), automatic delivery of
 * API changes to subscribers, and GHL-workflow-style document webhooks.
 */
import type { GhlStore } from '../store';
import type { EventSink } from '../resources/kit';
import { unprocessable } from '../errors';
import { listWebhookEvents } from '../reference';
import { WebhookDispatcher, type DeliveryResult } from './delivery';
import { buildEventPayload, sandboxEventData } from './payloads';
import type { WebhookKeys } from './signing';
import { SECRET_HEADER, buildWorkflowPayload, isWorkflowKind, kindForStatus, type WorkflowKind } from './workflow';

export interface WorkflowSubscription {
	url: string;
	kinds?: WorkflowKind[];
	secret?: string;
}

export class GhlWebhooks implements EventSink {
	readonly dispatcher: WebhookDispatcher;
	private workflowSubs: WorkflowSubscription[] = [];
	private known = new Set(listWebhookEvents());

	constructor(
		private readonly store: GhlStore,
		private readonly baseUrl: () => string,
		keys: WebhookKeys,
		retryDelayMs: number,
	) {
		this.dispatcher = new WebhookDispatcher({ keys, retryDelayMs });
	}

	/** Signed delivery of one event to one URL; resolves after the last attempt. */
	async fire(eventType: string, opts: { to: string; overrides?: Record<string, unknown> }): Promise<DeliveryResult> {
		if (!this.known.has(eventType)) throw unprocessable(`Unknown GHL webhook event ${eventType}`);
		const payload = buildEventPayload(eventType, {
			data: sandboxEventData(eventType, this.store, opts.overrides),
			locationId: this.store.location.id,
			overrides: opts.overrides,
		});
		return this.dispatcher.sendSigned(eventType, opts.to, payload);
	}

	/** EventSink: API changes go to every subscriber of that event, each with its own webhookId. */
	emit(eventType: string, data: Record<string, unknown>): void {
		for (const url of this.dispatcher.subscribersFor(eventType)) {
			const payload = buildEventPayload(eventType, { data, locationId: this.store.location.id });
			this.dispatcher.background(() => this.dispatcher.sendSigned(eventType, url, payload));
		}
	}

	async fireWorkflowWebhook(kind: WorkflowKind, opts: { to: string; secret?: string; documentId?: string }): Promise<DeliveryResult> {
		if (!isWorkflowKind(kind)) throw unprocessable(`kind must be one of: document_sent, document_viewed, document_completed, document_accepted`);
		const body = buildWorkflowPayload(kind, this.store, this.baseUrl(), opts.documentId);
		return this.dispatcher.sendPlain(kind, opts.to, body, opts.secret ? { [SECRET_HEADER]: opts.secret } : {});
	}

	subscribeWorkflow(url: string, opts: { kinds?: WorkflowKind[]; secret?: string } = {}): void {
		this.workflowSubs = this.workflowSubs.filter((s) => s.url !== url);
		this.workflowSubs.push({ url, kinds: opts.kinds?.length ? opts.kinds : undefined, secret: opts.secret });
	}

	workflowSubscriptions(): Array<Omit<WorkflowSubscription, 'secret'> & { hasSecret: boolean }> {
		return this.workflowSubs.map(({ secret, ...s }) => ({ ...s, hasSecret: !!secret }));
	}

	/** EventSink: a document's status changed → the matching workflow trigger fires. */
	documentChanged(documentId: string): void {
		const doc = this.store.documents.get(documentId);
		const kind = doc && kindForStatus(doc.status);
		if (!kind) return;
		for (const s of this.workflowSubs) {
			if (s.kinds && !s.kinds.includes(kind)) continue;
			this.dispatcher.background(() => this.fireWorkflowWebhook(kind, { to: s.url, secret: s.secret, documentId }));
		}
	}

	reset(): void {
		this.dispatcher.reset();
		this.workflowSubs = [];
	}
}
