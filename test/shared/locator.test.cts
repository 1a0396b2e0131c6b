/**
 * One ID rule drives both sides of a resource locator: what the editor accepts in "By ID" (n8n checks the
 * mode's regex as `^…$`) is exactly what the reader accepts before a request, and a URL gives the same id.
 */
import type { INode, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import * as audioBookRequest from '../../nodes/AudioBookRequest/locators';
import * as audiobookshelf from '../../nodes/Audiobookshelf/locators';
import * as autoPi from '../../nodes/AutoPi/locators';
import { locatorValue, type Locator } from '../../nodes/shared/locator';
import * as speakr from '../../nodes/Speakr/locators';

const node = { name: 'Node', type: 'test', typeVersion: 1, parameters: {} } as unknown as INode;

const locators = Object.entries({ ...audioBookRequest, ...audiobookshelf, ...autoPi, ...speakr })
	.filter((entry): entry is [string, Locator] => typeof (entry[1] as Locator).read === 'function')
	.map(([name, locator]) => [name, locator] as const);

/** A context that answers one parameter, as n8n does after extractValue. */
function contextWith(value: unknown) {
	return {
		getNode: () => node,
		getNodeParameter: () => value,
	} as unknown as Parameters<Locator['read']>[0];
}

function mode(property: INodeProperties, name: string): INodePropertyMode | undefined {
	return property.modes?.find((entry) => entry.name === name);
}

/** The regex of a mode's first validation. */
function validationRegex(entry: INodePropertyMode | undefined): string {
	return (entry?.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex;
}

function editorAccepts(property: INodeProperties, value: string): boolean {
	return new RegExp(`^${validationRegex(mode(property, 'id'))}$`).test(value);
}

function readerAccepts(locator: Locator, value: string): boolean {
	try {
		locator.read(contextWith(value), 0);
		return true;
	} catch {
		return false;
	}
}

const samples = [
	'42',
	' 42 ',
	'0',
	'-1',
	'4.2',
	'abc',
	'B002V1OF70',
	'b002v1of70',
	'B002V1OF7',
	'3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
	'3F2B8C1E-5D4A-4E6B-9C7D-1A2B3C4D5E6F',
	'3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6',
	'alice',
	'Alice Smith',
	'../users',
	'a/b',
	'a?b',
	'a#b',
	'tab\there',
	'x'.repeat(101),
];

describe('resource locators', () => {
	test('every service defines its locators here', () => {
		expect(locators.map(([name]) => name).sort()).toEqual([
			'bookLocator',
			'bookOrManualRequestLocator',
			'deviceLocator',
			'folderLocator',
			'libraryItemLocator',
			'libraryLocator',
			'manualRequestLocator',
			'recordingLocator',
			'requestedBookLocator',
			'tagLocator',
			'userLocator',
			'vehicleLocator',
		]);
	});

	test.each(locators)('%s: the editor and the reader accept the same IDs', (_name, locator) => {
		const property = locator.property();
		const accepted = samples.filter((value) => readerAccepts(locator, value));
		expect(accepted.length).toBeGreaterThan(0);
		for (const value of samples)
			expect([value, editorAccepts(property, value)]).toEqual([
				value,
				readerAccepts(locator, value),
			]);
	});

	test.each(locators)(
		'%s: a whole locator mapped by an expression reads as its value',
		(_, locator) => {
			const valid = samples.find((value) => readerAccepts(locator, value))!;
			expect(locator.read(contextWith({ __rl: true, mode: 'id', value: valid }), 0)).toBe(
				locator.read(contextWith(valid), 0),
			);
		},
	);

	test('empty: read refuses it, readOptional gives undefined', () => {
		const { deviceLocator } = autoPi;
		expect(() => deviceLocator.read(contextWith(''), 3)).toThrow('Device ID is empty');
		expect(deviceLocator.readOptional(contextWith('  '), 3)).toBeUndefined();
		expect(deviceLocator.readOptional(contextWith(null), 3)).toBeUndefined();
	});

	test('IDs are sent in their canonical case', () => {
		const uuid = '3F2B8C1E-5D4A-4E6B-9C7D-1A2B3C4D5E6F';
		expect(autoPi.deviceLocator.read(contextWith(uuid), 0)).toBe(uuid.toLowerCase());
		expect(audioBookRequest.bookLocator.read(contextWith(' b002v1of70 '), 0)).toBe('B002V1OF70');
		expect(audioBookRequest.bookOrManualRequestLocator.read(contextWith(uuid), 0)).toBe(
			uuid.toLowerCase(),
		);
	});

	test('"By URL" extracts the id the reader then accepts', () => {
		const cases: Array<[Locator, string, string]> = [
			[
				audiobookshelf.libraryLocator,
				'https://abs.example.com/audiobookshelf/library/864a63fd-c8ef-460e-8faf-6c9e555ad566/bookshelf',
				'864a63fd-c8ef-460e-8faf-6c9e555ad566',
			],
			[
				audiobookshelf.libraryItemLocator,
				'https://abs.example.com/item/5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
				'5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
			],
			[
				audioBookRequest.bookLocator,
				'https://www.audible.co.uk/pd/Dune-Audiobook/B002V1OF70?qid=1',
				'B002V1OF70',
			],
		];
		for (const [locator, url, id] of cases) {
			const urlMode = mode(locator.property(), 'url')!;
			const regex = (urlMode.extractValue as { regex: string }).regex;
			const validation = validationRegex(urlMode);
			expect(new RegExp(`^${validation}$`).test(url)).toBe(true);
			const extracted = new RegExp(regex).exec(url)?.[1];
			expect(extracted).toBe(id);
			expect(locator.read(contextWith(extracted), 0)).toBe(id);
		}
	});

	test('locatorValue unwraps { value } and leaves everything else', () => {
		expect(locatorValue({ value: 7 })).toBe(7);
		expect(locatorValue('7')).toBe('7');
		expect(locatorValue(null)).toBeNull();
	});
});
