import { operationIndex, type Resource } from '../../shared/operation';
import { authorResource } from './author/Author.resource';
import { bookmarkResource } from './bookmark/Bookmark.resource';
import { collectionResource } from './collection/Collection.resource';
import { libraryResource } from './library/Library.resource';
import { libraryItemResource } from './libraryItem/LibraryItem.resource';
import { meResource } from './me/Me.resource';
import { playlistResource } from './playlist/Playlist.resource';
import { podcastResource } from './podcast/Podcast.resource';
import { seriesResource } from './series/Series.resource';

export const audiobookshelfResources: Resource[] = [
	libraryResource,
	libraryItemResource,
	seriesResource,
	authorResource,
	collectionResource,
	playlistResource,
	podcastResource,
	meResource,
	bookmarkResource,
];

export const audiobookshelfOperations = operationIndex(audiobookshelfResources);
