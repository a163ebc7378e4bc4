/**
 * Before the test files of `npm run test:n8n`: a real n8n (installed once into a cache by
 * scripts/n8n-e2e/install-n8n.sh), this project packed with `npm pack` (the build ran first), and a
 * template user folder with the package installed the way n8n's Community Nodes installer does it
 * and the database already migrated. Each test file works on a copy of that folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

import type { N8nInstallation } from './n8n';
import { N8n } from './n8n';

const root = join(__dirname, '..', '..');

declare module 'vitest' {
	export interface ProvidedContext {
		n8n: N8nInstallation;
		/** A user folder with the package installed and the database migrated: copy it, do not use it. */
		templateFolder: string;
		/** The version in package.json, as n8n reports it for the installed package. */
		packageVersion: string;
	}
}

function installN8n(): N8nInstallation {
	const printed = execFileSync(join(root, 'scripts', 'n8n-e2e', 'install-n8n.sh'), {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const paths = Object.fromEntries(printed.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
	return { node: paths.N8N_NODE, bin: paths.N8N_BIN };
}

/** `npm pack`: the tarball npm would publish, so the test sees exactly what users install. */
function packProject(destination: string): string {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: root, encoding: 'utf8' }),
	) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

/**
 * What n8n's CommunityPackagesService.downloadPackage does with a package from the registry:
 * unpack the tarball into <user folder>/.n8n/nodes/node_modules/<name>, drop the dev, peer and
 * optional dependencies from its package.json, `npm install` what is left (nothing, for this
 * package), and list it in <user folder>/.n8n/nodes/package.json.
 */
function installAsCommunityPackage(tarball: string, userFolder: string, name: string, version: string): void {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const packageFolder = join(nodesFolder, 'node_modules', name);
	mkdirSync(packageFolder, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageFolder, '--strip-components=1']);

	const manifestFile = join(packageFolder, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestFile, 'utf8'),
	);
	writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageFolder, stdio: ['ignore', 'ignore', 'inherit'] },
	);
	writeFileSync(
		join(nodesFolder, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [name]: version } }, null, 2),
	);
}

export default async function setup(project: TestProject): Promise<() => void> {
	const n8n = installN8n();
	const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const work = mkdtempSync(join(tmpdir(), 'n8n-e2e-setup-'));
	const template = join(work, 'user-folder');
	mkdirSync(template);
	installAsCommunityPackage(packProject(work), template, name, version);

	// The first command on a new user folder creates and migrates its database (~20 s): once, here.
	const migrated = new N8n(n8n, template);
	await migrated.runOk('list:workflow');
	const refused = migrated.refusedConnections();
	if (refused.length) throw new Error(`n8n tried to leave loopback:\n${refused.join('\n')}`);

	project.provide('n8n', n8n);
	project.provide('templateFolder', template);
	project.provide('packageVersion', version);
	return () => rmSync(work, { recursive: true, force: true });
}
