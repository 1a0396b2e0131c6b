import { readDrfList, type ListEndpoint } from '../shared/endpoint';

/** The largest page AutoPi is known to serve (500 succeeded for clients; the real ceiling is unverified). */
export const AUTOPI_PAGE_SIZE = 500;

/** DRF `page` + `page_size`; when AutoPi answers with `next` links, those are followed instead. */
export const DRF_PAGING = {
	style: 'page',
	pageParam: 'page',
	sizeParam: 'page_size',
	firstPage: 1,
} as const;

function drfList(path: string): ListEndpoint {
	return {
		path,
		paging: DRF_PAGING,
		maxPageSize: AUTOPI_PAGE_SIZE,
		read: readDrfList,
		idField: 'id',
	};
}

/**
 * AutoPi's lists, described once: operations, list-search pickers and the trigger read them through these (with
 * their own query and `keep` filter spread over them).
 */
export const trips = drfList('/logbook/v2/trips/');
export const devices = drfList('/dongle/devices/');
export const vehicles = drfList('/vehicle/v2/profile/');
export const alerts = drfList('/fleet/alerts/');

/** Logbook (search-backed) endpoints page with page_num + page_hits; 200 per page is proven by clients. */
export function eventsEndpoint(firstPage: 0 | 1 = 1): ListEndpoint {
	return {
		path: '/logbook/events/',
		paging: { style: 'page', pageParam: 'page_num', sizeParam: 'page_hits', firstPage },
		maxPageSize: 200,
		read: readDrfList,
	};
}
