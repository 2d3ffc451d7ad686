/**
 * `npm run sandbox`                      start both fake servers and print how to reach them
 * `npm run sandbox -- fire <Event> --to <url> [--ghl <url>] [--overrides '<json>']`
 *                                        ask a running fake GHL to deliver a signed webhook
 */
import { DEFAULT_GHL_PORT, DEFAULT_HATS_PORT } from './ports';

const USAGE = `Usage:
  npm run sandbox                                   start fake GHL (:${DEFAULT_GHL_PORT}) and fake 17hats (:${DEFAULT_HATS_PORT})
  npm run sandbox -- fire <EventType> --to <url> [--ghl <url>] [--overrides '<json>']
                                                    fire a webhook event from a running sandbox
Env: SANDBOX_GHL_PORT, SANDBOX_HATS_PORT (0 = any free port)`;

function parseFlags(args: string[]): { positional: string[]; flags: Record<string, string> } {
	const positional: string[] = [];
	const flags: Record<string, string> = {};
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a.startsWith('--')) {
			const [k, inline] = a.slice(2).split(/=(.*)/s, 2);
			if (inline !== undefined) flags[k] = inline;
			else if (i + 1 < args.length && !args[i + 1].startsWith('--')) flags[k] = args[++i];
			else flags[k] = 'true';
		} else positional.push(a);
	}
	return { positional, flags };
}

async function fire(event: string | undefined, flags: Record<string, string>): Promise<number> {
	if (!event || !flags.to) {
		console.error(`fire needs an event type and --to <url>.\n\n${USAGE}`);
		return 2;
	}
	const ghl = (flags.ghl ?? `http://127.0.0.1:${process.env.SANDBOX_GHL_PORT || DEFAULT_GHL_PORT}`).replace(/\/$/, '');
	let overrides: unknown;
	if (flags.overrides) {
		try {
			overrides = JSON.parse(flags.overrides);
		} catch (e) {
			console.error(`--overrides is not valid JSON: ${(e as Error).message}`);
			return 2;
		}
	}
	let res: Response;
	try {
		res = await fetch(`${ghl}/__admin/fire`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ event, to: flags.to, overrides }),
		});
	} catch (e) {
		console.error(`Could not reach the GHL sandbox at ${ghl} (${(e as Error).message}). Is "npm run sandbox" running?`);
		return 1;
	}
	const text = await res.text();
	let delivery: { status?: unknown; attempts?: unknown } | undefined;
	try {
		delivery = JSON.parse(text);
	} catch {
		delivery = undefined;
	}
	if (res.ok && typeof delivery?.status === 'number') {
		// The admin endpoint answers with the delivery result: the receiver's status.
		const reached = delivery.status === 0 ? 'could not be reached' : `answered ${delivery.status}`;
		console.log(`fire ${event} -> ${flags.to}: receiver ${reached} (attempts: ${String(delivery.attempts ?? 1)})`);
		return delivery.status >= 200 && delivery.status < 300 ? 0 : 1;
	}
	console.log(`fire ${event} -> ${flags.to}: GHL sandbox answered ${res.status}${text ? `\n${text}` : ''}`);
	return 1;
}

async function serve(): Promise<void> {
	const started = Date.now();
	// Imported here so `fire` does not load (or need) the servers.
	const { startSandbox } = await import('./index');
	const sb = await startSandbox({ seed: true });
	const { ghl, hats } = sb;
	const lines = [
		`Sandbox up in ${Date.now() - started} ms.`,
		'',
		`GHL (fake HighLevel)   ${ghl.url}`,
		`  Private Integration Token: ${ghl.token}`,
		`  Location id:               ${ghl.locationId}`,
		`  Scopes:                    ${ghl.scopes.join(' ')}`,
		`  Admin:                     ${new URL(ghl.url).origin}/__admin/state  (POST /__admin/fire {event,to,overrides})`,
		'',
		`17hats (fake)          ${hats.url}`,
		`  API key:                   ${hats.apiKey}`,
		`  Admin:                     ${hats.origin}/__admin/state  (POST /__admin/rotate-key {overlapSeconds})`,
		'',
		`Webhook sink (alert/report channel)  ${sb.sink.origin}/hooks/<channel>   (received: GET /__admin/sink; env SANDBOX_SINK_PORT)`,
		'',
		'GHL webhook public key, Ed25519 (x-ghl-signature):',
		ghl.publicKeys.ed25519Pem.trim(),
		'',
		'GHL webhook public key, RSA (x-wh-signature, legacy):',
		ghl.publicKeys.rsaPem.trim(),
		'',
		'Faults: POST {"rate500":0.2,"seed":1} to <server>/__admin/faults ({} turns them off). Ctrl-C stops.',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

async function main(): Promise<void> {
	const { positional, flags } = parseFlags(process.argv.slice(2));
	if (flags.help || positional[0] === 'help') {
		console.log(USAGE);
		return;
	}
	if (positional[0] === 'fire') {
		process.exitCode = await fire(positional[1], flags);
		return;
	}
	if (positional.length) {
		console.error(`Unknown command "${positional[0]}".\n\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	await serve();
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
