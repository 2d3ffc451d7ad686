/**
 * Runs workflows through n8n's own engine, the way n8n runs them: the package
 * is loaded from dist/ by n8n-core's PackageDirectoryLoader (which also checks
 * the package.json `n8n` section), nodes execute in WorkflowExecute with real
 * execution contexts, credentials are applied by n8n's own authenticate
 * step (a checked port of its CredentialsHelper's), and HTTP goes out through n8n-core's request stack
 * (tests intercept it with nock, or point it at the sandbox).
 */
import { resolve } from 'path';

import { ExecutionLifecycleHooks, LazyPackageDirectoryLoader, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	IConnections,
	IRequestOptionsSimplified,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression, NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';

import { processedDataStore } from './deduplication';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-ghl-17hats';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads the built package from dist/ exactly as n8n does for a community package. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

/** The full node type name n8n uses for one of our nodes, e.g. `n8n-nodes-ghl-17hats.ghl`. */
export function nodeType(shortName: string): string {
	return `${PACKAGE_NAME}.${shortName}`;
}

/** Another node package to load next to ours (e.g. n8n's own core nodes), limited to the nodes named. */
export interface ExtraPackage {
	/** The package's folder (with its package.json). */
	directory: string;
	/** Full node type names, e.g. `n8n-nodes-base.stickyNote`. */
	includeNodes: string[];
}

/** n8n's core nodes (the `n8n-nodes-base` devDependency, the version n8n 2.40.7 ships). */
export function coreNodes(...shortNames: string[]): ExtraPackage {
	return {
		directory: resolve(PACKAGE_ROOT, 'node_modules', 'n8n-nodes-base'),
		includeNodes: shortNames.map((n) => `n8n-nodes-base.${n}`),
	};
}

const extraLoaders = new Map<string, Promise<PackageDirectoryLoader>>();

/**
 * Loads another package the way n8n loads n8n-nodes-base: lazily, from its
 * dist/known index (only the included nodes are ever required).
 */
export async function loadExtraPackage(extra: ExtraPackage): Promise<PackageDirectoryLoader> {
	const key = `${extra.directory}|${[...extra.includeNodes].sort().join(',')}`;
	let promise = extraLoaders.get(key);
	if (!promise) {
		promise = (async () => {
			const loader = new LazyPackageDirectoryLoader(extra.directory, [], extra.includeNodes);
			await loader.loadAll();
			return loader;
		})();
		extraLoaders.set(key, promise);
	}
	return await promise;
}

export class PackageNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly extras: PackageDirectoryLoader[] = [],
	) {}

	private lookup(fullName: string) {
		const extra = this.extras.find((l) => fullName.startsWith(`${l.packageName}.`));
		if (extra) return extra.getNode(fullName.slice(extra.packageName.length + 1)).type;
		const short = fullName.startsWith(`${PACKAGE_NAME}.`) ? fullName.slice(PACKAGE_NAME.length + 1) : fullName;
		const entry = this.loader.nodeTypes[short] ?? this.loader.nodeTypes[fullName];
		if (!entry) throw new Error(`Unknown node type "${fullName}"`);
		return entry.type;
	}

	getByName(nodeTypeName: string): INodeType | IVersionedNodeType {
		return this.lookup(nodeTypeName);
	}

	getByNameAndVersion(nodeTypeName: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.lookup(nodeTypeName), version);
	}

	getKnownTypes() {
		return {};
	}
}

export class PackageCredentialTypes implements ICredentialTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		/** Packages whose credential types are known too (e.g. n8n's `highLevelOAuth2Api` for its own node). */
		private readonly extras: PackageDirectoryLoader[] = [],
	) {}

	private extraFor(type: string): PackageDirectoryLoader | undefined {
		return this.extras.find((l) => type in l.known.credentials);
	}

	recognizes(type: string): boolean {
		return type in this.loader.credentialTypes || this.extraFor(type) !== undefined;
	}

	getByName(type: string): ICredentialType {
		const entry = this.loader.credentialTypes[type] ?? this.extraFor(type)?.getCredential(type);
		if (!entry) throw new Error(`Unknown credential type "${type}"`);
		return entry.type;
	}

	getSupportedNodes(type: string): string[] {
		return (this.loader.known.credentials[type]?.supportedNodes ?? []).map(nodeType);
	}

	getParentTypes(type: string): string[] {
		const extendsList = this.recognizes(type) ? (this.getByName(type).extends ?? []) : [];
		return extendsList.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}

/**
 * n8n's own `CredentialsHelper.authenticate` and `resolveValue`, ported line
 * for line from n8n 2.40.7 (packages/cli/src/credentials-helper.ts). n8n-core
 * and n8n-workflow export nothing that applies an IAuthenticateGeneric: the
 * class lives only in the `n8n` CLI package, which is no devDependency (its
 * database and server layers are hundreds of MB). The port is held to the
 * real class: test/node/credentialsAuthenticate.test.ts and `npm run
 * test:n8n` run both on every credential type of the package and fail on
 * any difference (see n8nAuthConformance.ts).
 */
export async function n8nAuthenticate(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	workflow?: Workflow,
	node?: INode,
): Promise<IHttpRequestOptions> {
	const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, Record<string, unknown> | undefined>;
	if (type.authenticate) {
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions);
		}
		if (typeof type.authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
			}
			const { authenticate } = type;
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			if (authenticate.type === 'generic') {
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
						const keyResolved = n8nResolveValue(key, { $credentials: credentials }, workflow, node);
						const valueResolved = n8nResolveValue(value, { $credentials: credentials }, workflow, node);
						requestOptions[outerKey] ??= {};
						(requestOptions[outerKey] as Record<string, unknown>)[String(keyResolved)] = valueResolved;
					}
				}
			}
		}
	}
	return requestOptions;
}

/** n8n's `CredentialsHelper.resolveValue`: an expression becomes its string value ('' when falsy); anything else stays as it is. */
function n8nResolveValue(parameterValue: unknown, additionalKeys: IWorkflowDataProxyAdditionalKeys, workflow: Workflow, node: INode): unknown {
	if (!isExpression(parameterValue)) return parameterValue;
	const returnValue = workflow.expression.getSimpleParameterValue(node, parameterValue, 'internal', additionalKeys, undefined, '');
	if (!returnValue) return '';
	return returnValue.toString();
}

/**
 * Supplies credentials from test fixtures; authentication is n8n's own
 * (`n8nAuthenticate` above), with the workflow and node n8n-core passes.
 */
export class FixtureCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: PackageCredentialTypes,
		private readonly fixtures: Record<string, ICredentialDataDecryptedObject>,
		/** The workflow under test, for callers that pass no workflow (n8n-core always passes one). */
		private readonly workflowFor: () => Workflow,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		return await n8nAuthenticate(this.types.getByName(typeName), credentials, requestOptions, workflow ?? this.workflowFor(), node);
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}) is not used by these tests`);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.fixtures[type];
		if (!data) throw new Error(`No test credentials of type "${type}"`);
		// A copy: nodes must not be able to change the fixture.
		return JSON.parse(JSON.stringify(data)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.recognizes(type) ? this.types.getByName(type).properties : [];
	}
}

/**
 * What n8n's server hands the engine for one execution, reduced to what our
 * nodes and triggers use: the credentials helper, URLs and variables.
 */
export function testAdditionalData(
	credentialsHelper: ICredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executionId: 'test-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A node as tests write it: id, version and position are filled in. */
export type TestNode = Omit<INode, 'id' | 'typeVersion' | 'position'> & Partial<Pick<INode, 'id' | 'typeVersion' | 'position'>>;

export interface WorkflowRunOptions {
	nodes: TestNode[];
	connections?: IConnections;
	credentials?: Partial<Record<string, ICredentialDataDecryptedObject>>;
	/** Items fed into the start node. */
	input?: INodeExecutionData[];
	/** The node to start at; defaults to the first node. */
	startNode?: string;
	mode?: 'manual' | 'trigger' | 'webhook' | 'internal';
	staticData?: IDataObject;
	/** Workflow settings (e.g. a template's `{ executionOrder: 'v1' }`). */
	settings?: IWorkflowSettings;
	/** Workflow name shown in errors (defaults to "test"). */
	name?: string;
	/**
	 * The workflow's id (defaults to "test-workflow"). n8n keys processed data
	 * (`checkProcessedAndRecord`) by workflow id and node id: runs that share
	 * both share what was recorded.
	 */
	workflowId?: string;
}

export interface WorkflowRunResult {
	run: IRun;
	/** JSON of every item a node output on its first run, main output 0. */
	output(nodeName: string): IDataObject[];
	items(nodeName: string): INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error(nodeName?: string): (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	customData: Record<string, string>;
	workflow: Workflow;
}

export interface EngineHarness {
	nodeTypes: INodeTypes;
	credentialTypes: PackageCredentialTypes;
	loader: PackageDirectoryLoader;
	runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRunResult>;
}

export interface HarnessOptions {
	/** More node packages, e.g. `coreNodes('stickyNote', 'manualTrigger')` for n8n's own nodes. */
	extraPackages?: ExtraPackage[];
}

export interface ExecutionStart {
	workflow: Workflow;
	workflowData: IWorkflowBase;
	credentialsHelper: ICredentialsHelper;
	startNode: INode;
	/** The start node's input, one array per input (for a webhook: what `webhook()` returned as workflowData). */
	main: INodeExecutionData[][];
	mode: WorkflowExecuteMode;
	executionId?: string;
}

/**
 * One execution in n8n-core's WorkflowExecute, started at `startNode` with
 * `main` as its input — as n8n's server starts an execution (for a webhook:
 * the trigger node with the items its `webhook()` returned).
 */
export async function runExecution(start: ExecutionStart): Promise<IRun> {
	await processedDataStore();
	const executionId = start.executionId ?? 'test-execution';
	const hooks = new ExecutionLifecycleHooks(start.mode, executionId, start.workflowData);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolveRun) => (finish = resolveRun));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finish(fullRunData));
	const additionalData = testAdditionalData(start.credentialsHelper, { hooks, executionId });
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start.startNode, data: { main: start.main }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(additionalData, start.mode, runExecutionData);
	await execute.processRunExecutionData(start.workflow);
	return await finished;
}

/** Accessors over a finished run. */
export function readRun(run: IRun, workflow: Workflow): WorkflowRunResult {
	const runData = run.data.resultData.runData;
	const items = (name: string) => runData[name]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		workflow,
		items,
		output: (name) => items(name).map((item) => item.json),
		error: (name) =>
			(name ? runData[name]?.[0]?.error : run.data.resultData.error) as WorkflowRunResult['error'] extends (
				...args: never[]
			) => infer R
				? R
				: never,
		customData: (run.data.resultData.metadata ?? {}) as Record<string, string>,
	};
}

export async function createHarness(harnessOptions: HarnessOptions = {}): Promise<EngineHarness> {
	await processedDataStore();
	const loader = await loadPackage();
	const extras = await Promise.all((harnessOptions.extraPackages ?? []).map(loadExtraPackage));
	const nodeTypes = new PackageNodeTypes(loader, extras);
	const credentialTypes = new PackageCredentialTypes(loader, extras);

	async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRunResult> {
		// Attach every fixture credential the node type accepts, as the editor would.
		const attachCredentials = (node: INode): INode['credentials'] => {
			if (node.credentials) return node.credentials;
			const accepted = (nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? []).map(
				(c) => c.name,
			);
			const attached: NonNullable<INode['credentials']> = {};
			for (const type of Object.keys(options.credentials ?? {})) {
				if (accepted.includes(type)) attached[type] = { id: `cred-${type}`, name: type };
			}
			return attached;
		};
		const nodes: INode[] = options.nodes.map((node, index) => {
			const full = {
				...node,
				id: node.id ?? `node-${index}`,
				typeVersion: node.typeVersion ?? 1,
				position: node.position ?? [index * 200, 0],
			} as INode;
			return { ...full, credentials: attachCredentials(full) };
		});
		const workflowData: IWorkflowBase = {
			id: options.workflowId ?? 'test-workflow',
			name: options.name ?? 'test',
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections: options.connections ?? {},
			settings: options.settings ?? {},
			staticData: options.staticData,
		} as IWorkflowBase;
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes,
			staticData: options.staticData,
			settings: options.settings ?? {},
		});
		const credentialsHelper = new FixtureCredentialsHelper(credentialTypes, (options.credentials ?? {}) as Record<string, ICredentialDataDecryptedObject>, () => workflow);
		const startNode = options.startNode
			? workflow.getNode(options.startNode)
			: workflow.getNode(nodes[0].name);
		if (!startNode) throw new Error('No start node');
		const run = await runExecution({
			workflow,
			workflowData,
			credentialsHelper,
			startNode,
			main: [options.input ?? [{ json: {} }]],
			mode: options.mode ?? 'manual',
		});
		return readRun(run, workflow);
	}

	return { nodeTypes, credentialTypes, loader, runWorkflow };
}
