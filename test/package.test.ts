import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` builds first, so dist/ is what `npm publish` would ship.
const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the published package', () => {
	it('is an n8n community package without runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-cloudflare-zero-trust');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.author).toEqual({ name: expect.any(String), email: expect.stringMatching(/^[^@\s]+@[^@\s]+$/) });
		expect(pkg.repository.url).toMatch(/\/n8n-nodes-cloudflare-zero-trust\.git$/);
	});

	it('has every file its n8n section names, loadable as n8n loads them, icons beside them', () => {
		const [credentialFile] = pkg.n8n.credentials as string[];
		const [nodeFile] = pkg.n8n.nodes as string[];
		for (const file of [credentialFile, nodeFile]) expect(existsSync(join(root, file))).toBe(true);

		const credential = new (Object.values(require(join(root, credentialFile)))[0] as new () => {
			name: string;
			icon: { light: string; dark: string };
		})();
		const node = new (Object.values(require(join(root, nodeFile)))[0] as new () => {
			description: { name: string; credentials: Array<{ name: string }>; icon: { light: string; dark: string } };
		})();
		expect(node.description.name).toBe('cloudflareZeroTrust');
		expect(node.description.credentials.map((c) => c.name)).toEqual([credential.name]);

		const iconsOf = (file: string, icon: { light: string; dark: string }) =>
			[icon.light, icon.dark].map((i) => join(root, file, '..', i.replace(/^file:/, '')));
		const icons = [...iconsOf(nodeFile, node.description.icon), ...iconsOf(credentialFile, credential.icon)];
		for (const icon of icons) expect(readFileSync(icon, 'utf8')).toMatch(/^<svg /);
		expect(readFileSync(icons[0], 'utf8')).not.toBe(readFileSync(icons[1], 'utf8'));
	});

	it('has a codex file naming the node as n8n does, in the category n8n uses for security nodes, with docs', () => {
		const [nodeFile] = pkg.n8n.nodes as string[];
		const codex = JSON.parse(readFileSync(join(root, nodeFile.replace(/\.js$/, '.json')), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.cloudflareZeroTrust`);
		// n8n's own Okta, TheHive, MISP and Cloudflare nodes are filed under Development, aliased Security.
		expect(codex.categories).toEqual(['Development']);
		expect(codex.alias).toContain('Security');
		expect(codex.resources.primaryDocumentation[0].url).toBe(pkg.homepage);
		expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\//);
	});
});
