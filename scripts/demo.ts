/**
 * `npm start`: executes examples/reset-risk-score.workflow.json through n8n-core's WorkflowExecute
 * with the built package from dist/, against the loopback Cloudflare emulator, and prints the
 * Cloudflare Zero Trust node's output. With real credentials in the environment it calls Cloudflare.
 */
import './demo-environment';

import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, ICredentialType, INodeType } from 'n8n-workflow';

import { CloudflareEmulator, fixtures } from '../test/emulator';
import { loadWorkflow, setSampleField, standInNodeTypes } from '../test/harness/example-workflows';
import { runWorkflow } from '../test/harness/run-workflow';

const root = join(__dirname, '..', '..');
const env = process.env;
const NODE_NAME = 'Reset risk score';

interface Target {
	credential: ICredentialDataDecryptedObject;
	accountId: string;
	userId: string;
	describe: string;
}

function realCloudflareTarget(): Target | undefined {
	const auth: ICredentialDataDecryptedObject | undefined = env.CLOUDFLARE_API_TOKEN
		? { authType: 'apiToken', apiToken: env.CLOUDFLARE_API_TOKEN }
		: env.CLOUDFLARE_EMAIL && env.CLOUDFLARE_API_KEY
			? { authType: 'globalApiKey', email: env.CLOUDFLARE_EMAIL, globalApiKey: env.CLOUDFLARE_API_KEY }
			: undefined;
	if (!auth) return undefined;
	if (!env.CLOUDFLARE_ACCOUNT_ID || !env.CLOUDFLARE_USER_ID) {
		throw new Error('Set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_USER_ID to run against the real Cloudflare API');
	}
	const baseUrl = env.CLOUDFLARE_API_BASE_URL ?? 'https://api.cloudflare.com/client/v4';
	return {
		credential: { ...auth, baseUrl },
		accountId: env.CLOUDFLARE_ACCOUNT_ID,
		userId: env.CLOUDFLARE_USER_ID,
		describe: baseUrl,
	};
}

function loadPackage(): { nodeType: INodeType; credentialType: ICredentialType } {
	// The paths n8n itself reads from package.json's "n8n" section.
	const { n8n } = require(join(root, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
	const firstExport = (file: string) => {
		const module = require(join(root, file)) as Record<string, new () => unknown>;
		return new (Object.values(module)[0])();
	};
	return {
		nodeType: firstExport(n8n.nodes[0]) as INodeType,
		credentialType: firstExport(n8n.credentials[0]) as ICredentialType,
	};
}

async function main(): Promise<number> {
	let emulator: CloudflareEmulator | undefined;
	let target = realCloudflareTarget();
	if (!target) {
		emulator = await new CloudflareEmulator().start();
		target = {
			credential: { authType: 'apiToken', apiToken: fixtures.API_TOKEN, baseUrl: emulator.baseUrl },
			accountId: fixtures.ACCOUNT_ID,
			userId: '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b',
			describe: `the built-in Cloudflare API emulator at ${emulator.baseUrl}`,
		};
	}

	try {
		const workflow = loadWorkflow(join(root, 'examples', 'reset-risk-score.workflow.json'));
		setSampleField(workflow, 'accountId', target.accountId);
		setSampleField(workflow, 'userId', target.userId);
		const cloudflareNode = workflow.nodes.find((node) => node.name === NODE_NAME)!;
		const credentialId = cloudflareNode.credentials!.cloudflareZeroTrustApi.id!;
		const { nodeType, credentialType } = loadPackage();

		console.log(`Executing "${workflow.name}" with n8n-core against ${target.describe}`);
		const result = await runWorkflow({
			workflow,
			nodeTypes: { ...standInNodeTypes(), [cloudflareNode.type]: nodeType },
			credentialTypes: [credentialType],
			credentials: { [credentialId]: target.credential },
		});

		if (emulator) {
			for (const request of emulator.requests) {
				console.log(`Cloudflare received: ${request.method} ${request.path} → HTTP ${request.response?.status}`);
			}
		}
		if (result.error) {
			console.error(`The node failed: ${result.error.message}`);
			if (result.error.description) console.error(result.error.description);
			return 1;
		}
		console.log(`Output of the "${NODE_NAME}" node:`);
		console.log(JSON.stringify(result.outputOf(NODE_NAME), null, 2));
		return 0;
	} finally {
		await emulator?.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error.message);
		process.exit(1);
	},
);
