import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, limitProperty } from '../../../shared/descriptions';

/** A recommendation list's filter besides Limit and Exclude Downloaded: one whole number ≥ 1. */
export interface RecommendationFilter {
	property: INodeProperties & { default: number };
	/** The query parameter AudioBookRequest reads it from. */
	key: string;
}

/** Limit, the list's own filter and Exclude Downloaded, in this order. */
export function recommendationProperties(filter: RecommendationFilter): INodeProperties[] {
	return [
		limitProperty(),
		{ ...filter.property, type: 'number', typeOptions: { minValue: 1 } },
		{
			displayName: 'Exclude Downloaded',
			name: 'excludeDownloaded',
			type: 'boolean',
			default: true,
			description: 'Whether to leave out books that are already downloaded',
		},
	];
}

export function readRecommendationQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	filter: RecommendationFilter,
): IDataObject {
	const { name, default: fallback } = filter.property;
	return {
		limit: readLimit(context, itemIndex),
		[filter.key]: context.getNodeParameter(name, itemIndex, fallback) as number,
		exclude_downloaded: context.getNodeParameter('excludeDownloaded', itemIndex, true) as boolean,
	};
}
