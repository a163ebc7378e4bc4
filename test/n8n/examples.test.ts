/**
 * The example workflows that start by hand, imported into a real n8n with the packed package
 * installed as a community package, each run with `n8n execute --id <id> --rawOutput` against the
 * emulator; the assertions are on the execution n8n printed and on the requests the emulator got.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect, inject, it } from 'vitest';

import { CloudflareEmulator, fixtures } from '../emulator';
import { N8n, outputOf } from './n8n';

const examples = join(__dirname, '..', '..', 'examples');
const loadExample = (file: string, id: string): IDataObject => ({
	...JSON.parse(readFileSync(join(examples, file), 'utf8')),
	id,
});

const emulator = new CloudflareEmulator();
let n8n: N8n;

beforeAll(async () => {
	await emulator.start();
	n8n = N8n.copyOf(inject('n8n'), inject('templateFolder'));
	await n8n.importCredentials([
		{
			id: 'cfZeroTrustDemo01',
			name: 'Cloudflare Zero Trust account',
			type: 'cloudflareZeroTrustApi',
			data: { authType: 'apiToken', apiToken: fixtures.API_TOKEN, baseUrl: emulator.baseUrl },
		},
	]);
	await n8n.importWorkflows([loadExample('reset-risk-score.workflow.json', 'exampleReset0001')]);
});
beforeEach(() => emulator.reset());
afterAll(async () => {
	await emulator.stop();
	n8n?.remove();
});

it('examples/reset-risk-score.workflow.json resets the sample user and outputs the envelope', async () => {
	const execution = await n8n.execute('exampleReset0001');

	expect(execution.status).toBe('success');
	expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		`POST /accounts/${fixtures.ACCOUNT_ID}/zt_risk_scoring/9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b/reset`,
	]);
	expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${fixtures.API_TOKEN}`);
	expect(outputOf(execution, 'Reset risk score')).toEqual([
		{ json: { success: true, errors: [], messages: [], result: {} }, pairedItem: { item: 0 } },
	]);
});

it('left n8n on loopback: no connection to another machine was even tried', () => {
	expect(n8n.refusedConnections()).toEqual([]);
});
