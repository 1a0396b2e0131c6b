import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../shared/descriptions';
import type { Operation } from '../shared/operation';
import { paginate, type ListPage } from '../shared/paginate';
import type { ServiceClient } from '../shared/transport';
import { readResultsPage } from './helpers';
import { libraryLocator } from './locators';

/**
 * Get Many of a library's sub-list (`/libraries/:id/<list>`): 0-based `page`, and `limit` always sent (> 0), which the
 * series list needs (no limit → empty page) and the authors list needs (limit and page → paginated shape).
 */
export function libraryListOperation(options: {
	option: Operation['option'];
	list: string;
	pageSize: number;
	read?: (body: unknown) => ListPage | undefined;
	extraProperties?: INodeProperties[];
	query?: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
	map?: (record: IDataObject) => IDataObject;
}): Operation {
	return {
		option: options.option,
		properties: [
			libraryLocator.property(),
			...returnAllAndLimit(),
			...(options.extraProperties ?? []),
		],
		async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
			const libraryId = libraryLocator.read(this, itemIndex);
			const { returnAll, limit } = readReturnAll(this, itemIndex);
			const records = await paginate(
				client,
				{
					path: `/libraries/${libraryId}/${options.list}`,
					qs: options.query?.(this, itemIndex) ?? {},
					paging: { style: 'page', pageParam: 'page', sizeParam: 'limit', firstPage: 0 },
					maxPageSize: options.pageSize,
					read: options.read ?? readResultsPage,
					idField: 'id',
				},
				{ returnAll, limit },
			);
			return options.map ? records.map(options.map) : records;
		},
	};
}

/** Descending + sort key collection for lists that accept `sort` and `desc`. */
export function sortCollection(
	sortOptions: INodePropertyOptions[],
	defaultSort: string,
): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		options: [
			{
				displayName: 'Descending',
				name: 'descending',
				type: 'boolean',
				default: false,
				description: 'Whether to sort from highest to lowest (newest first for dates)',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: defaultSort,
				options: sortOptions,
			},
		],
	};
}

export function readSort(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const sort = context.getNodeParameter('sort', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (sort.sortBy) qs.sort = sort.sortBy;
	if (sort.descending === true) qs.desc = 1;
	return qs;
}
