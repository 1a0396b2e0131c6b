/**
 * Small helpers the service e2e files share on top of the driver (./n8n.cts): workflow files, the run data of a
 * stored execution, waiting with a stable "nothing more happened" check.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { IRun } from 'n8n-workflow';

import {
	HOST_DIR,
	hostN8nVersion,
	REPO_ROOT,
	type ExecutionSummary,
	type N8nServer,
	type WorkflowJson,
} from './n8n.cjs';

export const WORKFLOWS_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'workflows');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** A workflow JSON file (test/e2e/workflows/<name>, or an absolute path), with a fixed id for import/execute. */
export function workflowFile(name: string, id?: string): WorkflowJson {
	const file = path.isAbsolute(name) ? name : path.join(WORKFLOWS_DIR, name);
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson;
	if (id !== undefined) {
		if (id.length > 21)
			throw new Error(`workflow id ${id} is longer than the 21 characters n8n execute accepts`);
		workflow.id = id;
	}
	return workflow;
}

/** Deep copy, so a test can change a workflow without touching the shared object. */
export function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

const hostRequire = createRequire(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'));
const flatted = hostRequire('flatted') as { parse(text: string): unknown };

/** GET /rest/executions/<id>: the stored run (n8n keeps `data` in the flatted format; this parses it). */
export async function executionRun(
	server: N8nServer,
	executionId: string,
): Promise<IRun & ExecutionSummary> {
	const execution = await server.rest<ExecutionSummary & { data: string | IRun['data'] }>(
		'GET',
		`/rest/executions/${executionId}`,
	);
	const data =
		typeof execution.data === 'string'
			? (flatted.parse(execution.data) as IRun['data'])
			: execution.data;
	return { ...execution, data } as IRun & ExecutionSummary;
}

export const sleep = async (ms: number) =>
	await new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` every 100 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(
	predicate: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 30_000,
): Promise<number> {
	const started = Date.now();
	while (!(await predicate())) {
		if (Date.now() - started > timeoutMs)
			throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
		await sleep(100);
	}
	return Date.now() - started;
}

/**
 * The editor's "Execute workflow" button: POST /rest/workflows/<id>/run starting from `trigger` (a Schedule Trigger
 * fires once at once, a polling trigger polls once in manual mode), then waits for the stored execution to finish.
 */
export async function runManually(
	server: N8nServer,
	workflowId: string,
	trigger: string,
	timeoutMs = 60_000,
): Promise<IRun & ExecutionSummary> {
	const body: Record<string, unknown> = { triggerToStartFrom: { name: trigger } };
	// n8n 1.x runs the workflow the editor sends along (`workflowData`); 2.x runs the stored one.
	if (hostN8nVersion().startsWith('1.'))
		body.workflowData = await server.rest('GET', `/rest/workflows/${workflowId}`);
	const started = await server.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
		'POST',
		`/rest/workflows/${workflowId}/run`,
		body,
	);
	if (!started.executionId)
		throw new Error(
			`manual run of ${workflowId} from "${trigger}" started no execution: ${JSON.stringify(started)}`,
		);
	let summary: ExecutionSummary | undefined;
	await waitFor(
		async () => {
			summary = await server.rest<ExecutionSummary>(
				'GET',
				`/rest/executions/${started.executionId}`,
			);
			return !['new', 'running', 'waiting'].includes(summary.status);
		},
		`manual execution ${started.executionId} finished`,
		timeoutMs,
	);
	return await executionRun(server, started.executionId);
}

/** POST /rest/credentials (as the editor saves one); returns its id. */
export async function createCredential(
	server: N8nServer,
	type: string,
	name: string,
	data: Record<string, unknown>,
): Promise<string> {
	const created = await server.rest<{ id: string }>('POST', '/rest/credentials', {
		name,
		type,
		data,
	});
	return created.id;
}

/** Points every node's credential of a given type at the id n8n gave it (workflows reference credentials by id). */
export function withCredentials(
	workflow: WorkflowJson,
	ids: Record<string, { id: string; name: string }>,
): WorkflowJson {
	const copy = clone(workflow);
	for (const node of copy.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (ids[type]) node.credentials![type] = ids[type];
		}
	}
	return copy;
}

/** Start of today (local midnight) in an IANA zone, as epoch ms (no DST change within the day assumed). */
export function startOfTodayIn(zone: string, now = new Date()): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		})
			.formatToParts(now)
			.map((p) => [p.type, p.value]),
	);
	const utcMidnight = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
	const offsetMs = (at: number) => {
		const local = new Date(new Date(at).toLocaleString('en-US', { timeZone: zone })).getTime();
		const utc = new Date(new Date(at).toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
		return local - utc;
	};
	return utcMidnight - offsetMs(utcMidnight);
}

/** `yyyy-MM-dd` of an instant in an IANA zone. */
export function dateIn(zone: string, at: number): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(new Date(at));
}

/**
 * Creates and activates a workflow whose trigger setup must fail; returns the message n8n keeps for the failed trigger.
 * n8n 2.41 publishes through an outbox and retries a failing trigger activation 5 times with backoff (~15 s) before
 * it records the trigger as failed (GET /rest/workflows/<id>/publication-status) and tells the editor.
 */
export async function activationFailure(
	server: N8nServer,
	workflow: WorkflowJson,
): Promise<string> {
	const { id, versionId } = await server.createWorkflow(workflow);
	let message = '';
	try {
		await server.activateWorkflow(id, versionId);
	} catch (error) {
		message = (error as Error).message;
	}
	await waitFor(
		async () => {
			if (message) return true;
			const status = await server.rest<{
				triggers?: Array<{ status: string; errorMessage: string | null }>;
			}>('GET', `/rest/workflows/${id}/publication-status`);
			const failed = status.triggers?.find((trigger) => trigger.status === 'failed');
			message = failed?.errorMessage ?? '';
			return message !== '';
		},
		'n8n recorded the failed trigger activation',
		120_000,
	);
	return message;
}
