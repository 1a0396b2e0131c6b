/** The tarballs `npm run packages` (scripts/build-packages.mjs) writes to build/tarballs/, for the e2e suites. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, type WorkflowJson } from './n8n.cjs';

const TARBALLS = path.join(REPO_ROOT, 'build', 'tarballs');

/** build/tarballs/<name>-<version>.tgz; builds the packages from dist/ first when it is missing. */
export function packageTarball(name: string): string {
	const find = () =>
		fs.existsSync(TARBALLS)
			? fs
					.readdirSync(TARBALLS)
					.find((f) => new RegExp(`^${name}-\\d+\\.\\d+\\.\\d+\\.tgz$`).test(f))
			: undefined;
	if (!find()) {
		const r = spawnSync(process.execPath, ['scripts/build-packages.mjs', '--no-build'], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		});
		if (r.status !== 0) throw new Error(`build-packages failed:\n${r.stdout}\n${r.stderr}`);
	}
	const file = find();
	if (!file) throw new Error(`no tarball for ${name} in build/tarballs`);
	return path.join(TARBALLS, file);
}

/** Manual Trigger → Speakr Recording → Get Many (Return All), with the Speakr node of package `pkg`. */
export function speakrRecordingsWorkflow(
	pkg: string,
	credential: { id: string; name: string },
): WorkflowJson {
	return {
		name: `Speakr recordings (${pkg})`,
		nodes: [
			{
				parameters: {},
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: { resource: 'recording', operation: 'getAll', returnAll: true },
				name: 'Recordings',
				type: `${pkg}.speakr`,
				typeVersion: 1,
				position: [220, 0],
				credentials: { speakrApi: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Recordings', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}
