// The rules n8n applies to a community package: the same composition as `n8n-node lint`
// (@n8n/node-cli's eslint config, used by n8n-nodes-starter), over the code that ships.
// Tests, the emulator and scripts are not part of the package and are not linted here.
import eslint from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist', '.build', 'node_modules']),
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended, communityRecommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { 'no-console': 'error' },
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// This rule wants a camelCase slug that n8n's own docs site resolves ("Only applicable to
			// nodes in the main repository", says the rule). A community credential links to a full
			// URL instead, which @n8n/community-nodes/credential-documentation-url checks.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want the string literal ['main']; @n8n/community-nodes/node-connection-type-literal
			// (n8n's newer rule, used for verification) forbids that literal and requires
			// NodeConnectionTypes.Main. Both cannot hold; the newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
