import { operationIndex, type Resource } from '../../shared/operation';
import { folderResource } from './folder/Folder.resource';
import { recordingResource } from './recording/Recording.resource';
import { speakerResource } from './speaker/Speaker.resource';
import { tagResource } from './tag/Tag.resource';

export const speakrResources: Resource[] = [
	folderResource,
	recordingResource,
	speakerResource,
	tagResource,
];

export const speakrOperations = operationIndex(speakrResources);
