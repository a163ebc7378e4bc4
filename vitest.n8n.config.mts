import { defineConfig } from 'vitest/config';

// `npm run test:n8n`: the package inside a real n8n (test/n8n). Slow by nature: n8n's CLI takes
// seconds per command and `n8n start` up to half a minute, so the files run one after the other
// (two n8n instances at once would only compete for the CPU) with timeouts to match.
export default defineConfig({
	test: {
		include: ['test/n8n/**/*.test.ts'],
		globalSetup: ['test/n8n/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 300_000,
		server: { deps: { external: [/node_modules/] } },
	},
});
