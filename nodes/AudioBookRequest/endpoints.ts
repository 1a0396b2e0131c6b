import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { recordArray, type ListEndpoint, type ListPage } from '../shared/endpoint';

/** AudioBookRequest's paged lists: `offset` + `limit`, and an envelope with the total. */
const OFFSET_PAGING = { style: 'offset', offsetParam: 'offset', sizeParam: 'limit' } as const;

const usersPageSchema = z.object({ users: recordArray, total: z.number() });
const recommendationsPageSchema = z.object({ recommendations: recordArray, total: z.number() });

/** `GET /api/users/` → `{users, total}`. */
export function readUsersPage(body: unknown): ListPage | undefined {
	const parsed = usersPageSchema.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.users as IDataObject[], total: parsed.data.total };
}

function readRecommendationsPage(body: unknown): ListPage | undefined {
	const parsed = recommendationsPageSchema.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.recommendations as IDataObject[], total: parsed.data.total };
}

/**
 * Users, 100 per page (the API's maximum), read by User → Get Many and the user picker. The trailing slash is
 * required: AudioBookRequest does not redirect /api/users.
 */
export const users: ListEndpoint = {
	path: '/users/',
	paging: OFFSET_PAGING,
	maxPageSize: 100,
	read: readUsersPage,
	idField: 'username',
};

/**
 * Personal recommendations, 50 per page. FastAPI reads a list from repeated parameters; n8n would send
 * seed_asins[0]=…, so the seed ASINs go in the path.
 */
export function userRecommendations(seeds: string[]): ListEndpoint {
	return {
		path: seeds.length
			? `/recommendations/user?${seeds.map((asin) => `seed_asins=${asin}`).join('&')}`
			: '/recommendations/user',
		paging: OFFSET_PAGING,
		maxPageSize: 50,
		read: readRecommendationsPage,
	};
}
