import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceClient } from '../../../shared/transport';
import { fail } from '../../../shared/validate';
import { readIdList } from '../common';

/** Comma-separated recording IDs (or an array mapped in by an expression). */
export const recordingIdsProperty = (verb: string): INodeProperties => ({
	displayName: 'Recording IDs',
	name: 'recordingIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 12, 15, 18',
	description: `Comma-separated IDs of the recordings to ${verb} in one request`,
});

export function readRecordingIds(context: IExecuteFunctions, itemIndex: number): number[] {
	const ids = readIdList(
		context,
		context.getNodeParameter('recordingIds', itemIndex, ''),
		'Recording ID',
		itemIndex,
	).filter((id, index, all) => all.indexOf(id) === index);
	if (ids.length === 0) {
		fail(
			context.getNode(),
			'Recording IDs is empty',
			itemIndex,
			'Enter the IDs of the recordings, separated by commas, or map them from an earlier node.',
		);
	}
	return ids;
}

/**
 * Speakr's batch answers are 200 with one `{ id, success, error? }` per recording. The recordings that worked are
 * done, so a partial failure is reported in the output (`failed`); only a batch where nothing worked fails the item.
 */
export function batchOutcome(
	client: ServiceClient,
	body: IDataObject,
	doneKey: string,
	what: string,
	request: string,
): IDataObject {
	const results = Array.isArray(body.results) ? (body.results as IDataObject[]) : [];
	const done = results.filter((result) => result.success === true);
	const failed = results
		.filter((result) => result.success !== true)
		.map((result) => ({ id: result.id, error: result.error ?? 'failed' }));
	if (done.length === 0 && failed.length > 0) {
		throw client.error({
			message: `Speakr ${what} none of the recordings: ${failed
				.slice(0, 5)
				.map((result) => `${String(result.id)}: ${String(result.error)}`)
				.join('; ')}${failed.length > 5 ? '; …' : ''}`,
			hint: 'Check the IDs (Recording → Get Many lists yours) and that you may edit them.',
			request,
		});
	}
	const output: IDataObject = { [doneKey]: done.map((result) => result.id), failed };
	const jobs = done.filter((result) => result.job_id !== undefined);
	if (jobs.length > 0)
		output.jobs = jobs.map((result) => ({ id: result.id, job_id: result.job_id }));
	return output;
}
