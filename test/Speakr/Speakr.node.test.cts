import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { SpeakrTrigger } from '../../nodes/Speakr/SpeakrTrigger.node';

const node = new Speakr();
const trigger = new SpeakrTrigger();

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			((property.options ?? []) as unknown[]).filter(
				(option): option is INodeProperties =>
					typeof option === 'object' && option !== null && 'type' in option,
			),
		),
	]);
}

describe('Speakr node descriptions', () => {
	test('every operation has Title Case name, an action naming its resource, and a description; options sorted', () => {
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations.length).toBe(4);
		for (const property of operations) {
			const options = property.options as INodePropertyOptions[];
			expect(options.map((o) => o.name)).toEqual(
				[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
			);
			const resource = String(property.displayOptions?.show?.resource?.[0]);
			for (const option of options) {
				expect(option.action).toMatch(new RegExp(resource, 'i'));
				expect(String(option.description).length).toBeGreaterThan(30);
			}
		}
	});

	test('Limit defaults to 50, booleans start with "Whether", resource locators list + search', () => {
		const properties = allProperties(node.description.properties);
		for (const limit of properties.filter((p) => p.name === 'limit'))
			expect(limit.default).toBe(50);
		for (const flag of properties.filter((p) => p.type === 'boolean'))
			expect(flag.description).toMatch(/^Whether /);
		const locators = properties.filter((p) => p.type === 'resourceLocator');
		expect(locators.length).toBeGreaterThan(10);
		for (const locator of locators) {
			const list = locator.modes?.find((mode) => mode.name === 'list');
			expect(Object.keys(node.methods.listSearch)).toContain(list?.typeOptions?.searchListMethod);
		}
	});

	test('action node usable as a tool; trigger is a trigger without inputs or usableAsTool', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(trigger.description.group).toEqual(['trigger']);
		expect(trigger.description.inputs).toEqual([]);
		expect(trigger.description.usableAsTool).toBeUndefined();
		const events = trigger.description.properties.find((p) => p.name === 'events')!
			.options as INodePropertyOptions[];
		expect(events.map((e) => e.value).sort()).toEqual([
			'recording.created',
			'recording.deleted',
			'recording.events.extracted',
			'recording.summary.completed',
			'recording.summary.failed',
			'recording.transcription.completed',
			'recording.transcription.failed',
			'recording.transcription.started',
			'recording.updated',
		]);
		expect(
			String(trigger.description.properties.find((p) => p.type === 'notice')?.displayName),
		).toContain('WEBHOOK_INTRANET_HOST_ALLOWLIST');
	});
});
