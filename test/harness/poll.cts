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
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { instanceUrls, nodeUnderTest, NodeTypes, RealCredentialsHelper } from './engine.cjs';

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

	async poll(
		mode: WorkflowExecuteMode = 'trigger',
		activation: WorkflowActivateMode = 'activate',
	): Promise<PollResult> {
		const node = nodeUnderTest(this.options.node, this.options.parameters, undefined, {
			id: 'trigger-under-test',
		});
		// Static data as loaded from the database for this tick; a failed poll's changes are never saved.
		const workingCopy = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const workflow = new Workflow({
			id: 'poll-test',
			nodes: [node],
			connections: {},
			nodeTypes: new NodeTypes({ [node.type]: this.options.node }),
			active: true,
			staticData: { [`node:${node.name}`]: workingCopy },
			settings: { executionOrder: 'v1' },
		});
		const additionalData = {
			credentialsHelper: new RealCredentialsHelper(
				JSON.parse(JSON.stringify(this.options.credentials)) as Record<
					string,
					ICredentialDataDecryptedObject
				>,
			),
			...instanceUrls(),
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
			if (mode !== 'manual')
				this.staticData = JSON.parse(JSON.stringify(after ?? {})) as IDataObject;
			return { data, staticData: this.persisted() };
		} catch (error) {
			return { data: null, error: error as PollResult['error'], staticData: this.persisted() };
		}
	}
}

export function polledJson(result: PollResult): IDataObject[] {
	return (result.data?.[0] ?? []).map((item) => item.json);
}
