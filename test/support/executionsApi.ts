/**
 * n8n's public executions API (`GET /api/v1/executions`), served from the
 * executions the template runner made in n8n's engine, so the report template
 * (09) reads real run data the way it does on a server: through n8n-nodes-base's
 * n8n node with an `n8nApi` credential (header X-N8N-API-KEY).
 *
 * Shapes follow n8n 2.40.7's ExecutionsPublicController: newest first, pages
 * of `limit` (default 100, at most 250) with an opaque `nextCursor`, and with
 * `includeData=true` each execution's `data` (IRunExecutionData),
 * `workflowData` and `customData`.
 */
import type { IDataObject, IRun } from 'n8n-workflow';
import { jsonStringify } from 'n8n-workflow';

import { json, Router, startServer, type SandboxRequest, type SandboxResponse } from '../../sandbox/common/http';

export interface StoredExecution {
	id: string;
	workflowId: string;
	workflowData: IDataObject;
	mode: string;
	status: 'success' | 'error';
	startedAt: Date;
	stoppedAt: Date;
	run: IRun;
}

/** What n8n saved: every execution of every workflow, in order. */
export class ExecutionStore {
	private readonly executions: StoredExecution[] = [];
	private lastId = 0;

	/** Saves an execution and returns its id, as n8n does when an execution finishes. */
	add(execution: Omit<StoredExecution, 'id'>): string {
		const id = String(++this.lastId);
		this.executions.push({ ...execution, id });
		return id;
	}

	list(): StoredExecution[] {
		return [...this.executions];
	}

	clear(): void {
		this.executions.length = 0;
	}
}

/** One execution as the public API lists it. */
export function toPublicExecution(e: StoredExecution, includeData: boolean): IDataObject {
	const base: IDataObject = {
		id: e.id,
		finished: e.status === 'success',
		mode: e.mode,
		retryOf: null,
		retrySuccessId: null,
		status: e.status,
		startedAt: e.startedAt.toISOString(),
		stoppedAt: e.stoppedAt.toISOString(),
		workflowId: e.workflowId,
		waitTill: null,
	};
	if (!includeData) return base;
	// What n8n stores and reads back: plain JSON (errors and dates serialised).
	const plain = JSON.parse(jsonStringify({ data: e.run.data, workflowData: e.workflowData }, { replaceCircularRefs: true })) as IDataObject;
	return { ...base, data: plain.data, workflowData: plain.workflowData, customData: e.run.data.resultData.metadata ?? {} };
}

const MAX_PAGE = 250;

export interface ExecutionsApi {
	/** What a user puts in the n8n API credential's Base URL, e.g. http://127.0.0.1:1234/api/v1 */
	baseUrl: string;
	apiKey: string;
	/** Requests answered so far (method, path, query). */
	requests: Array<{ method: string; path: string; query: Record<string, string> }>;
	close(): Promise<void>;
}

export async function startExecutionsApi(store: ExecutionStore, opts: { apiKey: string; port?: number }): Promise<ExecutionsApi> {
	const requests: ExecutionsApi['requests'] = [];
	const list = (req: SandboxRequest): SandboxResponse => {
		const q = req.query;
		let limit = Number(q.get('limit') ?? 100);
		let lastId = Infinity;
		const cursor = q.get('cursor');
		if (cursor) {
			try {
				const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { lastId: string; limit: number };
				lastId = Number(decoded.lastId);
				limit = decoded.limit;
			} catch {
				return json(400, { message: 'An invalid cursor was provided' });
			}
		}
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) return json(400, { message: `limit must be 1 to ${MAX_PAGE}` });
		const matching = store
			.list()
			.filter((e) => Number(e.id) < lastId)
			.filter((e) => !q.get('status') || e.status === q.get('status'))
			.filter((e) => !q.get('workflowId') || e.workflowId === q.get('workflowId'))
			.sort((a, b) => Number(b.id) - Number(a.id));
		const page = matching.slice(0, limit);
		const more = matching.length > limit;
		const includeData = q.get('includeData') === 'true';
		const nextCursor = more ? Buffer.from(JSON.stringify({ lastId: page[page.length - 1].id, limit })).toString('base64') : null;
		return json(200, { data: page.map((e) => toPublicExecution(e, includeData)), nextCursor });
	};
	const get = (req: SandboxRequest): SandboxResponse => {
		const found = store.list().find((e) => e.id === req.params.id);
		return found ? json(200, toPublicExecution(found, req.query.get('includeData') === 'true')) : json(404, { message: 'Not Found' });
	};
	const router = new Router().add('GET', '/api/v1/executions', list).add('GET', '/api/v1/executions/:id', get);
	const server = await startServer({
		port: opts.port ?? 0,
		name: 'n8n-api',
		handle: async (req) => {
			requests.push({ method: req.method, path: req.path, query: Object.fromEntries(req.query.entries()) });
			if (req.headers['x-n8n-api-key'] !== opts.apiKey) return json(401, { message: "'X-N8N-API-KEY' header required" });
			const m = router.match(req.method, req.path);
			if (!m) return json(404, { message: 'not found' });
			req.params = m.params;
			return await m.handler(req);
		},
	});
	return { baseUrl: `${server.url}/api/v1`, apiKey: opts.apiKey, requests, close: () => server.close() };
}
