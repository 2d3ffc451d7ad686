/**
 * `npm run n8n` — a real n8n 2.40.7 on loopback with this package installed,
 * the sandbox (fake GHL + fake 17hats) running, credentials pointing at it and
 * every template imported and activated. Ctrl-C stops everything.
 *
 * Ports (env overrides): n8n N8N_PLAYGROUND_PORT (5680), task broker
 * N8N_PLAYGROUND_BROKER_PORT (5681), fake GHL SANDBOX_GHL_PORT (4010), fake
 * 17hats SANDBOX_HATS_PORT (4020). The n8n user folder is
 * .cache/n8n/playground, recreated on every start (the sandbox's webhook keys
 * and data are new on every start too).
 */
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { mask } from '../mask';
import {
	CACHE,
	N8N_VERSION,
	N8nRest,
	OWNER,
	ensureN8n,
	importAll,
	installPackage,
	isActivatable,
	loadTemplate,
	log,
	sandboxCredentials,
	setUpTemplate,
	startN8n,
	templateFiles,
	type N8nOptions,
	type RunningN8n,
	type SandboxFacts,
	type TemplateJson,
} from './lib';

export interface Playground {
	n8n: RunningN8n;
	sandbox: Sandbox;
	rest: N8nRest;
	facts: SandboxFacts;
	workflows: Array<{ file: string; wf: TemplateJson; active: boolean; problem?: string }>;
	stop(): Promise<void>;
}

const envPort = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

export async function startPlayground(opts: { userFolder?: string; port?: number; brokerPort?: number; ghlPort?: number; hatsPort?: number } = {}): Promise<Playground> {
	let t = Date.now();
	ensureN8n();
	const userFolder = opts.userFolder ?? join(CACHE, 'playground');
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	const o: N8nOptions = {
		userFolder,
		port: opts.port ?? envPort('N8N_PLAYGROUND_PORT', 5680),
		brokerPort: opts.brokerPort ?? envPort('N8N_PLAYGROUND_BROKER_PORT', 5681),
	};
	const sandbox = await startSandbox({ ghlPort: opts.ghlPort, hatsPort: opts.hatsPort });
	const facts: SandboxFacts = {
		ghlUrl: sandbox.ghl.url,
		ghlToken: sandbox.ghl.token,
		ghlLocationId: sandbox.ghl.locationId,
		ghlScopes: sandbox.ghl.scopes,
		ed25519Pem: sandbox.ghl.publicKeys.ed25519Pem,
		hatsUrl: sandbox.hats.url,
		hatsApiKey: sandbox.hats.apiKey,
		hatsScopes: sandbox.hats.store.keys[0]?.scopes ?? [],
		workflowSecret: 'playground-shared-secret-0123456789',
	};
	try {
		const creds = sandboxCredentials(facts);
		const workflows = templateFiles().map((file) => ({ file, wf: setUpTemplate(loadTemplate(file), facts, creds), active: false, problem: undefined as string | undefined }));
		log('building and installing the package into the n8n user folder');
		installPackage(userFolder);
		log('importing credentials and templates (n8n CLI)');
		importAll(
			o,
			creds,
			workflows.map((w) => w.wf),
		);
		log(`prepared in ${Math.round((Date.now() - t) / 1000)} s; starting n8n ${N8N_VERSION}`);
		t = Date.now();
		const n8n = await startN8n(o);
		log(`n8n ready in ${Math.round((Date.now() - t) / 1000)} s`);
		const rest = new N8nRest(n8n.url);
		await rest.ownerLogin();
		for (const w of workflows) {
			if (!isActivatable(w.wf)) continue;
			try {
				await rest.activate(w.wf.id);
				w.active = true;
			} catch (e) {
				w.problem = e instanceof Error ? e.message : String(e);
			}
		}
		return {
			n8n,
			sandbox,
			rest,
			facts,
			workflows,
			stop: async () => {
				await n8n.stop();
				await sandbox.close();
			},
		};
	} catch (e) {
		await sandbox.close();
		throw e;
	}
}

async function main(): Promise<void> {
	const pg = await startPlayground();
	const { n8n, facts, workflows } = pg;
	const lines = [
		'',
		`n8n ${N8N_VERSION} with n8n-nodes-ghl-17hats is running.`,
		`  Editor:   ${n8n.url}`,
		`  Login:    ${OWNER.email} / ${OWNER.password}`,
		`  Log:      ${n8n.logFile}`,
		'',
		`Sandbox: fake GHL ${facts.ghlUrl} (token ${mask(facts.ghlToken)}), fake 17hats ${facts.hatsUrl} (key ${mask(facts.hatsApiKey)})`,
		'  (the credentials in n8n already hold the full token and key)',
		`Workflow webhook shared secret (credential "GHL Webhook Shared Secret", header x-webhook-secret): ${facts.workflowSecret}`,
		'',
		'Workflows:',
		...workflows.map((w) => {
			const trig = w.wf.nodes.find((n) => n.type.endsWith('.ghlTrigger'));
			const state = w.active ? 'active' : w.problem ? `NOT active: ${w.problem}` : 'not active (run it by hand)';
			const url = trig?.webhookId ? `\n      webhook: ${n8n.url}/webhook/${trig.webhookId}/ghl` : '';
			return `  ${w.wf.name}  [${state}]\n      ${n8n.url}/workflow/${w.wf.id}${url}`;
		}),
		'',
		'Try: npm run sandbox -- fire ContactCreate --to <webhook URL above>',
		'Ctrl-C stops n8n and the sandbox.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('stopping');
		await pg.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
		process.exit(1);
	});
}
