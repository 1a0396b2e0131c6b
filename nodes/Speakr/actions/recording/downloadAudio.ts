import type { IExecuteFunctions } from 'n8n-workflow';

import { ExecutionItems, type Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

/** `attachment; filename="a b.mp3"` / `filename*=UTF-8''a%20b.mp3` → the file name, if any. */
export function fileNameFromDisposition(header: unknown): string | undefined {
	const text = Array.isArray(header) ? String(header[0] ?? '') : String(header ?? '');
	const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(text);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// fall through to the plain form
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(text);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name ? name.replace(/[/\\]/g, '_') : undefined;
}

export const recordingDownloadAudio: Operation = {
	option: {
		name: 'Download Audio',
		value: 'downloadAudio',
		action: 'Download the audio of a recording',
		description:
			"Download a recording's audio file into a binary field (for storage, another transcription service or an email); fails when the audio was deleted by retention",
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'Name of the binary field the audio file is written to',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const property =
			String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
		// With S3 storage Speakr answers with a redirect to a presigned URL: followed without the token.
		const response = await client.send<Buffer>({
			method: 'GET',
			path: `/recordings/${id}/audio`,
			qs: { download: 'true' },
			expect: 'binary',
			crossOriginRedirects: 'followWithoutCredential',
		});
		const mimeType =
			String(response.headers['content-type'] ?? '')
				.split(';')[0]
				.trim() || 'audio/mpeg';
		const fileName =
			fileNameFromDisposition(response.headers['content-disposition']) ?? `recording-${id}`;
		const binary = await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
		return new ExecutionItems([
			{
				json: {
					recording_id: Number(id),
					file_name: binary.fileName ?? fileName,
					mime_type: mimeType,
					file_size: response.body.length,
				},
				binary: { [property]: binary },
			},
		]);
	},
};
