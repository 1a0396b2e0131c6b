import type { IDataObject, INodeType } from 'n8n-workflow';

import { toolDescriptionOf } from '../../nodes/shared/operation';
import { compactRecord, TOOL_TEXT_LIMIT } from '../../nodes/shared/toolOutput';
import { recordingGetAll } from '../../nodes/Speakr/actions/recording/getAll';
import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import { jsonOf, runNode } from '../harness/engine.cjs';
import { speakrCredentials } from '../Speakr/helpers.cjs';

describe('compactRecord (list records handed to an AI model)', () => {
	test.each<[string, unknown, unknown]>([
		[
			'drops null, empty text, empty lists and objects',
			{ a: 1, b: null, c: '', d: [], e: {} },
			{ a: 1 },
		],
		['keeps false and 0', { done: false, count: 0 }, { done: false, count: 0 }],
		[
			'works at any depth',
			{ folder: { id: 3, name: null }, tags: [{ id: 1, color: '' }] },
			{ folder: { id: 3 }, tags: [{ id: 1 }] },
		],
		['drops an object that became empty', { folder: { name: null } }, {}],
		['keeps a short text', { notes: 'short' }, { notes: 'short' }],
	])('%s', (_name, input, expected) => {
		expect(compactRecord(input)).toEqual(expected);
	});

	test('cuts a long text and says how much was left out', () => {
		const long = 'x'.repeat(TOOL_TEXT_LIMIT + 42);
		expect(compactRecord({ transcript: long })).toEqual({
			transcript: `${'x'.repeat(TOOL_TEXT_LIMIT)}… (42 more characters)`,
		});
	});
});

describe('toolDescriptionOf', () => {
	test('what the operation does and returns, then what it needs', () => {
		expect(toolDescriptionOf(recordingGetAll)).toBe(
			`${recordingGetAll.option.description.replace(/\.?$/, '.')}`,
		);
		expect(
			toolDescriptionOf({
				...recordingGetAll,
				option: { ...recordingGetAll.option, description: 'Get one recording' },
				properties: [
					{
						displayName: 'Recording',
						name: 'recordingId',
						type: 'string',
						default: '',
						required: true,
					},
					{ displayName: 'Note', name: 'note', type: 'notice', default: '', required: true },
				],
			}),
		).toBe('Get one recording. Needs: Recording.');
	});

	test('every operation of the Speakr node carries its tool description, shown only in the tool variant', () => {
		const descriptions = new Speakr().description.properties.filter(
			(property) => property.name === 'toolDescription',
		);
		expect(descriptions.length).toBeGreaterThan(10);
		for (const property of descriptions) {
			expect(property.displayOptions?.show?.['@tool']).toEqual([true]);
			expect(String(property.default).length).toBeGreaterThan(20);
		}
	});
});

describe('Speakr as an AI tool (node type …Tool) → list records are compact', () => {
	let speakr: FakeSpeakr;
	beforeAll(async () => {
		speakr = await startFakeSpeakr({ recordings: 6 });
	});
	afterAll(async () => await speakr.close());

	/** The variant n8n generates for `usableAsTool` nodes: same node, type name `<name>Tool`. */
	class SpeakrTool extends Speakr {
		description = { ...new Speakr().description, name: 'speakrTool' };
	}

	const run = async (node: INodeType, simplify: boolean) => {
		const result = await runNode({
			node,
			parameters: { resource: 'recording', operation: 'getAll', limit: 6, simplify },
			credentials: speakrCredentials(speakr),
		});
		expect(result.error).toBeUndefined();
		return jsonOf(result.items);
	};
	const hasEmpty = (records: IDataObject[]) =>
		records.some((record) => Object.values(record).some((value) => value === null || value === ''));

	test('as a tool, with Simplify on (the default): no empty fields; the same records otherwise', async () => {
		const plain = await run(new Speakr(), true);
		const asTool = await run(new SpeakrTool(), true);
		expect(hasEmpty(plain)).toBe(true);
		expect(hasEmpty(asTool)).toBe(false);
		expect(asTool.map((record) => record.id)).toEqual(plain.map((record) => record.id));
		expect(asTool).toEqual(plain.map((record) => compactRecord(record)));
	});

	test('as a tool with Simplify off: the full records, unchanged', async () => {
		expect(await run(new SpeakrTool(), false)).toEqual(await run(new Speakr(), false));
	});
});
