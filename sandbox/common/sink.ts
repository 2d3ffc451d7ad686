/**
 * A webhook sink: stands in for a chat or alerting channel (Slack incoming
 * webhook, a Teams/Discord/Telegram bot URL, …). Whatever is sent to
 * `/hooks/<channel>` is recorded and answered 200, so tests and the demo can
 * read what a workflow's HTTP Request node delivered.
 *
 *   POST|PUT /hooks/:channel         record the request (JSON or text body)
 *   GET  /__admin/sink[?channel=]    what was received (oldest first)
 *   GET  /__admin/state              the same, for every channel
 *   POST /__admin/reset              forget everything (and turn faults off)
 *   GET|POST /__admin/faults         make the channel fail (429/500/503/…), as on the other fakes
 */
import { mountAdmin, dispatch } from './admin';
import { FaultInjector } from './faults';
import { Router, json, startServer, type SandboxRequest } from './http';
import { RequestLog, redactHeaders } from './requestLog';

export interface SinkEntry {
	/** 1, 2, … in arrival order. */
	id: number;
	at: string;
	channel: string;
	method: string;
	/** Headers as received, secrets redacted. */
	headers: Record<string, string>;
	/** Parsed JSON, or the text as sent. */
	body: unknown;
}

export interface WebhookSink {
	/** e.g. http://127.0.0.1:4030 */
	origin: string;
	port: number;
	/** The URL a workflow posts to for one channel: `<origin>/hooks/<channel>`. */
	hookUrl(channel: string): string;
	received(channel?: string): SinkEntry[];
	/** Resolves with the first entry (already received or arriving) that matches, or rejects after `timeoutMs`. */
	waitFor(channel: string, match?: (entry: SinkEntry) => boolean, timeoutMs?: number): Promise<SinkEntry>;
	clear(): void;
	requestLog: RequestLog;
	faults: FaultInjector;
	close(): Promise<void>;
}

export interface WebhookSinkOptions {
	/** 0 picks a free port. */
	port: number;
	host?: string;
	/** Entries kept (oldest dropped first); default 1000. */
	maxEntries?: number;
}

export async function startWebhookSink(opts: WebhookSinkOptions): Promise<WebhookSink> {
	const maxEntries = opts.maxEntries ?? 1000;
	let entries: SinkEntry[] = [];
	let nextId = 1;
	const waiters = new Set<() => void>();
	const faults = new FaultInjector({});
	const requestLog = new RequestLog();

	const received = (channel?: string) => entries.filter((e) => channel === undefined || e.channel === channel);
	const clear = () => {
		entries = [];
	};

	const record = (req: SandboxRequest) => {
		const entry: SinkEntry = {
			id: nextId++,
			at: new Date().toISOString(),
			channel: req.params.channel,
			method: req.method,
			headers: redactHeaders(req.headers),
			body: req.body !== undefined ? req.body : req.rawBody.toString('utf8'),
		};
		entries.push(entry);
		if (entries.length > maxEntries) entries.splice(0, entries.length - maxEntries);
		for (const wake of [...waiters]) wake();
		return json(200, { ok: true, id: entry.id });
	};

	const router = new Router().add('POST', '/hooks/:channel', record).add('PUT', '/hooks/:channel', record);
	mountAdmin(router, {
		faults,
		requestLog,
		state: () => ({ received: received() }),
		reset: clear,
	}).add('GET', '/__admin/sink', (req) => json(200, { received: received(req.query.get('channel') ?? undefined) }));

	const server = await startServer({
		port: opts.port,
		host: opts.host,
		name: 'sink',
		faults,
		requestLog,
		handle: async (req) =>
			await dispatch(router, req, (r, allowed) =>
				allowed.length
					? json(405, { error: { code: 'method_not_allowed', message: `Use ${allowed.join(', ')} on ${r.path}.` } })
					: json(404, { error: { code: 'not_found', message: `Post to /hooks/<channel>; nothing at ${r.path}.` } }),
			),
	});

	const waitFor = (channel: string, match: (entry: SinkEntry) => boolean = () => true, timeoutMs = 30_000) =>
		new Promise<SinkEntry>((resolve, reject) => {
			const check = () => {
				const found = received(channel).find(match);
				if (!found) return;
				done();
				resolve(found);
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`the webhook sink received nothing matching on channel "${channel}" within ${timeoutMs} ms (${received(channel).length} received)`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				waiters.delete(check);
			};
			waiters.add(check);
			check();
		});

	return {
		origin: server.url,
		port: server.port,
		hookUrl: (channel) => `${server.url}/hooks/${encodeURIComponent(channel)}`,
		received,
		waitFor,
		clear,
		requestLog,
		faults,
		close: () => server.close(),
	};
}
