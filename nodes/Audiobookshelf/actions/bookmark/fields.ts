import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fail } from '../../../shared/validate';
import { libraryItemLocator } from '../../locators';

/** Where in the book the bookmark is: seconds, or h:mm:ss / mm:ss. Bookmarks are identified by item + time. */
export const timeProperty = (description: string): INodeProperties => ({
	displayName: 'Time',
	name: 'time',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1830.5 or 30:30.5 or 1:02:03',
	description,
});

export const titleProperty: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. The twist',
	description: 'Text of the bookmark',
};

/** Seconds from `1830.5`, `30:30.5` or `1:02:03`; refused when not a time of 0 or more. */
export function readBookmarkTime(context: IExecuteFunctions, itemIndex: number): number {
	const raw = String(context.getNodeParameter('time', itemIndex, '') ?? '').trim();
	const parts = raw.split(':');
	const valid =
		raw !== '' &&
		parts.length <= 3 &&
		parts.every((part, index) =>
			index === parts.length - 1 ? /^\d+(\.\d+)?$/.test(part) : /^\d+$/.test(part),
		) &&
		(parts.length === 1 || parts.slice(1).every((part) => Number(part) < 60));
	if (!valid) {
		fail(
			context.getNode(),
			`Time "${raw.slice(0, 40)}" is not a position in the book`,
			itemIndex,
			'Use seconds (e.g. 1830.5) or h:mm:ss (e.g. 1:02:03), counted from the start of the book.',
		);
	}
	return parts.reduce((seconds, part) => seconds * 60 + Number(part), 0);
}

export function readBookmarkTitle(context: IExecuteFunctions, itemIndex: number): string {
	const title = String(context.getNodeParameter('title', itemIndex, '') ?? '').trim();
	if (!title)
		fail(context.getNode(), 'Title is empty', itemIndex, 'Enter the text of the bookmark.');
	return title;
}

/** A bookmark as Audiobookshelf stores it, plus the time as h:mm:ss for people and the creation date as ISO. */
/** Create and Update: the item, the bookmark's time and its (new) title, as `PATCH/POST /me/item/:id/bookmark` take them. */
export function readBookmark(context: IExecuteFunctions, itemIndex: number) {
	const libraryItemId = libraryItemLocator.read(context, itemIndex);
	const body = {
		time: readBookmarkTime(context, itemIndex),
		title: readBookmarkTitle(context, itemIndex),
	};
	return { libraryItemId, path: `/me/item/${libraryItemId}/bookmark`, body };
}

export function bookmarkOutput(bookmark: IDataObject): IDataObject {
	const time = Number(bookmark.time);
	const whole = Math.floor(time);
	const clock = Number.isFinite(time)
		? `${Math.floor(whole / 3600)}:${String(Math.floor(whole / 60) % 60).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`
		: null;
	return {
		...bookmark,
		timeFormatted: clock,
		createdAtIso:
			typeof bookmark.createdAt === 'number' ? new Date(bookmark.createdAt).toISOString() : null,
	};
}
