import { operationIndex, type Resource } from '../../shared/operation';
import { recordingResource } from './recording/Recording.resource';

export const speakrResources: Resource[] = [recordingResource];

export const speakrOperations = operationIndex(speakrResources);
