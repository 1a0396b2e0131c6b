import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ExecutionItems, type Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

export const recordingGetEvents: Operation = {
	option: {
		name: 'Get Events',
		value: 'getEvents',
		action: 'Get the calendar events of a recording',
		description:
			'Get the calendar events (meetings, deadlines) that Speakr extracted from a recording: one item per event with title, start, end, description and location, or all of them as one ICS calendar file',
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'items',
			options: [
				{
					name: 'ICS File',
					value: 'ics',
					description: 'One item with a text/calendar file to import into a calendar',
				},
				{
					name: 'One Item per Event',
					value: 'items',
					description: 'JSON items; none when no event was extracted',
				},
			],
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { output: ['ics'] } },
			description: 'Name of the binary field the ICS file is written to',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const recordingId = Number(id);
		if ((this.getNodeParameter('output', itemIndex, 'items') as string) === 'items') {
			const body = await client.request<IDataObject>({
				method: 'GET',
				path: `/recordings/${id}/events`,
			});
			const events = Array.isArray(body.events) ? (body.events as IDataObject[]) : [];
			return events.map((event) => ({ recording_id: recordingId, ...event }));
		}
		const response = await client.send<Buffer>({
			method: 'GET',
			path: `/recordings/${id}/events/ics`,
			expect: 'binary',
			passStatuses: [404],
		});
		if (response.status === 404) {
			const reason = (response.body as unknown as IDataObject | undefined)?.error;
			// Speakr answers 404 both for an unknown recording and for one without events.
			if (reason === 'No events found') {
				throw client.error({
					status: 404,
					message: `Recording ${id} has no extracted events, so there is no ICS file`,
					hint: 'Speakr extracts events during summarization when "extract events" is on in the user\'s settings. Use Output "One Item per Event" to get an empty result instead of an error.',
					request: `GET /api/v1/recordings/${id}/events/ics`,
				});
			}
			throw client.error({
				status: 404,
				message: `Speakr answered 404 Not Found${typeof reason === 'string' ? `: ${reason}` : ''}`,
				request: `GET /api/v1/recordings/${id}/events/ics`,
			});
		}
		const property =
			String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
		const binary = await this.helpers.prepareBinaryData(
			response.body,
			`events-${id}.ics`,
			'text/calendar',
		);
		const events = response.body.toString('utf8').split('BEGIN:VEVENT').length - 1;
		return new ExecutionItems([
			{ json: { recording_id: recordingId, events_count: events }, binary: { [property]: binary } },
		]);
	},
};
