import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { cacheBuster } from '../../endpoints';
import { okOutput } from '../../helpers';
import { libraryLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

/**
 * `POST /libraries/:id/scan` answers `OK` before scanning. The scanner sets the library's `lastScan` (epoch ms)
 * when it finishes, so "Wait for Scan to Finish" reads `lastScan` before the scan and polls until it changes.
 * A scan already running is not restarted by the server; its end also changes `lastScan`.
 */
export const libraryScan: Operation = {
	option: {
		name: 'Scan',
		value: 'scan',
		action: 'Scan a library',
		description:
			"Start a scan of a library's folders for new, changed or removed books/podcasts (admin only); optionally wait until it finishes",
	},
	properties: [
		libraryLocator.property(),
		fieldGroup(
			'options',
			[
				{
					displayName: 'Check Interval (Seconds)',
					name: 'intervalSeconds',
					type: 'number',
					typeOptions: { minValue: 0.2, maxValue: 60, numberPrecision: 1 },
					default: 2,
					description: 'How often the library is checked while waiting',
				},
				{
					displayName: 'Force Rescan',
					name: 'force',
					type: 'boolean',
					default: false,
					description: 'Whether to re-read every file, even unchanged ones (slow on big libraries)',
				},
				{
					displayName: 'Max Wait (Seconds)',
					name: 'maxWaitSeconds',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 3600 },
					default: 300,
					description:
						'Longest time to wait for the scan to finish; after it the item fails with a timeout error',
				},
				{
					displayName: 'Wait for Scan to Finish',
					name: 'wait',
					type: 'boolean',
					default: false,
					description:
						'Whether to wait until the scan has finished before continuing (the server answers as soon as the scan starts)',
				},
			],
			{ name: 'scanOptions', placeholder: 'Add option' },
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const options = this.getNodeParameter('scanOptions', itemIndex, {}) as IDataObject;
		const wait = options.wait === true;
		const qs: IDataObject = options.force === true ? { force: 1 } : {};
		const path = `/libraries/${libraryId}`;
		const readLastScan = async () => {
			const library = await client.request<IDataObject>({ method: 'GET', path, qs: cacheBuster() });
			return typeof library.lastScan === 'number' ? library.lastScan : null;
		};

		const before = wait ? await readLastScan() : null;
		const started = Date.now();
		const body = await client.request({ method: 'POST', path: `${path}/scan`, qs });
		if (!wait) return okOutput(body, { libraryId, scanStarted: true });

		const maxWaitMs = Math.max(1, Number(options.maxWaitSeconds ?? 300)) * 1000;
		const intervalMs = Math.max(200, Number(options.intervalSeconds ?? 2) * 1000);
		for (;;) {
			const elapsed = Date.now() - started;
			if (elapsed >= maxWaitMs) {
				throw inputError(
					this.getNode(),
					`The scan of library ${libraryId} did not finish within ${Math.round(maxWaitMs / 1000)} s`,
					{
						itemIndex,
						description:
							'The scan keeps running on the server. Raise "Max Wait (Seconds)", or turn off "Wait for Scan to Finish" and check the library later.',
					},
				);
			}
			await client.pause(Math.min(intervalMs, maxWaitMs - elapsed));
			const lastScan = await readLastScan();
			if (lastScan !== null && lastScan !== before) {
				return {
					success: true,
					libraryId,
					scanFinished: true,
					lastScan: new Date(lastScan).toISOString(),
					waitedMs: Date.now() - started,
				};
			}
		}
	},
};
