import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { ServiceClient } from '../../../shared/transport';
import { inputError } from '../../../shared/inputError';

/**
 * Podcast-only endpoints fail obscurely on book items and libraries (`checknew` answers 500, `recent-episodes` 404).
 * On such a failure, look the target up once and say what is wrong; other failures are passed on unchanged.
 * The happy path costs no extra request.
 */
export async function explainNotPodcast(
	context: IExecuteFunctions,
	client: ServiceClient,
	error: unknown,
	statuses: string[],
	target: { kind: 'library' | 'item'; id: string },
	itemIndex: number,
): Promise<never> {
	const status = error instanceof NodeApiError ? String(error.httpCode ?? '') : '';
	if (statuses.includes(status)) {
		const path = target.kind === 'library' ? `/libraries/${target.id}` : `/items/${target.id}`;
		const found = await client
			.send<IDataObject>({ method: 'GET', path, passStatuses: [403, 404] })
			.catch(() => undefined);
		const mediaType = found && found.status === 200 ? found.body?.mediaType : undefined;
		if (mediaType && mediaType !== 'podcast') {
			const what =
				target.kind === 'library'
					? `Library ${target.id} is a ${String(mediaType)} library, not a podcast library`
					: `Library item ${target.id} is a ${String(mediaType)}, not a podcast`;
			throw inputError(context.getNode(), `${what}`, {
				itemIndex,
				description: `This operation works only on podcasts. Pick a podcast ${target.kind === 'library' ? 'library' : 'item'}.`,
			});
		}
	}
	throw error;
}
