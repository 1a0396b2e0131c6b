import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldGroup } from '../../shared/descriptions';
import type { ServiceClient } from '../../shared/transport';
import { fail } from '../../shared/validate';
import { folderLocator, tagLocator } from '../locators';
import { holderBody, holderFields, nameProperty, type Holder } from './processingDefaults';

/** Tags and folders are created and changed alike: `POST /<holder>s` and `PUT /<holder>s/:id`. */
const LOCATORS = { tag: tagLocator, folder: folderLocator };

export function createProperties(holder: Holder): INodeProperties[] {
	return [nameProperty(holder), fieldGroup('additionalFields', holderFields(holder, false))];
}

export async function createHolder(
	context: IExecuteFunctions,
	client: ServiceClient,
	holder: Holder,
	itemIndex: number,
): Promise<IDataObject> {
	const fields = {
		name: context.getNodeParameter('name', itemIndex, ''),
		...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	const body = holderBody(context, fields, itemIndex);
	return await client.request<IDataObject>({ method: 'POST', path: `/${holder}s`, body });
}

export function updateProperties(holder: Holder): INodeProperties[] {
	return [
		LOCATORS[holder].property({
			description: `The ${holder} to change. Pick it from the list or enter its ID.`,
		}),
		fieldGroup('updateFields', holderFields(holder, true)),
	];
}

/** Sends the changed fields; refuses an update without any. */
export async function updateHolder(
	context: IExecuteFunctions,
	client: ServiceClient,
	holder: Holder,
	itemIndex: number,
): Promise<{ id: string; body: IDataObject; response: IDataObject }> {
	const id = LOCATORS[holder].read(context, itemIndex);
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = holderBody(context, fields, itemIndex);
	if (Object.keys(body).length === 0)
		fail(
			context.getNode(),
			'Nothing to update',
			itemIndex,
			'Add at least one field under "Update Fields".',
		);
	const response = await client.request<IDataObject>({
		method: 'PUT',
		path: `/${holder}s/${id}`,
		body,
	});
	return { id, body, response };
}
