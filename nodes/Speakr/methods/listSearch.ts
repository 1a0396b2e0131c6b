import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { requestAs } from '../../shared/endpoint';
import { ServiceClient } from '../../shared/transport';
import { recordings } from '../endpoints';
import { speakrProfile } from '../profile';

const PAGE_SIZE = 50;

function matches(name: unknown, filter?: string): boolean {
	return (
		!filter ||
		String(name ?? '')
			.toLowerCase()
			.includes(filter.trim().toLowerCase())
	);
}

/** Recordings, newest first, searched by Speakr (`q` matches titles and participants), 50 per page. */
export async function searchRecordings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = new ServiceClient(this, speakrProfile);
	const page = paginationToken && /^\d+$/.test(paginationToken) ? Number(paginationToken) : 1;
	const qs: IDataObject = { page, per_page: PAGE_SIZE, sort_by: 'created_at', sort_order: 'desc' };
	if (filter?.trim()) qs.q = filter.trim();
	const request = { method: 'GET' as const, path: recordings.path, qs };
	const list = await requestAs(client, request, recordings.read, 'the recording list');
	const results: INodeListSearchItems[] = list.items.map((recording) => ({
		name: `${String(recording.title ?? `Recording ${String(recording.id)}`)} (${String(recording.created_at ?? '').slice(0, 10)}, ${String(recording.status ?? '').toLowerCase()})`,
		value: String(recording.id),
	}));
	return { results, paginationToken: list.hasNext === true ? String(page + 1) : undefined };
}

export async function searchTags(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = new ServiceClient(this, speakrProfile);
	const body = await client.request<IDataObject>({ method: 'GET', path: '/tags' });
	const tags = Array.isArray(body.tags) ? (body.tags as IDataObject[]) : [];
	return {
		results: tags
			.filter((tag) => matches(tag.name, filter))
			.sort((a, b) => String(a.name).localeCompare(String(b.name)))
			.map((tag) => ({ name: String(tag.name), value: String(tag.id) })),
	};
}

export async function searchFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = new ServiceClient(this, speakrProfile);
	const body = await client.request<unknown>({ method: 'GET', path: '/folders' });
	const folders = Array.isArray(body) ? (body as IDataObject[]) : [];
	return {
		results: folders
			.filter((folder) => matches(folder.name, filter))
			.sort((a, b) => String(a.name).localeCompare(String(b.name)))
			.map((folder) => ({ name: String(folder.name), value: String(folder.id) })),
	};
}
