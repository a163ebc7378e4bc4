import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// n8n-core requires n8n-workflow's CommonJS build; the node must see the very same module,
		// as in n8n, or `instanceof NodeApiError` and friends compare two different classes.
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.ts'],
		// Inside a real n8n: `npm run test:n8n` (vitest.n8n.config.mts).
		exclude: ['test/n8n/**'],
		// n8n-core writes its instance settings under N8N_USER_FOLDER (else ~/.n8n) when it loads.
		env: {
			N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'n8n-cf-zt-test-')),
			// n8n's error reporter prints every node error to the console; the tests assert on them instead.
			N8N_LOG_LEVEL: 'silent',
		},
		testTimeout: 20_000,
		server: { deps: { external: [/node_modules/] } },
	},
});
