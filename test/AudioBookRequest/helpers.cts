import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AudioBookRequest } from '../../nodes/AudioBookRequest/AudioBookRequest.node';
import { ABR_ADMIN_TOKEN, type FakeAudioBookRequest } from '../fakes/audiobookrequest.cjs';
import { runNode, type NodeRunResult } from '../harness/engine.cjs';

export const credentials = (
	abr: FakeAudioBookRequest,
	token = ABR_ADMIN_TOKEN,
	overrides: IDataObject = {},
) => ({
	audioBookRequestApi: {
		baseUrl: abr.url,
		apiToken: token,
		allowUnauthorizedCerts: false,
		...overrides,
	},
});

export async function run(
	abr: FakeAudioBookRequest,
	parameters: INodeParameters,
	options: { token?: string; continueOnFail?: boolean; input?: INodeExecutionData[] } = {},
): Promise<NodeRunResult> {
	return await runNode({
		node: new AudioBookRequest(),
		parameters: { requestOptions: { maxRetries: 1 }, ...parameters },
		credentials: credentials(abr, options.token),
		continueOnFail: options.continueOnFail,
		input: options.input,
	});
}

/** Resource-locator value in "By ID" mode. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** "METHOD /path?query" of every request the fake received. */
export const calls = (abr: FakeAudioBookRequest) =>
	abr.stats.log.map((entry) => `${entry.method} ${entry.path}${entry.query}`);

export function expectNoSecret(result: NodeRunResult, ...tokens: string[]): void {
	for (const token of tokens) expect(result.serialized).not.toContain(token);
}
