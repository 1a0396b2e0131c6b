import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';
import { parseJsonField } from '../common';
import { fail, requireText } from '../../../shared/validate';

const ROLES = ['user', 'assistant'];

/** Earlier turns as Speakr's chat expects them: `[{ role: 'user' | 'assistant', content }]`. */
function readHistory(context: IExecuteFunctions, raw: unknown, itemIndex: number): IDataObject[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const example =
		'a JSON array such as [{"role": "user", "content": "Who spoke first?"}, {"role": "assistant", "content": "Alice"}]';
	const parsed = parseJsonField(
		context,
		raw,
		{ label: 'Conversation History', example },
		itemIndex,
	);
	if (!Array.isArray(parsed)) {
		fail(
			context.getNode(),
			'Conversation History must be a JSON array of { role, content } turns',
			itemIndex,
		);
	}
	return parsed.map((turn, index) => {
		const entry = (turn ?? {}) as IDataObject;
		if (!ROLES.includes(String(entry.role)) || typeof entry.content !== 'string') {
			fail(
				context.getNode(),
				`Conversation History turn ${index + 1} needs a role ("user" or "assistant") and a text content`,
				itemIndex,
			);
		}
		return { role: entry.role, content: entry.content };
	});
}

export const recordingChat: Operation = {
	option: {
		name: 'Ask Question',
		value: 'chat',
		action: 'Ask a question about a recording',
		description:
			"Ask Speakr's AI a question about one transcribed recording (its transcript, participants and notes) and get the answer as text; pass earlier turns to continue a conversation",
	},
	properties: [
		recordingLocator.property({
			description: 'The transcribed recording to ask about. Pick it from the list or enter its ID.',
		}),
		{
			displayName: 'Question',
			name: 'message',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 2 },
			placeholder: 'e.g. What did we decide about the launch date?',
			description: "The question; Speakr's chat model answers it from the recording's transcript",
		},
		fieldGroup('options', [
			{
				displayName: 'Conversation History',
				name: 'conversationHistory',
				type: 'json',
				default: '[]',
				description:
					'Earlier turns of this conversation, oldest first: a JSON array of {"role": "user" or "assistant", "content": "…"}',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const message = requireText(
			this.getNode(),
			this.getNodeParameter('message', itemIndex, ''),
			'Question',
			itemIndex,
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const history = readHistory(this, options.conversationHistory, itemIndex);
		const body: IDataObject = { message };
		if (history.length > 0) body.conversation_history = history;
		const answer = await client.request<IDataObject>({
			method: 'POST',
			path: `/recordings/${id}/chat`,
			body,
		});
		return {
			recording_id: Number(id),
			question: message,
			answer: typeof answer.response === 'string' ? answer.response : '',
			sources: Array.isArray(answer.sources) ? answer.sources : [],
		};
	},
};
