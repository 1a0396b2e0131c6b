import { operationIndex, type Resource } from '../../shared/operation';
import { bookResource } from './book/Book.resource';
import { manualRequestResource } from './manualRequest/ManualRequest.resource';
import { recommendationResource } from './recommendation/Recommendation.resource';
import { requestResource } from './request/Request.resource';
import { userResource } from './user/User.resource';

export const audioBookRequestResources: Resource[] = [
	bookResource,
	requestResource,
	manualRequestResource,
	userResource,
	recommendationResource,
];

export const audioBookRequestOperations = operationIndex(audioBookRequestResources);
