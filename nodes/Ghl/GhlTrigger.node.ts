import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_MAX_BODY_KILOBYTES, DEFAULT_MAX_JSON_DEPTH, MAX_JSON_DEPTH_LIMIT } from './webhook/body';
import { eventOptions } from './webhook/events';
import { handleDelivery, refuseOversize, WORKFLOW_EVENTS, type TriggerSettings } from './webhook/handler';
import { newDeliveries } from './webhook/processedDeliveries';
import { retentionMs } from './webhook/replay';
import { replayCache, replayKey } from './webhook/replayCache';
import { cachedSettings, credentialStillMatches, rememberSettings, settingsKey } from './webhook/settingsCache';
import {
	checkTriggerSettings,
	readSharedSecret,
	usesSharedSecret,
	WEBHOOK_SECRET_CREDENTIAL,
	type ParameterReader,
	type SharedSecretSource,
} from './webhook/settings';

type TriggerContext = IWebhookFunctions | IHookFunctions;

/** Docs for what the notices leave out. */
const SETUP_GUIDE_URL = 'https://www.npmjs.com/package/n8n-nodes-ghl-17hats#receiving-ghl-events';

/** A value still in the Shared Secret parameter of earlier versions (read raw: an expression counts too). */
function hasLegacySecret(node: INode): boolean {
	const value = node.parameters.secret;
	return typeof value === 'string' && value.trim() !== '';
}

async function sharedSecretOf(ctx: TriggerContext, node: INode): Promise<SharedSecretSource> {
	const chosen = node.credentials?.[WEBHOOK_SECRET_CREDENTIAL] !== undefined;
	const credential = chosen ? ((await ctx.getCredentials(WEBHOOK_SECRET_CREDENTIAL)) as ICredentialDataDecryptedObject) : undefined;
	return { legacyParameter: hasLegacySecret(node), credential };
}

/** The node's settings, parsed once per set of parameters (settingsCache.ts), the credential read every time. */
async function settingsOf(ctx: TriggerContext, node: INode = ctx.getNode(), key = settingsKey(node)): Promise<TriggerSettings> {
	const cached = cachedSettings(key);
	let sharedSecret: SharedSecretSource | undefined;
	if (cached) {
		if (!cached.usesCredential) return cached.settings;
		sharedSecret = await sharedSecretOf(ctx, node);
		if (credentialStillMatches(cached, sharedSecret.credential)) return cached.settings;
	}
	const param: ParameterReader = (name, fallback) =>
		(ctx.getNodeParameter as (n: string, f: unknown) => unknown)(name, fallback);
	sharedSecret ??= usesSharedSecret(param) ? await sharedSecretOf(ctx, node) : {};
	const { settings, problem } = checkTriggerSettings(param, sharedSecret);
	if (!settings) {
		throw new NodeOperationError(node, problem ?? 'Invalid GHL Trigger settings', {
			description: 'Fix the GHL Trigger settings, then activate the workflow again.',
		});
	}
	rememberSettings(key, settings, sharedSecret.credential);
	return settings;
}

/** Seconds HighLevel is asked to wait before retrying a delivery the trigger cannot check yet. */
const MISCONFIGURED_RETRY_AFTER_SECONDS = 600;

/** Removes what earlier versions kept in static data (a replay store n8n did not keep reliably). */
function dropLegacyStaticData(ctx: IHookFunctions): void {
	const staticData = ctx.getWorkflowStaticData('node');
	if ('replay' in staticData) delete staticData.replay;
	if ('activatedAt' in staticData) delete staticData.activatedAt;
}

/** Writes the JSON answer; n8n then sends nothing of its own (and still starts an execution for workflowData). */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject, headers: Record<string, string> = {}): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/** What a GHL workflow's Webhook action reports, named like the app events ("Document: Sent"). */
const workflowEventOptions = [
	...Object.entries(WORKFLOW_EVENTS).map(([value, info]) => ({ name: info.name, value, description: info.description })),
	{
		name: 'Anything the Workflow Sends',
		value: 'custom',
		description: 'Read the event name from a payload field (Event Field)',
	},
];

export class GhlTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL Trigger',
		name: 'ghlTrigger',
		icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "workflow" ? "Workflow webhook" : "App events"}}',
		description: 'Starts the workflow when HighLevel (GHL) sends a signed webhook',
		defaults: { name: 'GHL Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				// A literal: n8n's lint matches testedBy to the credential by name.
				name: 'ghlWebhookSecretApi',
				required: true,
				testedBy: 'ghlWebhookSecretTest',
				displayOptions: { show: { source: ['workflow'], verification: ['sharedSecret'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'ghl',
			},
		],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{
						name: 'Marketplace App Events',
						value: 'app',
						description: 'Events HighLevel sends to your Marketplace app (contacts, invoices, opportunities …)',
					},
					{
						name: 'GHL Workflow Webhook Action',
						value: 'workflow',
						description:
							'A GHL workflow posts here, e.g. on Documents & Contracts events (sent, viewed, completed/signed, accepted)',
					},
				],
				default: 'app',
			},
			{
				displayName:
					`Put this node's Production URL in your Marketplace app's webhook settings, enable the events, paste HighLevel's Ed25519 public key below and activate. <a href="${SETUP_GUIDE_URL}" target="_blank">Setup guide</a>`,
				name: 'setupNoticeApp',
				type: 'notice',
				default: '',
				displayOptions: { show: { source: ['app'] } },
			},
			{
				displayName:
					`In a GHL workflow add a Webhook action: POST to this node's Production URL, with the header and secret of the credential below. Activate this workflow. <a href="${SETUP_GUIDE_URL}" target="_blank">Setup guide</a>`,
				name: 'setupNoticeWorkflow',
				type: 'notice',
				default: '',
				displayOptions: { show: { source: ['workflow'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions(),
				default: ['*'],
				required: true,
				description:
					'Which HighLevel events start the workflow; others are answered 200 and ignored. Grouped by object. Invoice payloads carry no type: the event is recognised from the invoice\'s status (draft → Invoice Create, or Invoice Update once edited; sent, paid, partially_paid, void, delete → the matching event; anything else → Invoice Update), marked eventInferred: true in the output, and the selection is checked against that event. Untyped product, association, relation, record and object schema payloads cannot be told apart and start the workflow when any event of their group is selected.',
				displayOptions: { show: { source: ['app'] } },
			},
			{
				displayName: 'Workflow Event',
				name: 'workflowEvent',
				type: 'options',
				options: workflowEventOptions,
				default: 'DocumentCompleted',
				description: "What the GHL workflow's Webhook action reports; becomes the output's event",
				displayOptions: { show: { source: ['workflow'] } },
			},
			{
				displayName: 'Event Field',
				name: 'eventField',
				type: 'string',
				default: 'customData.event',
				placeholder: 'customData.event',
				description:
					'Dot path of the payload field holding the event name (add it as Custom Data in the Webhook action)',
				displayOptions: { show: { source: ['workflow'], workflowEvent: ['custom'] } },
			},
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				options: [
					{
						name: 'Ed25519 (X-Ghl-Signature)',
						value: 'ed25519',
						description: "HighLevel's current signature",
					},
					{
						name: 'Ed25519 or RSA',
						value: 'ed25519OrRsa',
						description: 'Whichever signature the delivery carries, Ed25519 first (for the migration period)',
					},
					{
						name: 'None (Not Recommended)',
						value: 'none',
						description: 'Accept unsigned requests; anyone who knows the URL can start the workflow',
					},
					{
						name: 'RSA-SHA256 (X-Wh-Signature, Legacy)',
						value: 'rsa',
						description: 'Deprecated by HighLevel from 1 July 2026',
					},
				],
				default: 'ed25519',
				displayOptions: { show: { source: ['app'] } },
			},
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				options: [
					{
						name: 'Ed25519 (X-Ghl-Signature)',
						value: 'ed25519',
						description: 'If your HighLevel workflow deliveries are signed',
					},
					{
						name: 'None (Not Recommended)',
						value: 'none',
						description: 'Accept unsigned requests; anyone who knows the URL can start the workflow',
					},
					{
						name: 'RSA-SHA256 (X-Wh-Signature, Legacy)',
						value: 'rsa',
						description: 'If your HighLevel workflow deliveries carry the legacy signature',
					},
					{
						name: 'Shared Secret Header',
						value: 'sharedSecret',
						description: 'A secret header set in the Webhook action, compared in constant time',
					},
				],
				default: 'sharedSecret',
				displayOptions: { show: { source: ['workflow'] } },
			},
			{
				displayName:
					'Verification is off: anyone who learns this URL can start the workflow with any data. Use it only for a first test.',
				name: 'noVerificationWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { verification: ['none'] } },
			},
			{
				displayName: 'Ed25519 Public Keys',
				name: 'ed25519PublicKeys',
				type: 'string',
				typeOptions: { rows: 6 },
				default: '',
				placeholder: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----',
				description:
					"HighLevel's Ed25519 public key for x-ghl-signature, as published in HighLevel's webhook documentation (this package does not ship it: paste it here). Several PEM keys may be pasted one after another during a key rotation; a signature passes if any key verifies it.",
				displayOptions: { show: { verification: ['ed25519', 'ed25519OrRsa'] } },
			},
			{
				displayName: "Use HighLevel's RSA Key",
				name: 'useHighLevelRsaKey',
				type: 'boolean',
				default: true,
				description: "Whether to trust HighLevel's published RSA key (built in) for x-wh-signature",
				displayOptions: { show: { verification: ['rsa', 'ed25519OrRsa'] } },
			},
			{
				displayName: 'RSA Public Keys',
				name: 'rsaPublicKeys',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----',
				description: 'More RSA public keys (PEM) to trust, e.g. a new HighLevel key during rotation',
				displayOptions: { show: { verification: ['rsa', 'ed25519OrRsa'] } },
			},
			{
				// Earlier versions kept the secret here, unencrypted in the workflow. Shown only
				// while it holds a value, so it can be cleared; activation fails until it is.
				displayName: 'Old Shared Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'From an earlier version, stored unencrypted in the workflow. Put the secret in a GHL Webhook Shared Secret credential, select it above, then clear this field.',
				displayOptions: { show: { verification: ['sharedSecret'], secret: [{ _cnd: { exists: true } }] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'IP Allowlist',
						name: 'ipAllowlist',
						type: 'string',
						default: '',
						placeholder: '203.0.113.0/24, 2001:db8::/32',
						description:
							"Only these addresses or CIDR ranges (IPv4 or IPv6) may call; others get 403. Uses the client address n8n sees (behind a proxy, set n8n's N8N_PROXY_HOPS).",
					},
					{
						displayName: 'Location IDs',
						name: 'locationIds',
						type: 'string',
						default: '',
						placeholder: 've9EPM428h8vShlRW1KT',
						description:
							'Only events for these sub-accounts (comma-separated); others are answered 200 and ignored',
					},
					{
						displayName: 'Max Body Size (KB)',
						name: 'maxBodyKilobytes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_BODY_KILOBYTES,
						description:
							'Larger requests are refused (413) before the signature is checked. HighLevel payloads are a few KB.',
					},
					{
						displayName: 'Max JSON Depth',
						name: 'maxJsonDepth',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_JSON_DEPTH_LIMIT },
						default: DEFAULT_MAX_JSON_DEPTH,
						description: 'Bodies nested deeper (objects and arrays) are refused (400)',
					},
					{
						displayName: 'Reject Replayed Webhook IDs',
						name: 'rejectReplays',
						type: 'boolean',
						default: true,
						description:
							"Whether a delivery whose webhookId was seen before is stopped before any later node runs: answered 409 by the n8n process that saw it, otherwise (after a restart, another process) its execution ends at this trigger (IDs kept in n8n's database, the last 10,000). Not covered: two copies at the same instant at two different n8n processes.",
					},
					{
						displayName: 'Require Timestamp',
						name: 'requireTimestamp',
						type: 'boolean',
						default: false,
						description: 'Whether a delivery without a timestamp field is refused (401)',
					},
					{
						displayName: 'Timestamp Tolerance (Seconds)',
						name: 'timestampToleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							"How old (or how far in the future) a delivery's timestamp may be; 0 turns the check off, and then only the remembered webhook IDs stop an old delivery from being replayed",
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			// Nothing at HighLevel to call: the test checks what the trigger will compare.
			async ghlWebhookSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					readSharedSecret(credential.data ?? {});
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
				return { status: 'OK', message: 'The secret and header name are usable' };
			},
		},
	};

	webhookMethods = {
		default: {
			// Nothing is registered at HighLevel (the URL is entered in the app or
			// workflow by hand) and nothing is kept in static data: every activation
			// (and every n8n start) runs create(), which checks the settings.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await settingsOf(this);
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await settingsOf(this);
				dropLegacyStaticData(this);
				return true;
			},
			// Remembered webhook IDs outlive deactivation (in memory and in n8n's
			// database): a replay stays a replay when the workflow is activated again.
			async delete(this: IHookFunctions): Promise<boolean> {
				dropLegacyStaticData(this);
				return true;
			},
		},
	};

	/**
	 * The first step of the execution a delivery starts (n8n runs a trigger's
	 * execute() with the items its webhook() returned): replays that got past
	 * the in-process check are dropped here, against n8n's database.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = (this.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
		if (options.rejectReplays === false) return [items];
		return [await newDeliveries(this, items)];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// n8n hands out a deep copy per getNode(): read it once.
		const node = this.getNode();
		const key = settingsKey(node);
		const ready = cachedSettings(key);
		let settings: TriggerSettings;
		try {
			// Cached and needing no credential (the usual case): no await.
			settings = ready && !ready.usesCredential ? ready.settings : await settingsOf(this, node, key);
		} catch (error) {
			// Settings that resolve badly at run time (an expression for a key or the
			// shared secret that comes out empty or invalid). n8n would answer 500,
			// which HighLevel treats as final: the event would be lost. 429 is the one
			// status HighLevel retries (about 6 times, roughly 10 minutes apart), which
			// leaves time to fix the setting without losing the delivery. The answer
			// names the problem (never a key or the secret).
			const message = (error as Error).message;
			this.logger.warn(`GHL Trigger: delivery deferred (429), the trigger is misconfigured: ${message}`);
			return answer(this, 429, { error: 'trigger_misconfigured', message }, { 'Retry-After': String(MISCONFIGURED_RETRY_AFTER_SECONDS) });
		}
		const req = this.getRequestObject();
		if (req.rawBody === undefined) {
			// Refuse an announced oversize body before reading it.
			const oversize = refuseOversize(Number(req.headers['content-length'] ?? 0), settings);
			if (oversize) return answer(this, oversize.status, oversize.body);
			if (typeof req.readRawBody === 'function') await req.readRawBody();
		}
		const now = Date.now();
		const workflowId = String(this.getWorkflow().id ?? '');
		const nodeId = node.id;
		const retention = retentionMs(settings.toleranceMs);
		const outcome = handleDelivery(
			{ raw: req.rawBody, headers: req.headers, ip: req.ip ?? req.socket?.remoteAddress, now },
			settings,
			{ firstSeen: (webhookId) => replayCache.firstSeen(replayKey(workflowId, nodeId, webhookId), now, retention) },
		);

		// The trigger answers every delivery itself: n8n's own answer for a started
		// execution would ignore webhookResponse (responseData defaults to "firstEntryJson").
		const answered = answer(this, outcome.status, outcome.body);
		if (outcome.kind !== 'accept') return answered;
		return { ...answered, workflowData: [[{ json: outcome.item, pairedItem: { item: 0 } }]] };
	}
}
