/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1, for driving n8n's AI Agent without a real model: each
 * `POST <base>/chat/completions` answers with the next step of a script — a tool call (to the tool whose name matches,
 * among the `tools` the agent offered) or, at the end, a final text built from the tool results the agent sent back.
 * Every request is kept, so a test can check which tools were offered with which descriptions and schemas, and what
 * the tools returned. Streaming requests get the same answer as server-sent events.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToolCallStep {
	/** Which offered tool to call (matched against the function name). */
	tool: RegExp;
	arguments: Record<string, unknown>;
}

export interface FinalStep {
	/** The model's final answer, given the content of every tool message so far. */
	reply: (toolResults: string[]) => string;
}

export type ScriptStep = ToolCallStep | FinalStep;

export interface OfferedTool {
	name: string;
	description: string;
	parameters: Record<string, unknown>;
}

export interface ChatRequest {
	body: {
		model?: string;
		stream?: boolean;
		messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[] }>;
		tools?: Array<{ type: string; function: OfferedTool }>;
	};
}

export interface ScriptedLlm {
	/** Base URL for n8n's OpenAI credential (`url`), ending in /v1. */
	url: string;
	requests: ChatRequest[];
	/** Tool messages (results) the agent sent back, in order. */
	toolResults(): string[];
	/** Tools offered in the first request. */
	offeredTools(): OfferedTool[];
	close(): Promise<void>;
}

function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) =>
				typeof part === 'string' ? part : String((part as { text?: unknown }).text ?? ''),
			)
			.join('');
	return JSON.stringify(content ?? '');
}

export async function startScriptedLlm(script: ScriptStep[]): Promise<ScriptedLlm> {
	const requests: ChatRequest[] = [];
	let calls = 0;
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'GET' && /\/models$/.test(String(req.url))) {
			send(200, { object: 'list', data: [{ id: 'scripted-model', object: 'model' }] });
			return;
		}
		if (req.method !== 'POST' || !/\/chat\/completions$/.test(String(req.url))) {
			send(404, { error: { message: `no route ${String(req.method)} ${String(req.url)}` } });
			return;
		}
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest['body'];
		requests.push({ body });
		// The step is how many tool rounds the conversation already holds.
		const rounds = body.messages.filter(
			(message) => message.role === 'assistant' && Array.isArray(message.tool_calls),
		).length;
		const step = script[Math.min(rounds, script.length - 1)];
		calls++;
		let message: Record<string, unknown>;
		let finish: string;
		if ('tool' in step) {
			const offered = (body.tools ?? []).map((tool) => tool.function.name);
			const name = offered.find((candidate) => step.tool.test(candidate));
			if (!name) {
				send(400, {
					error: { message: `no offered tool matches ${step.tool}: ${offered.join(', ')}` },
				});
				return;
			}
			message = {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${calls}`,
						type: 'function',
						function: { name, arguments: JSON.stringify(step.arguments) },
					},
				],
			};
			finish = 'tool_calls';
		} else {
			const results = body.messages
				.filter((entry) => entry.role === 'tool')
				.map((entry) => contentText(entry.content));
			message = { role: 'assistant', content: step.reply(results) };
			finish = 'stop';
		}
		const id = `chatcmpl-scripted-${calls}`;
		const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
		if (body.stream) {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			const delta = message.tool_calls
				? {
						role: 'assistant',
						tool_calls: (message.tool_calls as Array<Record<string, unknown>>).map(
							(call, index) => ({
								index,
								...call,
							}),
						),
					}
				: { role: 'assistant', content: message.content };
			const chunk = (choice: Record<string, unknown>) =>
				`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model ?? 'scripted-model', choices: [choice] })}\n\n`;
			res.write(chunk({ index: 0, delta, finish_reason: null }));
			res.write(chunk({ index: 0, delta: {}, finish_reason: finish }));
			res.end('data: [DONE]\n\n');
			return;
		}
		send(200, {
			id,
			object: 'chat.completion',
			created: 0,
			model: body.model ?? 'scripted-model',
			choices: [{ index: 0, message, finish_reason: finish }],
			usage,
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		toolResults: () =>
			(requests.at(-1)?.body.messages ?? [])
				.filter((entry) => entry.role === 'tool')
				.map((entry) => contentText(entry.content)),
		offeredTools: () => (requests[0]?.body.tools ?? []).map((tool) => tool.function),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
