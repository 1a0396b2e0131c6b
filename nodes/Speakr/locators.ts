import { defineLocator, type LocatorSpec } from '../shared/locator';
import { INTEGER_ID } from '../shared/validate';

/** Speakr ids are integers; anything else would get Flask's HTML 404, so it is refused before any request. */
function speakrLocator(
	spec: Pick<LocatorSpec, 'displayName' | 'name' | 'description' | 'searchListMethod'>,
) {
	return defineLocator({
		...spec,
		rule: { label: `${spec.displayName} ID`, ...INTEGER_ID },
		id: { placeholder: 'e.g. 42' },
	});
}

export const recordingLocator = speakrLocator({
	displayName: 'Recording',
	name: 'recordingId',
	description:
		'The recording to use. Pick it from the list (searches titles and participants) or enter its ID.',
	searchListMethod: 'searchRecordings',
});

export const tagLocator = speakrLocator({
	displayName: 'Tag',
	name: 'tagId',
	description: 'The tag to use. Pick it from the list or enter its ID.',
	searchListMethod: 'searchTags',
});

export const folderLocator = speakrLocator({
	displayName: 'Folder',
	name: 'folderId',
	description: 'The folder to use. Pick it from the list or enter its ID.',
	searchListMethod: 'searchFolders',
});
