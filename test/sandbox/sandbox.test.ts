/** Both servers together (startSandbox) and the CLI's `fire` command over real HTTP. */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { startSandbox, type Sandbox } from '../../sandbox';
import { startServer, json, type StartedServer, type SandboxRequest } from '../../sandbox/common/http';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let sb: Sandbox;
let receiver: StartedServer;
const received: SandboxRequest[] = [];
let answer = 200;

beforeAll(async () => {
	sb = await startSandbox({ ghlPort: 0, hatsPort: 0 });
	receiver = await startServer({
		port: 0,
		name: 'receiver',
		handle: async (req) => {
			received.push(req);
			return json(answer, { ok: answer < 300 });
		},
	});
});
afterAll(async () => {
	await sb.close();
	await receiver.close();
});

test('startSandbox starts both servers on the requested (free) ports, seeded', async () => {
	expect(sb.hats.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
	expect(sb.ghl.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
	expect(sb.hats.port).not.toBe(4020);
	const me = await fetch(`${sb.hats.url}/contacts`, { headers: { Authorization: `Bearer ${sb.hats.apiKey}` } });
	expect(((await me.json()) as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(3);
	expect(sb.ghl.publicKeys.ed25519Pem).toContain('BEGIN PUBLIC KEY');
	expect(sb.ghl.scopes.length).toBeGreaterThan(0);
	for (const origin of [new URL(sb.ghl.url).origin, sb.hats.origin]) {
		expect((await fetch(`${origin}/__admin/state`)).status).toBe(200);
		expect((await fetch(`${origin}/__admin/faults`)).status).toBe(200);
	}
});

test('startSandbox refuses a busy port and leaves nothing running', async () => {
	await expect(startSandbox({ ghlPort: 0, hatsPort: sb.hats.port })).rejects.toThrow(/EADDRINUSE/);
});

test('cli fire asks a running GHL sandbox to deliver a signed event and prints the receiver status', async () => {
	received.length = 0;
	const ghl = new URL(sb.ghl.url).origin;
	const { stdout } = await run(TSX, ['sandbox/cli.ts', 'fire', 'ContactCreate', '--to', `${receiver.url}/hook`, '--ghl', ghl], { cwd: ROOT });
	expect(stdout).toContain('receiver answered 200');
	expect(received).toHaveLength(1);
	expect(received[0].path).toBe('/hook');
	expect((received[0].body as { type?: string }).type).toBe('ContactCreate');
	expect(received[0].headers['x-ghl-signature']).toBeTruthy();

	answer = 400;
	await expect(run(TSX, ['sandbox/cli.ts', 'fire', 'ContactCreate', '--to', `${receiver.url}/hook`, '--ghl', ghl], { cwd: ROOT })).rejects.toMatchObject({
		code: 1,
		stdout: expect.stringContaining('receiver answered 400'),
	});
	answer = 200;
}, 20_000);

test('cli fire without --to explains the usage', async () => {
	await expect(run(TSX, ['sandbox/cli.ts', 'fire', 'ContactCreate'], { cwd: ROOT })).rejects.toMatchObject({
		code: 2,
		stderr: expect.stringContaining('--to'),
	});
}, 20_000);
