import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Intercept } from './emulator';
import { CloudflareEmulator, fixtures } from './emulator';
import { globalKeyCredential, runCloudflareNode, tokenCredential } from './harness/cloudflare';
import type { NodeRun } from './harness/cloudflare';

const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const resetPath = `/accounts/${fixtures.ACCOUNT_ID}/zt_risk_scoring/${ADA}/reset`;
const SECRETS = [fixtures.API_TOKEN, fixtures.GLOBAL_API_KEY, 'wrong-key-0123456789abcdef0123456789ab'];

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

/** Everything n8n keeps of the run, including non-enumerable error fields such as `cause`. */
function everythingStored(run: NodeRun): string {
	return JSON.stringify(run.run) + inspect(run.run, { depth: Infinity, showHidden: true });
}

const faults: Array<[string, Intercept | undefined]> = [
	['a success', undefined],
	['a 404', { path: resetPath, reply: { status: 404, body: { success: false, errors: [{ code: 1404, message: 'User not found' }], messages: [], result: null } } }],
	['a 502 HTML page', { path: resetPath, reply: { status: 502, body: '<html><body>Bad gateway</body></html>' } }],
	['a dropped connection', { path: resetPath, fault: 'drop' }],
];

describe.each([
	['API token', () => tokenCredential(emulator)],
	['Global API Key', () => globalKeyCredential(emulator)],
	['wrong Global API Key', () => globalKeyCredential(emulator, { globalApiKey: SECRETS[2] })],
])('no secret in the run data (%s)', (_, credential) => {
	it.each(faults)('after %s, with and without Continue On Fail', async (_, intercept) => {
		for (const continueOnFail of [false, true]) {
			emulator.reset();
			if (intercept) emulator.intercept(intercept);
			const run = await runCloudflareNode({
				parameters: { resource: 'userRiskScore', operation: 'reset', accountId: fixtures.ACCOUNT_ID, userId: ADA },
				credential: credential(),
				continueOnFail,
			});
			// The secret did go out on the wire: the search below would find it if it leaked.
			expect(JSON.stringify(emulator.requests[0].headers)).toMatch(/cfut_|1e2d3c4b|wrong-key/);
			const stored = everythingStored(run);
			for (const secret of SECRETS) expect(stored).not.toContain(secret);
		}
	});
});
