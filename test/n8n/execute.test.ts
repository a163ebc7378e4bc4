/**
 * The example workflows that start by hand, imported into a real n8n with the packed package
 * installed as a community package, each run with `n8n execute --id <id> --rawOutput` against the
 * emulator; the assertions are on the execution n8n printed and on the requests the emulator got.
 */
import type { IDataObject } from 'n8n-workflow';
import { expect, it } from 'vitest';

import { fixtures } from '../emulator';
import { exampleCredentials, loadExample } from './examples';
import { outputOf } from './n8n';
import { inSomeOrder, requestsSeen } from './requests';
import { useTestbed } from './testbed';

const { ACCOUNT_ID, API_TOKEN } = fixtures;
const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const KEN = 'a170b338-3926-4059-b28c-105d1fb17c23';
const RESET_OK = { success: true, errors: [], messages: [], result: {} };
const resetPath = (userId: string) => `/accounts/${ACCOUNT_ID}/zt_risk_scoring/${userId}/reset`;

/** The example with its HTTP Request node pointed elsewhere. */
function withUrl(workflow: IDataObject, url: string): IDataObject {
	const nodes = workflow.nodes as Array<{ type: string; parameters: IDataObject }>;
	nodes.find((node) => node.type === 'n8n-nodes-base.httpRequest')!.parameters.url = url;
	return workflow;
}

const testbed = useTestbed({
	prepare: async (n8n, emulator) => {
		await n8n.importCredentials(exampleCredentials(emulator));
		await n8n.importWorkflows([
			loadExample('reset-risk-score.workflow.json', 'exampleReset0001', emulator),
			loadExample('reset-risk-score-by-email.workflow.json', 'exampleByEmail01', emulator),
			loadExample('nightly-risk-sweep.workflow.json', 'exampleSweep0001', emulator),
			loadExample('custom-api-call.workflow.json', 'exampleCustom001', emulator),
			withUrl(loadExample('custom-api-call.workflow.json', 'customPlainHttp1', emulator), 'http://api.example.com/client/v4/user'),
		]);
	},
});
const { emulator } = testbed;

it('examples/reset-risk-score.workflow.json resets the sample user and outputs the envelope', async () => {
	const execution = await testbed.n8n.execute('exampleReset0001');

	expect(execution.status).toBe('success');
	expect(requestsSeen(emulator)).toEqual([['POST', resetPath(ADA), {}]]);
	expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${API_TOKEN}`);
	expect(outputOf(execution, 'Reset risk score')).toEqual([{ json: RESET_OK, pairedItem: { item: 0 } }]);
});

it('examples/reset-risk-score-by-email.workflow.json finds the user by email, resets them and names them', async () => {
	const execution = await testbed.n8n.execute('exampleByEmail01');

	expect(execution.status).toBe('success');
	expect(requestsSeen(emulator)).toEqual([
		['GET', `/accounts/${ACCOUNT_ID}/access/users`, { email: 'ada.lovelace@example.com', page: '1', per_page: '50' }],
		['POST', resetPath(ADA), {}],
	]);
	expect(outputOf(execution, 'Reset risk score by email')).toEqual([
		{ json: { ...RESET_OK, user: { id: ADA, email: 'ada.lovelace@example.com' } }, pairedItem: { item: 0 } },
	]);
});

it('examples/nightly-risk-sweep.workflow.json lists the high-risk users and resets each of them', async () => {
	const execution = await testbed.n8n.execute('exampleSweep0001');

	expect(execution.status).toBe('success');
	expect(requestsSeen(emulator)[0]).toEqual(['GET', `/accounts/${ACCOUNT_ID}/zt_risk_scoring/summary`, {}]);
	// Up to five resets go out at once, so they may arrive in any order.
	expect(inSomeOrder(requestsSeen(emulator).slice(1))).toEqual(
		inSomeOrder([
			['POST', resetPath(ADA), {}],
			['POST', resetPath(KEN), {}],
		]),
	);
	const highRisk = outputOf(execution, 'High-risk users');
	expect(highRisk.map((item) => [item.json.user_id, item.json.max_risk_level, item.pairedItem])).toEqual([
		[KEN, 'high', { item: 0 }],
		[ADA, 'high', { item: 0 }],
	]);
	expect(outputOf(execution, 'Reset risk score')).toEqual([
		{ json: RESET_OK, pairedItem: { item: 0 } },
		{ json: RESET_OK, pairedItem: { item: 1 } },
	]);
	const eventsOf = (id: string) => emulator.state.users.get(ACCOUNT_ID)!.find((user) => user.id === id)!.events;
	expect([eventsOf(ADA), eventsOf(KEN)]).toEqual([[], []]);
});

it("examples/custom-api-call.workflow.json: n8n's HTTP Request node calls another endpoint with this credential", async () => {
	const execution = await testbed.n8n.execute('exampleCustom001');

	expect(execution.status).toBe('success');
	expect(requestsSeen(emulator)).toEqual([['GET', `/accounts/${ACCOUNT_ID}/access/users`, { email: 'grace.hopper@example.com' }]]);
	expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${API_TOKEN}`);
	expect(outputOf(execution, 'Find Zero Trust users by email')).toEqual([
		{ json: JSON.parse(emulator.requests[0].response!.body), pairedItem: { item: 0 } },
	]);
});

it('the HTTP Request node cannot send this credential over plain http to another machine', async () => {
	const execution = await testbed.n8n.execute('customPlainHttp1');

	expect(execution.status).toBe('error');
	expect(execution.data.resultData.error?.message).toBe(
		'A URL called with the Cloudflare Zero Trust API credential must start with https:// (got http://api.example.com); ' +
			'plain http is allowed only for loopback addresses such as 127.0.0.1, used for testing',
	);
	// Netguard would have refused the connection (see the next test); it was not even tried.
});

it('left n8n on loopback: no connection to another machine was even tried', () => {
	expect(testbed.n8n.refusedConnections()).toEqual([]);
});
