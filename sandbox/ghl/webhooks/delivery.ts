/**
 * Outbound webhook delivery with GHL's retry rule: only a 429 answer is
 * retried (up to 6 more times, `retryDelayMs` apart — about 10 minutes in
 * production); any other status, or a network error, is final. The body is
 * serialised once and the same bytes are signed, sent and re-sent.
 */
import { signatureHeaders, type WebhookKeys } from './signing';

export interface DeliveryResult {
	/** Last HTTP status, 0 when the receiver could not be reached. */
	status: number;
	attempts: number;
}

export interface DeliveryRecord extends DeliveryResult {
	kind: 'event' | 'workflow';
	event: string;
	url: string;
	webhookId?: string;
	at: string;
	error?: string;
}

export interface Subscription {
	url: string;
	/** Event types; empty or absent means every event. */
	events?: string[];
}

export interface DispatcherOptions {
	keys: WebhookKeys;
	retryDelayMs: number;
	maxRetries?: number;
	timeoutMs?: number;
}

export class WebhookDispatcher {
	readonly log: DeliveryRecord[] = [];
	private subs: Subscription[] = [];
	private pending = new Set<Promise<unknown>>();
	private timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
	private closed = false;
	private readonly maxRetries: number;
	private readonly timeoutMs: number;

	constructor(private readonly opts: DispatcherOptions) {
		this.maxRetries = opts.maxRetries ?? 6;
		this.timeoutMs = opts.timeoutMs ?? 10_000;
	}

	subscribe(url: string, events?: string[]): void {
		this.unsubscribe(url);
		this.subs.push({ url, events: events?.length ? [...events] : undefined });
	}

	unsubscribe(url: string): void {
		this.subs = this.subs.filter((s) => s.url !== url);
	}

	subscriptions(): Subscription[] {
		return this.subs.map((s) => ({ ...s }));
	}

	subscribersFor(eventType: string): string[] {
		return this.subs.filter((s) => !s.events || s.events.includes(eventType)).map((s) => s.url);
	}

	/** Serialises once, signs those bytes, POSTs with GHL's 429 retry rule. */
	async sendSigned(eventType: string, url: string, payload: Record<string, unknown>): Promise<DeliveryResult> {
		const raw = Buffer.from(JSON.stringify(payload), 'utf8');
		const headers = { 'content-type': 'application/json', ...signatureHeaders(raw, this.opts.keys) };
		const result = await this.track(this.post(url, raw, headers, true));
		this.record({ kind: 'event', event: eventType, url, webhookId: String(payload.webhookId ?? ''), ...result });
		return { status: result.status, attempts: result.attempts };
	}

	/** GHL workflow "Webhook" action: unsigned, one attempt. */
	async sendPlain(kind: string, url: string, payload: unknown, extraHeaders: Record<string, string> = {}): Promise<DeliveryResult> {
		const raw = Buffer.from(JSON.stringify(payload), 'utf8');
		const result = await this.track(this.post(url, raw, { 'content-type': 'application/json', ...extraHeaders }, false));
		this.record({ kind: 'workflow', event: kind, url, ...result });
		return { status: result.status, attempts: result.attempts };
	}

	/** Fire-and-forget for automatic deliveries; whenIdle() waits for them. */
	background(task: () => Promise<unknown>): void {
		void this.track(task().catch(() => undefined));
	}

	/** Resolves once no delivery (including retries) is in flight. */
	async whenIdle(): Promise<void> {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
	}

	/** Stops retries and pending sleeps; in-flight requests end on their timeout. */
	close(): void {
		this.closed = true;
		for (const t of this.timers) {
			clearTimeout(t.timer);
			t.wake();
		}
		this.timers.clear();
	}

	reset(): void {
		this.subs = [];
		this.log.length = 0;
	}

	private async post(url: string, raw: Buffer, headers: Record<string, string>, retry429: boolean): Promise<DeliveryResult & { error?: string }> {
		let attempts = 0;
		for (;;) {
			attempts++;
			let status = 0;
			let error: string | undefined;
			try {
				const res = await fetch(url, { method: 'POST', headers: { 'user-agent': 'GHL-Sandbox-Webhooks/1.0', ...headers }, body: raw, signal: AbortSignal.timeout(this.timeoutMs) });
				status = res.status;
				await res.arrayBuffer().catch(() => undefined); // drain so the socket can be reused
			} catch (e) {
				error = (e as Error).message;
			}
			if (!retry429 || status !== 429 || attempts > this.maxRetries || this.closed) return { status, attempts, error };
			await this.sleep(this.opts.retryDelayMs);
			if (this.closed) return { status, attempts, error: 'sandbox closed before retry' };
		}
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.timers.delete(entry);
					resolve();
				}, ms),
				wake: resolve,
			};
			this.timers.add(entry);
		});
	}

	private track<T>(p: Promise<T>): Promise<T> {
		this.pending.add(p);
		void p.finally(() => this.pending.delete(p)).catch(() => undefined);
		return p;
	}

	private record(r: Omit<DeliveryRecord, 'at'>): void {
		this.log.push({ ...r, at: new Date().toISOString() });
		if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
	}
}
