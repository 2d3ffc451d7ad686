/**
 * Runs our trigger nodes the way n8n does, through n8n-core's own contexts:
 * - `webhook()` in a WebhookContext with an express-like request (raw body,
 *   headers, client IP) and a response object, then answered the way n8n's
 *   webhook helpers answer (`noWebhookResponse`, `webhookResponse`,
 *   `workflowData`); when it returns workflowData, an execution runs in
 *   n8n-core's WorkflowExecute starting at the trigger with those items (as
 *   n8n starts it), through any `downstream` nodes;
 * - `webhookMethods` (checkExists/create/delete) in a HookContext;
 * - `poll()` in a PollContext.
 * The package is loaded from dist/ (like harness.ts).
 *
 * Static data: hooks and polls work on the activated workflow kept in memory,
 * and what they leave is saved. Every webhook request works on a fresh copy of
 * the saved data (n8n loads the workflow per request), and what `webhook()`
 * writes is kept only when the delivery starts no execution (in n8n 2.40.7 it
 * was lost when one started). `restart()` simulates an n8n restart: the saved
 * static data and n8n's processed-data store (test/support/deduplication.ts)
 * stay, everything held in memory by the process (the trigger's in-process
 * replay cache) is gone.
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
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { resetReplayCache } from '../../dist/nodes/Ghl/webhook/replayCache';
import {
	FixtureCredentialsHelper,
	testAdditionalData,
	loadExtraPackage,
	loadPackage,
	nodeType as fullNodeType,
	PackageCredentialTypes,
	PackageNodeTypes,
	readRun,
	runExecution,
	type ExtraPackage,
	type TestNode,
	type WorkflowRunResult,
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
	/** What the trigger node passed on in the execution (what the next node gets); [] when none was started. */
	items: IDataObject[];
	/** Whether an execution was started. */
	started: boolean;
	/** The execution the delivery started. */
	execution?: WorkflowRunResult;
	/** Whether `nodeName` ran in that execution. */
	ran(nodeName: string): boolean;
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
	/**
	 * An n8n restart: static data as saved, processed data (the database) kept,
	 * the process's memory (the in-process replay cache) gone.
	 */
	restart(): void;
}

export interface TriggerHarnessOptions {
	/** Short node type name, e.g. `ghlTrigger`. */
	type: string;
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	name?: string;
	/** Nodes after the trigger, chained from its main output in this order (e.g. n8n's No Operation node). */
	downstream?: TestNode[];
	/** Packages the downstream nodes come from, e.g. `coreNodes('noOp')`. */
	extraPackages?: ExtraPackage[];
	/** The workflow id (n8n keys processed data by it); unique per harness unless given. */
	workflowId?: string;
}

let harnessCount = 0;
let executionCount = 0;

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
	const extras = await Promise.all((options.extraPackages ?? []).map(loadExtraPackage));
	const nodeTypes = new PackageNodeTypes(loader, extras);
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

	const downstream: INode[] = (options.downstream ?? []).map((n, index) => ({
		...n,
		id: n.id ?? `downstream-${index}`,
		typeVersion: n.typeVersion ?? 1,
		position: n.position ?? [(index + 1) * 200, 0],
	}));
	const nodes = [node, ...downstream];
	const connections: IConnections = {};
	for (let i = 0; i < downstream.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: downstream[i].name, type: NodeConnectionTypes.Main, index: 0 }]] };
	}
	const workflowId = options.workflowId ?? `trigger-test-workflow-${++harnessCount}`;

	let savedStaticData: IDataObject = JSON.parse(JSON.stringify(options.staticData ?? {}));
	const makeWorkflow = () =>
		new Workflow({
			id: workflowId,
			name: 'trigger test',
			nodes,
			connections,
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(savedStaticData)) as IDataObject,
			settings: {},
		});
	const save = (from: Workflow) => {
		savedStaticData = JSON.parse(JSON.stringify(from.staticData)) as IDataObject;
		(from.staticData as IDataObject).__dataChanged = false;
	};
	/** n8n saves a workflow's static data when it changed (ObservableObject marks it). */
	const saveIfChanged = (from: Workflow) => {
		if ((from.staticData as IDataObject).__dataChanged === true) save(from);
	};
	// The activated workflow as n8n keeps it in memory: hooks and polls work on
	// it, and what they leave is saved.
	let workflow = makeWorkflow();
	const workflowBase = (): IWorkflowBase =>
		({
			id: workflowId,
			name: 'trigger test',
			active: true,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections,
			settings: {},
			staticData: savedStaticData,
		}) as IWorkflowBase;

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
			// n8n loads the workflow for every webhook request.
			const requestWorkflow = makeWorkflow();
			const ctx = new WebhookContext(requestWorkflow, node, data, mode, webhookData(data), [], null);
			const result = await nodeType.webhook.call(ctx);
			// What webhook() wrote survives only when no execution starts (n8n 2.40.7).
			if (result.workflowData === undefined) saveIfChanged(requestWorkflow);

			// Answer as n8n 2.40.7's webhook helpers do with responseMode "onReceived"
			// (executeWebhook + extractWebhookOnReceivedResponse).
			let status: number;
			let text: string;
			if (result.noWebhookResponse === true) {
				status = res.statusCode;
				text = res.text;
			} else if (result.workflowData === undefined) {
				status = 200;
				text = JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' });
			} else {
				// An execution starts: the description's responseData wins (n8n defaults it to
				// the string 'firstEntryJson'), then webhookResponse.
				status = 200;
				const responseData = (webhookDescription.responseData as string | undefined) ?? 'firstEntryJson';
				const answer =
					responseData === 'noData'
						? undefined
						: responseData || (result.webhookResponse ?? { message: 'Workflow was started' });
				text = answer === undefined ? '' : typeof answer === 'string' ? answer : JSON.stringify(answer);
			}
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON: keep the text.
			}
			let execution: WorkflowRunResult | undefined;
			if (result.workflowData !== undefined) {
				// The execution, as n8n starts it: the trigger node first, fed with what webhook() returned.
				const executionWorkflow = makeWorkflow();
				const run = await runExecution({
					workflow: executionWorkflow,
					workflowData: workflowBase(),
					credentialsHelper: new FixtureCredentialsHelper(credentialTypes, options.credentials ?? {}, () => executionWorkflow),
					startNode: node,
					main: result.workflowData,
					mode,
					executionId: `trigger-test-execution-${++executionCount}`,
				});
				saveIfChanged(executionWorkflow);
				execution = readRun(run, executionWorkflow);
				const failure = execution.error();
				if (failure) throw failure;
			}
			const items = execution ? execution.output(node.name) : [];
			return {
				status,
				body,
				headers: res.headers,
				result,
				items,
				started: execution !== undefined,
				execution,
				ran: (nodeName: string) => (execution?.run.data.resultData.runData[nodeName]?.length ?? 0) > 0,
			};
		},

		async hook(method, activation = 'activate', mode = 'trigger') {
			const methods = nodeType.webhookMethods?.default;
			if (!methods?.[method]) throw new Error(`${type} has no webhookMethods.default.${method}`);
			const data = additionalData();
			const ctx = new HookContext(workflow, node, data, mode, activation, webhookData(data));
			const answer = await methods[method].call(ctx);
			save(workflow);
			return answer;
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
			const found = await nodeType.poll.call(ctx);
			save(workflow);
			return found;
		},

		restart() {
			save(workflow);
			resetReplayCache();
			workflow = makeWorkflow();
		},
	};
}
