/**
 * Runs our nodes inside n8n-core's real execution engine (WorkflowExecute), with a credentials helper
 * that applies the real credential classes: `authenticate` on every request and `preAuthentication`
 * (login for a token) when the expirable field is empty or the server answered 401 — the same rules
 * n8n's own CredentialsHelper follows. Nothing of our transport is mocked.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-engine-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
	setSafeRegexEngine,
	type RegexEngine,
} from 'n8n-workflow';

import { AudioBookRequestApi } from '../../credentials/AudioBookRequestApi.credentials';
import { AudiobookshelfApi } from '../../credentials/AudiobookshelfApi.credentials';
import { AutoPiApi } from '../../credentials/AutoPiApi.credentials';
import { SpeakrApi } from '../../credentials/SpeakrApi.credentials';

export const PACKAGE = 'n8n-nodes-selfhosted-apps';

/**
 * n8n runs the regexes of node descriptions (resource locator `validation`, checked before every execution, and
 * `extractValue`) through its `safeRegex`: in a vm with a 250 ms wall-clock budget, against runaway patterns. Ours
 * take microseconds, but the budget also counts time the process is not running: a Jest worker's garbage collection
 * on a heap grown by earlier test files, or a CPU shared with other work. So a busy machine failed runs with
 * "Regular expression execution timed out". The harness keeps the protection, with a budget no pause reaches.
 */
const REGEX_BUDGET_MS = 10_000;

function budgetedRegexEngine(): RegexEngine {
	const sandbox: Record<string, unknown> = {};
	const context = vm.createContext(sandbox);
	const scripts = {
		exec: new vm.Script('result = new RegExp(pattern, flags).exec(input)'),
		test: new vm.Script('result = new RegExp(pattern, flags).test(input)'),
		replace: new vm.Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
		matchAll: new vm.Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
		split: new vm.Script('result = input.split(new RegExp(pattern, flags))'),
	};
	const run = <T,>(
		script: vm.Script,
		pattern: string,
		input: string,
		flags = '',
		replacement = '',
	): T => {
		Object.assign(sandbox, { pattern, input, flags, replacement, result: undefined });
		script.runInContext(context, { timeout: REGEX_BUDGET_MS });
		return sandbox.result as T;
	};
	return {
		exec: (pattern, input, flags) => run(scripts.exec, pattern, input, flags),
		test: (pattern, input, flags) => run(scripts.test, pattern, input, flags),
		replace: (pattern, input, flags, replacement) =>
			run(scripts.replace, pattern, input, flags, replacement),
		matchAll: (pattern, input, flags = '') =>
			run(scripts.matchAll, pattern, input, flags.includes('g') ? flags : `${flags}g`),
		split: (pattern, input, flags) => run(scripts.split, pattern, input, flags),
	};
}
setSafeRegexEngine(budgetedRegexEngine());

/**
 * n8n's logger writes through console.log. Keep its lines (tests assert that no secret reaches a log
 * line) instead of printing them between test results.
 */
export const engineLogLines: string[] = [];
// eslint-disable-next-line no-console -- replacing, not calling
console.log = (...args: unknown[]) => {
	engineLogLines.push(
		args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
	);
};

const credentialTypes: Record<string, ICredentialType> = Object.fromEntries(
	[new SpeakrApi(), new AudiobookshelfApi(), new AudioBookRequestApi(), new AutoPiApi()].map(
		(type) => [type.name, type],
	),
);

/** Credential store + the real credential classes, as n8n's CredentialsHelper applies them. */
export class RealCredentialsHelper extends ICredentialsHelper {
	/** Every preAuthentication call, for assertions (e.g. "re-logged in once"). */
	readonly preAuthenticationCalls: Array<{ type: string; expired: boolean }> = [];

	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type.authenticate === 'function')
			return await type.authenticate(credentials, requestOptions);
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls.push({ type: typeName, expired: credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		// Persist like n8n does, so the next request of the run reuses the session.
		Object.assign(this.store[typeName], output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[type];
		if (!stored) throw new Error(`No test credentials of type ${type}`);
		return { ...stored };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

/** The node-types registry a test workflow needs: exactly the node types it holds, by full type name. */
export class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** The full type name n8n knows a node of this package by (`n8n-nodes-selfhosted-apps.<name>`). */
export function typeNameOf(type: INodeType): string {
	return `${PACKAGE}.${type.description.name}`;
}

/**
 * The workflow node holding `type` as a test workflow places it: named like the editor names a new node, first
 * version, one credential reference per credential the node declares (only those in `given`, when it is passed).
 */
export function nodeUnderTest(
	type: INodeType,
	parameters: INodeParameters,
	given?: Record<string, ICredentialDataDecryptedObject>,
	extra: Partial<INode> = {},
): INode {
	const description = type.description;
	const credentialNames = (description.credentials ?? [])
		.map((credential) => credential.name)
		.filter((name) => !given || given[name]);
	return {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: typeNameOf(type),
		typeVersion: Array.isArray(description.version) ? description.version[0] : description.version,
		position: [0, 0],
		parameters,
		...extra,
		credentials: Object.fromEntries(
			credentialNames.map((name) => [name, { id: `${name}-id`, name }]),
		),
	};
}

/** The instance URLs of the local n8n every harness pretends to be (additionalData fields). */
export function instanceUrls(webhookBaseUrl = 'http://127.0.0.1:5678/webhook') {
	return {
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl,
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	};
}

/** A credentials helper over a copy of the given store (one copy per credential type, as n8n loads them). */
export function credentialsHelperFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
): RealCredentialsHelper {
	return new RealCredentialsHelper(
		Object.fromEntries(Object.entries(credentials).map(([type, data]) => [type, { ...data }])),
	);
}

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items; one empty item by default. */
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
	/** Called with the running WorkflowExecute, e.g. to cancel it mid-run. */
	onStart?: (execution: { cancel: () => void }) => void;
}

export interface NodeRunResult {
	/** Output items of the node (main output 0). */
	items: INodeExecutionData[];
	/** The error the node ended with, if any. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	/** Everything n8n stored about the run, serialised: used to prove secrets never leak. */
	serialized: string;
	credentialsHelper: RealCredentialsHelper;
	run: IRun;
}

/** Runs one node as the first node of a workflow in n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const typeName = typeNameOf(options.node);
	const nodeTypes = new NodeTypes({ [typeName]: options.node });
	const node = nodeUnderTest(options.node, options.parameters, options.credentials, {
		continueOnFail: options.continueOnFail,
	});
	const nodeName = node.name;
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const credentialsHelper = credentialsHelperFor(options.credentials);
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'engine-test-execution', {
		id: 'engine-test',
		name: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in engine tests');
		},
		...instanceUrls(),
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'engine-test-user',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in engine tests');
		},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const executeData: IExecuteData = {
		node,
		data: { main: [options.input ?? [{ json: {} }]] },
		source: null,
	};
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [executeData],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(
		additionalData,
		options.mode ?? 'manual',
		runExecutionData,
	);
	const execution = workflowExecute.processRunExecutionData(workflow);
	options.onStart?.({ cancel: () => execution.cancel() });
	await execution.catch(() => undefined);
	const run = await finished;
	const nodeRun = run.data.resultData.runData[nodeName]?.[0];
	const error = (nodeRun?.error ?? run.data.resultData.error) as NodeRunResult['error'];
	const items = nodeRun?.data?.main?.[0] ?? [];
	const serialized = JSON.stringify({
		run,
		errorMessage: error?.message,
		errorDescription: error?.description,
		errorStack: error?.stack,
	});
	return { items, error, serialized, credentialsHelper, run };
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}
