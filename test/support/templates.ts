/**
 * Runs the workflow templates in templates/*.json as n8n would, against the
 * sandbox (used by test/templates and by `npm run demo`):
 * - the template JSON is read as is; `setUpTemplate` applies only what a user
 *   does after importing (paste the webhook key, set the shared secret) and
 *   credentials come from sandbox fixtures;
 * - webhook triggers: a tiny HTTP server stands in for n8n's webhook endpoint;
 *   the fake GHL posts signed events to it, the raw request goes to the
 *   template's trigger node (n8n-core WebhookContext via triggerHarness), and
 *   when the trigger starts an execution the whole template runs in n8n-core's
 *   WorkflowExecute from that trigger with its output as input;
 * - poll triggers: `poll()` in a PollContext, then the same;
 * - manual / schedule triggers: the workflow runs from that node;
 * - error workflows: when an execution fails and the template's settings name
 *   an error workflow, that template runs from its Error Trigger with the data
 *   n8n gives it (`executeErrorWorkflow`);
 * - every execution is saved in `env.executions` (when given), which the fake
 *   n8n executions API serves to the report template.
 * Core node types (sticky notes, filter, set, …) come from the real
 * n8n-nodes-base package (2.40.2, what n8n 2.40.7 ships).
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IWorkflowSettings,
} from 'n8n-workflow';

import type { HatsSandbox } from '../../sandbox/hats';
import type { GhlSandbox, WebhookSink } from '../../sandbox/index';
import type { ExecutionStore } from './executionsApi';
import { ghlPitCredentials, hatsCredentials, sandboxEnvironment } from './fixtures';
import { coreNodes, createHarness, PACKAGE_NAME, PACKAGE_ROOT, type EngineHarness, type WorkflowRunResult } from './harness';
import { createTriggerHarness, type TriggerHarness, type WebhookCall } from './triggerHarness';

export const TEMPLATES_DIR = resolve(PACKAGE_ROOT, 'templates');

/** The core node types the templates may use (all from n8n-nodes-base). */
export const CORE_NODE_TYPES = ['stickyNote', 'manualTrigger', 'scheduleTrigger', 'filter', 'if', 'set', 'noOp', 'errorTrigger', 'httpRequest', 'n8n'];

/** The URL the templates' HTTP Request nodes ship with: the user pastes their channel's webhook URL over it. */
export const CHANNEL_URL_PLACEHOLDER = 'https://hooks.example.com/replace-with-your-channel-webhook';

/** The webhook sink channel a template's HTTP Request node posts to, e.g. "Send Alert" → `send-alert`. */
export const sinkChannel = (nodeName: string) => nodeName.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** n8n's base URL as the engine harness reports it (the Error Trigger's `execution.url` starts with it). */
export const N8N_BASE_URL = 'http://localhost:5678/';

export interface TemplateJson {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	active?: boolean;
	meta?: IDataObject;
	pinData?: IDataObject;
	tags?: unknown[];
}

export function templateFiles(): string[] {
	return readdirSync(TEMPLATES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

export function loadTemplate(file: string): TemplateJson {
	return JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as TemplateJson;
}

export interface SandboxEnv {
	ghl: GhlSandbox;
	hats: HatsSandbox;
	/** The shared secret a user would set on a workflow-webhook GHL Trigger. */
	workflowSecret: string;
	/** Stands in for the alert / report channel (Slack, Teams, …). */
	sink: WebhookSink;
	/** Where finished executions are saved (n8n's executions list), when the scenario needs them. */
	executions?: ExecutionStore;
	/** The n8n API credential (the fake executions API) for the report template. */
	n8nApi?: { baseUrl: string; apiKey: string };
}

/** Credentials as a user would create them for the sandbox: Environment Custom, base URLs on loopback. */
export function sandboxCredentials(env: SandboxEnv): Record<string, ICredentialDataDecryptedObject> {
	return {
		ghlPrivateIntegrationApi: ghlPitCredentials({ token: env.ghl.token, locationId: env.ghl.locationId, ...sandboxEnvironment(env.ghl.url) }),
		seventeenHatsApi: hatsCredentials({ apiKey: env.hats.apiKey, ...sandboxEnvironment(env.hats.url) }),
		ghlWebhookSecretApi: { secret: env.workflowSecret, headerName: 'x-webhook-secret' },
		...(env.n8nApi ? { n8nApi: { apiKey: env.n8nApi.apiKey, baseUrl: env.n8nApi.baseUrl } } : {}),
	};
}

/**
 * The setup steps the template's sticky notes ask for, done for the sandbox:
 * the GHL Trigger gets the (sandbox's) Ed25519 public key (the shared secret is a credential),
 * an HTTP Request node's channel URL becomes the sandbox's webhook sink.
 * Nothing else changes.
 */
export function setUpTemplate(template: TemplateJson, env: SandboxEnv): TemplateJson {
	const copy = JSON.parse(JSON.stringify(template)) as TemplateJson;
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.httpRequest' && node.parameters.url === CHANNEL_URL_PLACEHOLDER) {
			node.parameters.url = env.sink.hookUrl(sinkChannel(node.name));
		}
		if (node.type !== `${PACKAGE_NAME}.ghlTrigger`) continue;
		const p = node.parameters;
		if (p.verification === 'ed25519' || p.verification === 'ed25519OrRsa') p.ed25519PublicKeys = env.ghl.publicKeys.ed25519Pem;
	}
	return copy;
}

const shortType = (type: string) => type.slice(type.indexOf('.') + 1);

/** One execution of (part of) the template. */
export interface FlowRun {
	trigger: string;
	source: 'webhook' | 'poll' | 'manual' | 'schedule' | 'error';
	/** The id it was saved under in `env.executions` (else a per-process counter), as in n8n's executions list. */
	executionId: string;
	/** Items the trigger started the execution with. */
	itemsIn: number;
	result: WorkflowRunResult;
	/** Node error or workflow error message, if the execution failed. */
	error?: string;
	/** Every sync node's output items (both directions), in node order. */
	syncOutputs: IDataObject[];
	/** Items the GHL action nodes read (e.g. Get Many). */
	ghlRecordsRead: number;
	ms: number;
}

export interface WebhookEndpoint {
	url: string;
	calls: WebhookCall[];
	close(): Promise<void>;
}

let sharedHarness: Promise<EngineHarness> | undefined;
/** Execution ids when no store is given. */
let unsavedExecutions = 0;

/** One engine for all templates: our package plus the core nodes they use. */
export async function templateHarness(): Promise<EngineHarness> {
	sharedHarness ??= createHarness({ extraPackages: [coreNodes(...CORE_NODE_TYPES)] });
	return await sharedHarness;
}

export class TemplateRunner {
	readonly runs: FlowRun[] = [];
	private readonly pending = new Set<Promise<unknown>>();
	private readonly triggers = new Map<string, Promise<TriggerHarness>>();
	private readonly servers: WebhookEndpoint[] = [];
	private errorWorkflow?: TemplateRunner;

	private constructor(
		readonly file: string,
		readonly template: TemplateJson,
		readonly env: SandboxEnv,
		private readonly harness: EngineHarness,
	) {}

	static async create(file: string, env: SandboxEnv): Promise<TemplateRunner> {
		return new TemplateRunner(file, setUpTemplate(loadTemplate(file), env), env, await templateHarness());
	}

	/**
	 * What a user does in *Workflow settings → Error workflow*: failed executions
	 * of this template (except manual ones, as in n8n) run `errorWorkflow`.
	 */
	useErrorWorkflow(errorWorkflow: TemplateRunner): this {
		this.template.settings = { ...(this.template.settings ?? {}), errorWorkflow: errorWorkflow.template.id };
		this.errorWorkflow = errorWorkflow;
		return this;
	}

	node(name: string): INode {
		const node = this.template.nodes.find((n) => n.name === name);
		if (!node) throw new Error(`${this.file} has no node "${name}"`);
		return node;
	}

	/** The template's trigger node, kept across calls (its static data: replay store, poll state). */
	private trigger(name: string): Promise<TriggerHarness> {
		let t = this.triggers.get(name);
		if (!t) {
			const node = this.node(name);
			t = createTriggerHarness({
				type: shortType(node.type),
				name: node.name,
				parameters: node.parameters,
				credentials: sandboxCredentials(this.env),
			});
			this.triggers.set(name, t);
		}
		return t;
	}

	/** Runs the template in n8n's engine from `startNode`, fed with `items`. */
	async execute(
		startNode: string,
		items: INodeExecutionData[],
		source: FlowRun['source'],
	): Promise<FlowRun> {
		const started = Date.now();
		const result = await this.harness.runWorkflow({
			workflowId: this.template.id,
			name: this.template.name,
			nodes: this.template.nodes,
			connections: this.template.connections,
			settings: this.template.settings,
			credentials: sandboxCredentials(this.env),
			startNode,
			input: items,
			mode: source === 'webhook' ? 'webhook' : source === 'manual' ? 'manual' : 'trigger',
		});
		const mode = source === 'poll' || source === 'schedule' ? 'trigger' : source;
		const syncOutputs: IDataObject[] = [];
		let ghlRecordsRead = 0;
		let error: string | undefined;
		for (const node of this.template.nodes) {
			const nodeError = result.error(node.name);
			if (nodeError) error ??= `${node.name}: ${nodeError.message}${nodeError.description ? ` (${nodeError.description})` : ''}`;
			if (node.type === `${PACKAGE_NAME}.ghlTo17hatsSync` || node.type === `${PACKAGE_NAME}.hatsToGhlSync`) syncOutputs.push(...result.output(node.name));
			if (node.type === `${PACKAGE_NAME}.ghl`) ghlRecordsRead += result.output(node.name).length;
		}
		const workflowError = result.error();
		if (workflowError) error ??= workflowError.message;
		const saved = {
			workflowId: this.template.id,
			workflowData: { id: this.template.id, name: this.template.name, nodes: this.template.nodes, connections: this.template.connections, settings: this.template.settings ?? {} },
			mode,
			status: workflowError ? ('error' as const) : ('success' as const),
			startedAt: result.run.startedAt,
			stoppedAt: result.run.stoppedAt ?? new Date(),
			run: result.run,
		};
		const executionId = this.env.executions?.add(saved) ?? String(++unsavedExecutions);
		const run: FlowRun = {
			trigger: startNode,
			source,
			executionId,
			itemsIn: items.length,
			result,
			error,
			syncOutputs,
			ghlRecordsRead,
			ms: Date.now() - started,
		};
		this.runs.push(run);
		if (workflowError && this.errorWorkflow && source !== 'manual') await this.errorWorkflow.runAsErrorWorkflow(this, run, mode);
		return run;
	}

	/** n8n's `executeErrorWorkflow`: this template's Error Trigger gets the failed execution. */
	private async runAsErrorWorkflow(failed: TemplateRunner, run: FlowRun, mode: string): Promise<FlowRun> {
		const trigger = this.template.nodes.find((n) => n.type === 'n8n-nodes-base.errorTrigger');
		if (!trigger) throw new Error(`${this.file} has no Error Trigger`);
		const { error, lastNodeExecuted } = run.result.run.data.resultData;
		const data: IDataObject = {
			execution: {
				id: run.executionId,
				url: `${N8N_BASE_URL}workflow/${failed.template.id}/executions/${run.executionId}`,
				error: error as unknown as IDataObject,
				lastNodeExecuted,
				mode,
			},
			workflow: { id: failed.template.id, name: failed.template.name },
		};
		return await this.execute(trigger.name, [{ json: data }], 'error');
	}

	private track<T>(promise: Promise<T>): Promise<T> {
		this.pending.add(promise);
		void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
		return promise;
	}

	/**
	 * Serves the webhook trigger `triggerName` on 127.0.0.1 (any free port) at
	 * n8n's production path `/webhook/<webhookId>/ghl`. Answers as n8n does
	 * (responseMode onReceived: the answer does not wait for the execution).
	 */
	async listen(triggerName = 'GHL Trigger'): Promise<WebhookEndpoint> {
		const node = this.node(triggerName);
		const trigger = await this.trigger(triggerName);
		// Activation, as n8n does it: checks the settings, sets up the replay store.
		await trigger.hook('create');
		const calls: WebhookCall[] = [];
		const path = `/webhook/${node.webhookId ?? 'no-webhook-id'}/ghl`;
		const server: Server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				if (req.url !== path) {
					res.writeHead(404, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: `The requested webhook "${req.url ?? ''}" is not registered.` }));
					return;
				}
				const headers: Record<string, string> = {};
				for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
				void this.track(
					trigger
						.webhook({ body: Buffer.concat(chunks), headers, ip: req.socket.remoteAddress })
						.then((call) => {
							calls.push(call);
							res.writeHead(call.status, { 'content-type': 'application/json' });
							res.end(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
							if (call.started) {
								const items = call.result.workflowData?.[0] ?? [];
								void this.track(this.execute(triggerName, items, 'webhook'));
							}
						})
						.catch((error: Error) => {
							res.writeHead(500, { 'content-type': 'application/json' });
							res.end(JSON.stringify({ message: error.message }));
						}),
				);
			});
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		const { port } = server.address() as AddressInfo;
		const endpoint: WebhookEndpoint = {
			url: `http://127.0.0.1:${port}${path}`,
			calls,
			close: () => new Promise<void>((done) => server.close(() => done())),
		};
		this.servers.push(endpoint);
		return endpoint;
	}

	/** One poll of the poll trigger `triggerName`; runs the workflow when it reports something. */
	async poll(triggerName = 'GHL Poll Trigger'): Promise<FlowRun | null> {
		const trigger = await this.trigger(triggerName);
		const found = await trigger.poll();
		const items = found?.[0] ?? [];
		if (items.length === 0) return null;
		return await this.execute(triggerName, items, 'poll');
	}

	/** Runs the workflow from a manual or schedule trigger. */
	async start(triggerName: string): Promise<FlowRun> {
		const node = this.node(triggerName);
		const source = node.type === 'n8n-nodes-base.manualTrigger' ? 'manual' : 'schedule';
		return await this.execute(triggerName, [{ json: {} }], source);
	}

	/** Waits until every webhook answer and the executions it started are done. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}

	async close(): Promise<void> {
		await this.idle();
		await Promise.all(this.servers.map((s) => s.close()));
		this.servers.length = 0;
	}
}

// ------------------------------------------------------------ counting

export interface FlowTotals {
	executions: number;
	failedExecutions: number;
	itemsIn: number;
	ghlRecordsRead: number;
	/** Sync output items by action. */
	items: Record<string, number>;
	/** 17hats records by action, then by record kind (contact, project, document, contract, invoice, welcome, renewalNotice). */
	records: Record<string, Record<string, number>>;
	errors: string[];
	ms: number;
}

export function totals(runs: FlowRun[]): FlowTotals {
	const t: FlowTotals = { executions: 0, failedExecutions: 0, itemsIn: 0, ghlRecordsRead: 0, items: {}, records: {}, errors: [], ms: 0 };
	for (const run of runs) {
		t.executions++;
		t.itemsIn += run.itemsIn;
		t.ghlRecordsRead += run.ghlRecordsRead;
		t.ms += run.ms;
		if (run.error) {
			t.failedExecutions++;
			t.errors.push(run.error);
		}
		for (const out of run.syncOutputs) {
			const action = String(out.action);
			t.items[action] = (t.items[action] ?? 0) + 1;
			if (action === 'failed') {
				t.errors.push(String(out.error));
				(t.records.failed ??= {})[String(out.entity ?? 'item')] = (t.records.failed?.[String(out.entity ?? 'item')] ?? 0) + 1;
			}
			for (const step of (out.steps as IDataObject[] | undefined) ?? []) {
				const a = String(step.action);
				const byKind = (t.records[a] ??= {});
				byKind[String(step.record)] = (byKind[String(step.record)] ?? 0) + 1;
			}
		}
	}
	return t;
}

// ------------------------------------------------------------ sandbox access

export type HatsState = { data: Record<string, IDataObject[]> };

export async function hatsState(env: Pick<SandboxEnv, 'hats'>): Promise<HatsState> {
	return (await (await fetch(`${env.hats.origin}/__admin/state`)).json()) as HatsState;
}

export const byExternalId = (state: HatsState, resource: string, externalId: string): IDataObject[] =>
	(state.data[resource] ?? []).filter((r) => r.external_id === externalId);

/** A call to the fake GHL's API with the sandbox token (what a GHL user does in the GHL UI). */
export async function ghlApi(env: Pick<SandboxEnv, 'ghl'>, method: string, path: string, body?: IDataObject): Promise<IDataObject> {
	const res = await fetch(`${env.ghl.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${env.ghl.token}`, version: '2021-07-28', 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await res.json()) as IDataObject;
	if (res.status >= 300) throw new Error(`GHL sandbox ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
	return json;
}

/** The fake GHL's admin API (documents, schedules …). */
export async function ghlAdmin(env: Pick<SandboxEnv, 'ghl'>, method: string, path: string, body?: IDataObject): Promise<IDataObject> {
	const res = await fetch(`${env.ghl.url}/__admin${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await res.json()) as IDataObject;
	if (res.status >= 300) throw new Error(`GHL sandbox admin ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
	return json;
}
