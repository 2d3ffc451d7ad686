/**
 * Runs a node's editor methods (dropdowns, searchable lists, resource mapper
 * columns) the way n8n's editor backend does: the package is loaded from dist/
 * by n8n-core's PackageDirectoryLoader, the method is called with n8n-core's
 * own LoadOptionsContext on a one-node workflow whose parameters are the
 * node's current parameters (defaults filled in, as the editor sends them),
 * and credentials come from fixtures through the engine harness's
 * FixtureCredentialsHelper. HTTP goes out through n8n-core's request stack,
 * so tests intercept it with nock.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { FixtureCredentialsHelper, PackageCredentialTypes, PackageNodeTypes, loadPackage, nodeType } from './harness';

export type EditorMethodKind = 'loadOptions' | 'listSearch' | 'resourceMapping';

export interface EditorCallOptions {
	/** The node's current parameters (what the user has set); defaults are filled in. */
	parameters?: INodeParameters;
	/** Credential data by credential type; each one the node accepts is attached to it. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The parameter the method serves, e.g. `parameters.followers` (used by `&`-relative lookups). */
	path?: string;
}

export interface LoadOptionsHarness {
	/** Names of a node's methods, by kind (e.g. every `methods.loadOptions` key). */
	methodNames(node: string, kind: EditorMethodKind): string[];
	loadOptions(node: string, method: string, options?: EditorCallOptions): Promise<INodePropertyOptions[]>;
	listSearch(
		node: string,
		method: string,
		options?: EditorCallOptions & { filter?: string; paginationToken?: string },
	): Promise<INodeListSearchResult>;
	resourceMapping(node: string, method: string, options?: EditorCallOptions): Promise<ResourceMapperFields>;
}

type EditorMethod = (this: LoadOptionsContext, ...args: unknown[]) => Promise<unknown>;

export async function createLoadOptionsHarness(): Promise<LoadOptionsHarness> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const credentialTypes = new PackageCredentialTypes(loader);

	const typeOf = (node: string): INodeType => nodeTypes.getByNameAndVersion(nodeType(node));

	function methodOf(node: string, kind: EditorMethodKind, name: string): EditorMethod {
		const method = (typeOf(node).methods?.[kind] as Record<string, EditorMethod> | undefined)?.[name];
		if (typeof method !== 'function') throw new Error(`Node "${node}" has no ${kind} method "${name}"`);
		return method;
	}

	/** The LoadOptionsContext n8n's editor backend builds for one call. */
	function contextFor(node: string, options: EditorCallOptions = {}): LoadOptionsContext {
		const type = typeOf(node);
		const description = type.description;
		const accepted = (description.credentials ?? []).map((c) => c.name);
		const credentials: NonNullable<INode['credentials']> = {};
		for (const name of Object.keys(options.credentials ?? {})) {
			if (accepted.includes(name)) credentials[name] = { id: `cred-${name}`, name };
		}
		const parameters =
			NodeHelpers.getNodeParameters(description.properties, options.parameters ?? {}, true, false, { typeVersion: 1 }, description) ??
			{};
		const node_: INode = {
			id: 'load-options-node',
			name: 'Temp-Node',
			type: nodeType(node),
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials,
		};
		const workflow = new Workflow({
			id: 'load-options-workflow',
			nodes: [node_],
			connections: {},
			active: false,
			nodeTypes,
			settings: {},
		});
		const credentialsHelper = new FixtureCredentialsHelper(credentialTypes, options.credentials ?? {}, () => workflow);
		// What a load-options call reads: the credentials, the node's current
		// parameters, and what expressions in parameters may refer to.
		const additionalData = {
			credentialsHelper,
			currentNodeParameters: parameters,
			variables: {},
			userId: 'test-user',
		} as unknown as IWorkflowExecuteAdditionalData;
		return new LoadOptionsContext(workflow, node_, additionalData, options.path ?? 'parameters');
	}

	return {
		methodNames: (node, kind) => Object.keys(typeOf(node).methods?.[kind] ?? {}).sort(),
		loadOptions: async (node, method, options) =>
			(await methodOf(node, 'loadOptions', method).call(contextFor(node, options))) as INodePropertyOptions[],
		listSearch: async (node, method, options = {}) =>
			(await methodOf(node, 'listSearch', method).call(
				contextFor(node, options),
				options.filter,
				options.paginationToken,
			)) as INodeListSearchResult,
		resourceMapping: async (node, method, options) =>
			(await methodOf(node, 'resourceMapping', method).call(contextFor(node, options))) as ResourceMapperFields,
	};
}
