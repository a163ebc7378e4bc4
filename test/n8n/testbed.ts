import { afterAll, beforeAll, beforeEach, inject } from 'vitest';

import { CloudflareEmulator } from '../emulator';
import type { N8nServer } from './n8n';
import { N8n } from './n8n';

export interface TestbedSetup {
	/** Runs before n8n starts, e.g. to import credentials and workflows. */
	prepare?: (n8n: N8n, emulator: CloudflareEmulator) => Promise<void>;
	/** Workflows to publish, so that `n8n start` activates them (their webhooks listen). */
	publish?: string[];
	/** Start n8n and set up its owner, for the editor's REST API and webhooks. */
	start?: boolean;
}

export interface Testbed {
	emulator: CloudflareEmulator;
	n8n: N8n;
	/** Set when the setup started n8n. */
	server: N8nServer;
}

/**
 * The vitest hooks of a test:n8n file: the emulator on loopback (emptied before each test), an n8n
 * user folder of its own (a copy of the template from global-setup.ts), prepared and started as
 * asked; everything stopped and removed afterwards. Fields are set once `beforeAll` ran.
 */
export function useTestbed(setup: TestbedSetup = {}): Testbed {
	const testbed = { emulator: new CloudflareEmulator() } as Testbed;

	beforeAll(async () => {
		await testbed.emulator.start();
		testbed.n8n = N8n.copyOf(inject('n8n'), inject('templateFolder'));
		await setup.prepare?.(testbed.n8n, testbed.emulator);
		for (const workflowId of setup.publish ?? []) await testbed.n8n.runOk('publish:workflow', `--id=${workflowId}`);
		if (!setup.start) return;
		testbed.server = await testbed.n8n.start();
		await testbed.server.setUpOwner();
		for (const workflowId of setup.publish ?? []) await testbed.server.waitUntilPublished(workflowId);
	});
	beforeEach(() => testbed.emulator.reset());
	afterAll(async () => {
		await testbed.server?.stop();
		await testbed.emulator.stop();
		testbed.n8n?.remove();
	});

	return testbed;
}
