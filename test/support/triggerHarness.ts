/**
 * Runs our trigger nodes the way n8n does, through n8n-core's own contexts:
 * - `webhook()` in a WebhookContext with an express-like request (raw body,
 *   headers, client IP) and a response object, then answered the way n8n's
 *   webhook helpers answer (`noWebhookResponse`, `webhookResponse`,
 *   `workflowData`);
 * - `webhookMethods` (checkExists/create/delete) in a HookContext;
 * - `poll()` in a PollContext.
 * The package is loaded from dist/ (like harness.ts). Static data lives on the
 * Workflow and persists between calls; `restart()` simulates n8n saving it to
 * the database and loading the workflow again.
 */
import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import {
	FixtureCredentialsHelper,
	testAdditionalData,
	loadPackage,
	nodeType as fullNodeType,
	PackageCredentialTypes,
	PackageNodeTypes,
} from './harness';

export interface FakeRequestInit {
	/** The exact bytes on the wire; a string is sent as UTF-8. Objects are JSON-serialised once. */
	body?: Buffer | string | object;
	headers?: Record<string, string>;
	ip?: string;
	method?: string;
	query?: IDataObject;
}

export interface WebhookCall {
	/** The HTTP status n8n would answer with. */
	status: number;
	/** The answer's body (parsed JSON when it is JSON). */
	body: unknown;
	headers: Record<string, string>;
	/** What the node returned. */
	result: IWebhookResponseData;
	/** The items an execution would start with; [] when none is started. */
	items: IDataObject[];
	started: boolean;
}

export interface TriggerHarness {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	/** The node's static data (`getWorkflowStaticData('node')`). */
	staticData(): IDataObject;
	webhook(request: FakeRequestInit, mode?: WorkflowExecuteMode): Promise<WebhookCall>;
	hook(
		method: 'checkExists' | 'create' | 'delete',
		activation?: WorkflowActivateMode,
		mode?: WorkflowExecuteMode,
	): Promise<boolean>;
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null>;
	/** Saves static data as n8n would and loads the workflow again (new Workflow object). */
	restart(): void;
}

export interface TriggerHarnessOptions {
	/** Short node type name, e.g. `ghlTrigger`. */
	type: string;
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	name?: string;
}

/** A minimal express-like response that records what the node wrote. */
export class FakeResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	chunks: string[] = [];
	headersSent = false;
	writableEnded = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = String(value);
		return this;
	}
	writeHead(code: number, headers: Record<string, string> = {}) {
		this.statusCode = code;
		for (const [k, v] of Object.entries(headers)) this.setHeader(k, v);
		this.headersSent = true;
		return this;
	}
	write(chunk: unknown) {
		this.headersSent = true;
		this.chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
		return true;
	}
	end(chunk?: unknown) {
		if (chunk !== undefined) this.write(chunk);
		this.headersSent = true;
		this.writableEnded = true;
		return this;
	}
	json(value: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.end(JSON.stringify(value));
	}
	send(value: unknown) {
		return typeof value === 'object' && !Buffer.isBuffer(value) ? this.json(value) : this.end(value);
	}
	get text() {
		return this.chunks.join('');
	}
}

/** An express-like request as n8n's body parser leaves it: `rawBody` Buffer plus parsed `body`. */
export function fakeRequest(init: FakeRequestInit) {
	const raw =
		init.body === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(init.body)
				? init.body
				: Buffer.from(typeof init.body === 'string' ? init.body : JSON.stringify(init.body), 'utf8');
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
	let body: unknown = {};
	try {
		body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
	} catch {
		// n8n itself would answer 422 for JSON it cannot parse; the node gets the raw bytes either way.
		body = {};
	}
	const ip = init.ip ?? '127.0.0.1';
	return {
		method: init.method ?? 'POST',
		headers,
		rawBody: raw,
		body,
		query: init.query ?? {},
		params: {},
		ip,
		socket: { remoteAddress: ip },
		contentType: headers['content-type'].split(';')[0],
		encoding: 'utf-8',
		readRawBody: async () => {},
	};
}

export async function createTriggerHarness(options: TriggerHarnessOptions): Promise<TriggerHarness> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const credentialTypes = new PackageCredentialTypes(loader);
	const type = fullNodeType(options.type);
	const nodeType = nodeTypes.getByNameAndVersion(type, 1);
	const description = nodeType.description;

	// Parameters as the editor saves them: defaults filled in, hidden ones dropped.
	const parameters =
		NodeHelpers.getNodeParameters(description.properties, options.parameters ?? {}, true, false, { typeVersion: 1 }, description) ??
		{};
	const accepted = (description.credentials ?? []).map((c) => c.name);
	const credentials: NonNullable<INode['credentials']> = {};
	for (const credType of Object.keys(options.credentials ?? {})) {
		if (accepted.includes(credType)) credentials[credType] = { id: `cred-${credType}`, name: credType };
	}
	const node: INode = {
		id: 'trigger-node',
		name: options.name ?? description.defaults.name ?? 'Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials,
		webhookId: 'test-webhook-id',
	};

	let savedStaticData: IDataObject = JSON.parse(JSON.stringify(options.staticData ?? {}));
	const makeWorkflow = () =>
		new Workflow({
			id: 'trigger-test-workflow',
			name: 'trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(savedStaticData)) as IDataObject,
			settings: {},
		});
	let workflow = makeWorkflow();

	function additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return testAdditionalData(
			new FixtureCredentialsHelper(credentialTypes, options.credentials ?? {}, () => workflow),
			{ executionId: 'trigger-test-execution', ...extra },
		);
	}

	const webhookDescription: IWebhookDescription = (description.webhooks ?? [])[0] ?? {
		name: 'default',
		httpMethod: 'POST',
		path: 'webhook',
	};
	function webhookData(data: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/${String(webhookDescription.path)}`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: data,
			webhookId: node.webhookId,
		} as IWebhookData;
	}

	return {
		get workflow() {
			return workflow;
		},
		node,
		nodeType,
		staticData: () => workflow.getStaticData('node', node),

		async webhook(request, mode = 'webhook') {
			if (!nodeType.webhook) throw new Error(`${type} has no webhook()`);
			const req = fakeRequest(request);
			const res = new FakeResponse();
			const data = additionalData({ httpRequest: req, httpResponse: res } as unknown as Partial<IWorkflowExecuteAdditionalData>);
			const ctx = new WebhookContext(workflow, node, data, mode, webhookData(data), [], null);
			const result = await nodeType.webhook.call(ctx);

			// Answer as n8n's webhook helpers do (responseMode "onReceived").
			let status: number;
			let text: string;
			if (result.noWebhookResponse === true) {
				status = res.statusCode;
				text = res.text;
			} else {
				status = 200;
				text = JSON.stringify(
					result.webhookResponse !== undefined
						? result.webhookResponse
						: result.workflowData === undefined
							? { message: 'Webhook call received' }
							: { message: 'Workflow was started' },
				);
			}
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON: keep the text.
			}
			const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
			return { status, body, headers: res.headers, result, items, started: result.workflowData !== undefined };
		},

		async hook(method, activation = 'activate', mode = 'trigger') {
			const methods = nodeType.webhookMethods?.default;
			if (!methods?.[method]) throw new Error(`${type} has no webhookMethods.default.${method}`);
			const data = additionalData();
			const ctx = new HookContext(workflow, node, data, mode, activation, webhookData(data));
			return await methods[method].call(ctx);
		},

		async poll(mode = 'trigger') {
			if (!nodeType.poll) throw new Error(`${type} has no poll()`);
			const emitted: INodeExecutionData[][][] = [];
			const ctx = new PollContext(
				workflow,
				node,
				additionalData(),
				mode,
				mode === 'manual' ? 'manual' : 'activate',
				(data) => emitted.push(data),
				(error) => {
					throw error;
				},
			);
			return await nodeType.poll.call(ctx);
		},

		restart() {
			savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			workflow = makeWorkflow();
		},
	};
}
