/**
 * Runs a polling trigger's `poll()` in n8n-core's real PollContext (the class n8n's ActiveWorkflows uses), with the
 * real credential classes applied by RealCredentialsHelper and real HTTP. The node's static data lives in a plain
 * object owned by the test, so a "restart" is a new Workflow built from a JSON copy of what was persisted.
 */
import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { PACKAGE, RealCredentialsHelper } from './engine.cjs';

export interface PollHarnessOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Persisted static data to start from (a restart reloads it from the database). */
	staticData?: IDataObject;
	/** What `getPollBudgetMs()` answers; undefined keeps n8n's default (5 min). */
	pollBudgetMs?: number;
}

export interface PollResult {
	data: INodeExecutionData[][] | null;
	error?: Error & { description?: string; httpCode?: string | null };
	/** The node's static data after the poll (what n8n would persist). */
	staticData: IDataObject;
}

class NodeTypes implements INodeTypes {
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

/** A trigger as an activated workflow would hold it: each `poll()` call is one tick. */
export class PollHarness {
	private staticData: IDataObject;

	constructor(private readonly options: PollHarnessOptions) {
		this.staticData = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	}

	/** What would be in the database now (a deep copy). */
	persisted(): IDataObject {
		return JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
	}

	async poll(mode: WorkflowExecuteMode = 'trigger', activation: WorkflowActivateMode = 'activate'): Promise<PollResult> {
		const description = this.options.node.description;
		const typeName = `${PACKAGE}.${description.name}`;
		const node: INode = {
			id: 'trigger-under-test',
			name: description.defaults.name ?? description.displayName,
			type: typeName,
			typeVersion: Array.isArray(description.version) ? description.version[0] : description.version,
			position: [0, 0],
			parameters: this.options.parameters,
			credentials: Object.fromEntries((description.credentials ?? []).map((credential) => [credential.name, { id: `${credential.name}-id`, name: credential.name }])),
		};
		// Static data as loaded from the database for this tick; a failed poll's changes are never saved.
		const workingCopy = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const workflow = new Workflow({
			id: 'poll-test',
			nodes: [node],
			connections: {},
			nodeTypes: new NodeTypes({ [typeName]: this.options.node }),
			active: true,
			staticData: { [`node:${node.name}`]: workingCopy },
			settings: { executionOrder: 'v1' },
		});
		const additionalData = {
			credentialsHelper: new RealCredentialsHelper(JSON.parse(JSON.stringify(this.options.credentials)) as Record<string, ICredentialDataDecryptedObject>),
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			userId: 'poll-test-user',
			variables: {},
			executionTimeoutTimestamp: undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
		const budget = this.options.pollBudgetMs;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			activation,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);
		try {
			const data = await this.options.node.poll!.call(context);
			const after = workflow.staticData[`node:${node.name}`] as IDataObject;
			if (mode !== 'manual') this.staticData = JSON.parse(JSON.stringify(after ?? {})) as IDataObject;
			return { data, staticData: this.persisted() };
		} catch (error) {
			return { data: null, error: error as PollResult['error'], staticData: this.persisted() };
		}
	}
}

export function polledJson(result: PollResult): IDataObject[] {
	return (result.data?.[0] ?? []).map((item) => item.json);
}
