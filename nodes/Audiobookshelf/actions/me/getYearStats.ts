import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { fail } from '../../../shared/validate';

export const meGetYearStats: Operation = {
	option: {
		name: 'Get Year in Review',
		value: 'getYearStats',
		action: 'Get the year in review of the current user',
		description:
			"Get a year's listening summary (Audiobookshelf 2.7.0 or later): for the API key's user — listening time, books finished and listened, top authors and genres, most listened narrator and month, longest book finished; or, for an admin, the whole server — books and authors added, listening time, top authors, narrators and genres",
	},
	properties: [
		{
			displayName: 'Year',
			name: 'year',
			type: 'number',
			typeOptions: { minValue: 2000, maxValue: 9999, numberPrecision: 0 },
			default: 2025,
			description: 'Calendar year, e.g. 2025',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			default: 'me',
			options: [
				{ name: 'Me', value: 'me', description: "The API key's user" },
				{
					name: 'Whole Server (Admin)',
					value: 'server',
					description: 'Every user; needs an admin key',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const year = Number(this.getNodeParameter('year', itemIndex, 0));
		if (!Number.isInteger(year) || year < 2000 || year > 9999)
			fail(
				this.getNode(),
				`Year ${String(year)} is not valid`,
				itemIndex,
				'Use a year from 2000 to 9999, e.g. 2025.',
			);
		const scope = this.getNodeParameter('scope', itemIndex, 'me') as string;
		const stats = await client.request<IDataObject>({
			method: 'GET',
			path: scope === 'server' ? `/stats/year/${year}` : `/me/stats/year/${year}`,
			availableSince: '2.7.0',
		});
		return { year, scope, ...stats };
	},
};
