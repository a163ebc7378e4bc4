import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { CloudflareZeroTrustApi } from '../credentials/CloudflareZeroTrustApi.credentials';
import { CloudflareZeroTrust } from '../nodes/CloudflareZeroTrust/CloudflareZeroTrust.node';
import { CloudflareEmulator, fixtures } from './emulator';
import { loadWorkflow, setSampleField, standInNodeTypes } from './harness/example-workflows';
import { runWorkflow } from './harness/run-workflow';

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const nodeTypes = () => ({
	...standInNodeTypes(),
	'n8n-nodes-cloudflare-zero-trust.cloudflareZeroTrust': new CloudflareZeroTrust(),
});

it('examples/reset-risk-score.workflow.json resets the sample user and outputs the envelope', async () => {
	const workflow = loadWorkflow(join(__dirname, '..', 'examples', 'reset-risk-score.workflow.json'));
	const grace = '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
	setSampleField(workflow, 'userId', grace);

	const result = await runWorkflow({
		workflow,
		nodeTypes: nodeTypes(),
		credentialTypes: [new CloudflareZeroTrustApi()],
		credentials: { cfZeroTrustDemo01: { apiToken: fixtures.API_TOKEN, baseUrl: emulator.baseUrl } },
	});

	expect(result.error).toBeUndefined();
	expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		`POST /accounts/${fixtures.ACCOUNT_ID}/zt_risk_scoring/${grace}/reset`,
	]);
	expect(result.outputOf('Reset risk score')).toEqual([
		{ json: JSON.parse(emulator.requests[0].response!.body), pairedItem: { item: 0 } },
	]);
});

it('examples/reset-risk-score-by-email.workflow.json: a trigger with an email resets that user, and the output names them', async () => {
	const workflow = loadWorkflow(join(__dirname, '..', 'examples', 'reset-risk-score-by-email.workflow.json'));
	const grace = '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
	setSampleField(workflow, 'email', 'Grace.Hopper@example.com', 'Identity provider event');

	const result = await runWorkflow({
		workflow,
		nodeTypes: nodeTypes(),
		credentialTypes: [new CloudflareZeroTrustApi()],
		// The example leaves the Account empty: the credential's Account ID applies.
		credentials: {
			cfZeroTrustDemo01: { apiToken: fixtures.API_TOKEN, accountId: fixtures.ACCOUNT_ID, baseUrl: emulator.baseUrl },
		},
	});

	expect(result.error).toBeUndefined();
	expect(emulator.requests.map((r) => [r.method, r.path, r.query])).toEqual([
		[
			'GET',
			`/accounts/${fixtures.ACCOUNT_ID}/access/users`,
			{ email: 'Grace.Hopper@example.com', page: '1', per_page: '50' },
		],
		['POST', `/accounts/${fixtures.ACCOUNT_ID}/zt_risk_scoring/${grace}/reset`, {}],
	]);
	expect(result.outputOf('Reset risk score by email')).toEqual([
		{
			json: { ...JSON.parse(emulator.requests[1].response!.body), user: { id: grace, email: 'grace.hopper@example.com' } },
			pairedItem: { item: 0 },
		},
	]);
	expect(emulator.state.users.get(fixtures.ACCOUNT_ID)!.find((u) => u.id === grace)!.events).toEqual([]);
});
