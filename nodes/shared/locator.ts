import type { IDataObject, IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { requireId, SAFE_ID, type IdRule } from './validate';

/**
 * A resource locator ("From List", "By ID", optionally "By URL") and its reader, built from one ID rule:
 * the editor validates "By ID" with the rule's pattern, and the reader refuses the same values before any
 * request, whatever way the value arrived (picked, typed, extracted from a URL or mapped by an expression).
 */
export interface LocatorSpec {
	displayName: string;
	/** Parameter name, e.g. `recordingId`. */
	name: string;
	description: string;
	/** The listSearch method behind "From List". */
	searchListMethod: string;
	/** Whether "From List" has a search box (default true). */
	searchable?: boolean;
	listPlaceholder?: string;
	rule: IdRule;
	/** The "By ID" mode: its label (default "By ID"), placeholder and editor message for a bad value. */
	id: { displayName?: string; placeholder: string; errorMessage?: string };
	/** A "By URL" mode: `regex` matches the whole URL and captures the id in its one group. */
	url?: { displayName?: string; placeholder: string; regex: string; errorMessage: string };
}

/** Per-operation changes: description, search method, displayOptions, required … */
export type LocatorOverrides = Partial<INodeProperties> & {
	searchListMethod?: string;
};

export interface Locator {
	readonly spec: LocatorSpec;
	property(overrides?: LocatorOverrides): INodeProperties;
	/** The validated id; `itemIndex` is left out in triggers (poll and webhook contexts). */
	read(context: ParameterSource, itemIndex?: number): string;
	/** As `read`, but empty means "none" (an optional locator). */
	readOptional(context: ParameterSource, itemIndex?: number): string | undefined;
}

type ParameterSource = Pick<IExecuteFunctions, 'getNode'> & {
	getNodeParameter: IExecuteFunctions['getNodeParameter'] | IPollFunctions['getNodeParameter'];
};

/**
 * The editor's regex for a rule's pattern. n8n wraps it in `^…$` itself; surrounding spaces are allowed
 * because the reader trims them. Patterns carry no flags: the editor checks them without any.
 */
export function editorPattern(rule: IdRule): string {
	const pattern = rule.pattern ?? SAFE_ID.pattern!;
	return `\\s*(?:${pattern.source.replace(/^\^/, '').replace(/\$$/, '')})\\s*`;
}

/** A locator's value: `{ value }` objects (a whole locator mapped by an expression) give their value. */
export function locatorValue(raw: unknown): unknown {
	if (raw !== null && typeof raw === 'object' && 'value' in (raw as IDataObject))
		return (raw as IDataObject).value;
	return raw;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || String(value).trim() === '';
}

function rawParameter(context: ParameterSource, name: string, itemIndex?: number): unknown {
	const value =
		itemIndex === undefined
			? (context.getNodeParameter as IPollFunctions['getNodeParameter'])(name, '', {
					extractValue: true,
				})
			: (context.getNodeParameter as IExecuteFunctions['getNodeParameter'])(name, itemIndex, '', {
					extractValue: true,
				});
	return locatorValue(value);
}

export function defineLocator(spec: LocatorSpec): Locator {
	const { url } = spec;
	return {
		spec,
		property({ searchListMethod, ...overrides } = {}) {
			return {
				displayName: spec.displayName,
				name: spec.name,
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description: spec.description,
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						...(spec.listPlaceholder ? { placeholder: spec.listPlaceholder } : {}),
						typeOptions: {
							searchListMethod: searchListMethod ?? spec.searchListMethod,
							searchable: spec.searchable ?? true,
						},
					},
					{
						displayName: spec.id.displayName ?? 'By ID',
						name: 'id',
						type: 'string',
						placeholder: spec.id.placeholder,
						validation: [
							{
								type: 'regex',
								properties: {
									regex: editorPattern(spec.rule),
									errorMessage:
										spec.id.errorMessage ??
										`Not a valid ${spec.rule.label}: expected ${spec.rule.expected ?? SAFE_ID.expected}`,
								},
							},
						],
					},
					...(url
						? [
								{
									displayName: url.displayName ?? 'By URL',
									name: 'url',
									type: 'string' as const,
									placeholder: url.placeholder,
									extractValue: { type: 'regex' as const, regex: url.regex },
									validation: [
										{
											type: 'regex' as const,
											properties: { regex: url.regex, errorMessage: url.errorMessage },
										},
									],
								},
							]
						: []),
				],
				...overrides,
			};
		},
		read(context, itemIndex) {
			const value = rawParameter(context, spec.name, itemIndex);
			return requireId(context.getNode(), value, spec.rule, itemIndex);
		},
		readOptional(context, itemIndex) {
			const value = rawParameter(context, spec.name, itemIndex);
			if (isEmpty(value)) return undefined;
			return requireId(context.getNode(), value, spec.rule, itemIndex);
		},
	};
}
