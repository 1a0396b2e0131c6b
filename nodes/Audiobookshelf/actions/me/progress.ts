import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceClient } from '../../../shared/transport';
import { libraryItemLocator } from '../../locators';
import { episodeIdProperty, readEpisodeId } from '../../helpers';

/** Progress is addressed by its own ID on delete/hide; people know the book (and episode), so the node looks it up. */
export const progressTargetProperties = (what: string): INodeProperties[] => [
	libraryItemLocator.property({ description: `The book or podcast whose progress to ${what}` }),
	episodeIdProperty('For a podcast: the episode. Leave empty for a book.'),
];

/** The API key user's progress record for the item (and episode); a clear error when there is none. */
export async function findProgress(
	context: IExecuteFunctions,
	client: ServiceClient,
	itemIndex: number,
): Promise<{ record: IDataObject; libraryItemId: string; episodeId?: string }> {
	const libraryItemId = libraryItemLocator.read(context, itemIndex);
	const episodeId = readEpisodeId(context, itemIndex);
	const path = `/me/progress/${libraryItemId}${episodeId ? `/${episodeId}` : ''}`;
	const response = await client.send<IDataObject>({ method: 'GET', path, passStatuses: [404] });
	if (response.status === 404 || typeof response.body?.id !== 'string') {
		throw client.error({
			status: 404,
			message: `There is no listening progress for ${episodeId ? `episode ${episodeId} of ` : ''}library item ${libraryItemId}`,
			hint: "The API key's user has not started it (or its progress was deleted). Check the IDs; Me → Get Progress lists what has progress.",
			request: `GET /api/me/progress/${libraryItemId}${episodeId ? '/…' : ''}`,
		});
	}
	return { record: response.body, libraryItemId, episodeId };
}
