/**
 * Fake Speakr v0.9.4 `/api/v1`, written from shared/api/speakr.md and the recorded fixtures:
 * - tokens via `Authorization: Bearer` (case-sensitive), `X-API-Token`, `API-Token` or `?token=`; the first
 *   one present wins; a bad one gets **302 → /login?next=…** with an HTML body, never 401;
 * - `GET /recordings`: 1-based `page`, `per_page` default 25, capped at 100, ≤ 0 → 20; filters and sorts;
 * - non-integer ids → Werkzeug HTML 404; handler errors → `{"error": …}`.
 */
import { intParam, Router, startFakeServer, type FakeRequest, type FakeResponse, type FakeServer } from './base.cjs';

export interface SpeakrRecording {
	id: number;
	title: string;
	status: 'PENDING' | 'QUEUED' | 'PROCESSING' | 'SUMMARIZING' | 'COMPLETED' | 'FAILED' | 'STITCHING';
	created_at: string;
	completed_at: string | null;
	meeting_date: string | null;
	file_size: number;
	original_filename: string;
	participants: string | null;
	is_inbox: boolean;
	is_highlighted: boolean;
	audio_available: boolean;
	audio_duration: number;
	has_transcription: boolean;
	has_summary: boolean;
	processing_time_seconds: number;
	transcription_duration_seconds: number;
	summarization_duration_seconds: number | null;
	folder_id: number | null;
	folder: { id: number; name: string } | null;
	deletion_exempt: boolean;
	error_message: string | null;
	tags: Array<{ id: number; name: string; color: string }>;
	keep_audio_only: boolean;
	notes?: string | null;
	summary?: string | null;
	transcription?: string | null;
}

export const SPEAKR_TAGS = [
	{ id: 1, name: 'meetings', color: '#00ff00' },
	{ id: 2, name: 'viaheader', color: '#3B82F6' },
];
export const SPEAKR_FOLDERS = [{ id: 1, name: 'Work' }];

const STATUSES: SpeakrRecording['status'][] = ['COMPLETED', 'COMPLETED', 'COMPLETED', 'FAILED', 'PENDING', 'PROCESSING', 'SUMMARIZING'];

/** Deterministic recordings; id 1 is the oldest. */
export function makeRecordings(count: number, startMs = Date.UTC(2026, 0, 1)): SpeakrRecording[] {
	const recordings: SpeakrRecording[] = [];
	for (let id = 1; id <= count; id++) {
		const status = STATUSES[id % STATUSES.length];
		const created = new Date(startMs + id * 60_000).toISOString().replace('Z', '');
		const tagged = id % 3 === 0 ? [SPEAKR_TAGS[0]] : [];
		const inFolder = id % 4 === 0;
		recordings.push({
			id,
			title: `Meeting ${id}`,
			status,
			created_at: created,
			completed_at: status === 'COMPLETED' ? created : null,
			meeting_date: new Date(startMs + (count - id) * 3_600_000).toISOString().replace('Z', ''),
			file_size: 48_945 + id,
			original_filename: `meeting-${id}.wav`,
			participants: id % 2 === 0 ? 'Alice B, Bob' : null,
			is_inbox: id % 2 === 1,
			is_highlighted: id % 5 === 0,
			audio_available: true,
			audio_duration: 3.03 + id,
			has_transcription: status === 'COMPLETED' || status === 'FAILED',
			has_summary: status === 'COMPLETED',
			processing_time_seconds: 1.1,
			transcription_duration_seconds: 0,
			summarization_duration_seconds: status === 'COMPLETED' ? 0 : null,
			folder_id: inFolder ? 1 : null,
			folder: inFolder ? SPEAKR_FOLDERS[0] : null,
			deletion_exempt: false,
			error_message: null,
			tags: tagged,
			keep_audio_only: true,
			notes: '# Notes\nhello',
			summary: status === 'COMPLETED' ? `## Summary\n\nSummary of meeting ${id}.` : null,
			transcription: JSON.stringify([
				{ speaker: 'SPEAKER_00', sentence: 'Hello there.', start_time: 0, end_time: 1.2 },
				{ speaker: 'SPEAKER_01', sentence: 'Hi, how are you?', start_time: 1.3, end_time: 2.9 },
			]),
		});
	}
	return recordings;
}

const LIST_FIELDS: Array<keyof SpeakrRecording> = [
	'id', 'title', 'status', 'created_at', 'completed_at', 'meeting_date', 'file_size', 'original_filename', 'participants',
	'is_inbox', 'is_highlighted', 'audio_available', 'audio_duration', 'has_transcription', 'has_summary', 'processing_time_seconds',
	'transcription_duration_seconds', 'summarization_duration_seconds', 'folder_id', 'folder', 'deletion_exempt', 'error_message', 'tags',
	'keep_audio_only',
];

export function listItem(recording: SpeakrRecording): Record<string, unknown> {
	return Object.fromEntries(LIST_FIELDS.map((field) => [field, recording[field]]));
}

export interface SpeakrState {
	tokens: Set<string>;
	recordings: SpeakrRecording[];
	user: Record<string, unknown>;
}

export interface FakeSpeakr extends FakeServer {
	state: SpeakrState;
	router: Router;
}

export const SPEAKR_TOKEN = 'spk_good_token_7Gx2';

export function htmlNotFound(): FakeResponse {
	return {
		status: 404,
		headers: { 'Content-Type': 'text/html; charset=utf-8' },
		body: '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
	};
}

/** Token lookup in Speakr's order; the first token present decides. */
function presentedToken(request: FakeRequest): string | undefined {
	const authorization = request.headers.authorization;
	if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
	const xApiToken = request.headers['x-api-token'];
	if (typeof xApiToken === 'string') return xApiToken;
	const apiToken = request.headers['api-token'];
	if (typeof apiToken === 'string') return apiToken;
	return request.query.get('token') ?? undefined;
}

function loginRedirect(request: FakeRequest): FakeResponse {
	const next = encodeURIComponent(request.path + (request.query.toString() ? `?${request.query.toString()}` : ''));
	return {
		status: 302,
		headers: { Location: `/login?next=${next}`, 'Content-Type': 'text/html; charset=utf-8' },
		body: `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="/login?next=${next}">/login?next=${next}</a>. If not, click the link.\n`,
	};
}

function sortKey(recording: SpeakrRecording, field: string): string | number {
	switch (field) {
		case 'title':
			return recording.title.toLowerCase();
		case 'file_size':
			return recording.file_size;
		case 'meeting_date':
			return recording.meeting_date ?? '';
		case 'status':
			return recording.status;
		default:
			return recording.created_at;
	}
}

export function filterRecordings(all: SpeakrRecording[], query: URLSearchParams): SpeakrRecording[] {
	let list = [...all];
	const status = query.get('status');
	if (status === 'pending') list = list.filter((r) => r.status === 'PENDING');
	else if (status === 'processing') list = list.filter((r) => r.status === 'PROCESSING' || r.status === 'SUMMARIZING');
	else if (status === 'completed') list = list.filter((r) => r.status === 'COMPLETED');
	else if (status === 'failed') list = list.filter((r) => r.status === 'FAILED');
	const dateFrom = Date.parse(query.get('date_from') ?? '');
	if (!Number.isNaN(dateFrom)) list = list.filter((r) => Date.parse(`${r.created_at}Z`) >= dateFrom);
	const dateTo = Date.parse(query.get('date_to') ?? '');
	if (!Number.isNaN(dateTo)) list = list.filter((r) => Date.parse(`${r.created_at}Z`) <= dateTo);
	const tagId = query.get('tag_id');
	if (tagId && /^\d+$/.test(tagId)) list = list.filter((r) => r.tags.some((tag) => tag.id === Number(tagId)));
	const folderId = query.get('folder_id');
	if (folderId === 'none') list = list.filter((r) => r.folder_id === null);
	else if (folderId && /^\d+$/.test(folderId)) list = list.filter((r) => r.folder_id === Number(folderId));
	const q = query.get('q')?.toLowerCase();
	if (q) list = list.filter((r) => r.title.toLowerCase().includes(q) || (r.participants ?? '').toLowerCase().includes(q));
	const inbox = query.get('inbox');
	if (inbox === 'true' || inbox === 'false') list = list.filter((r) => r.is_inbox === (inbox === 'true'));
	const starred = query.get('starred');
	if (starred === 'true' || starred === 'false') list = list.filter((r) => r.is_highlighted === (starred === 'true'));
	const sortBy = ['created_at', 'meeting_date', 'title', 'file_size', 'status'].includes(query.get('sort_by') ?? '') ? query.get('sort_by')! : 'created_at';
	const direction = query.get('sort_order') === 'asc' ? 1 : -1;
	list.sort((a, b) => {
		const ka = sortKey(a, sortBy);
		const kb = sortKey(b, sortBy);
		if (ka === kb) return (a.id - b.id) * direction;
		return (ka < kb ? -1 : 1) * direction;
	});
	return list;
}

export function createSpeakrRouter(state: SpeakrState): Router {
	const router = new Router();
	router.on('GET', '/api/v1/users/me', () => ({ status: 200, body: state.user }));
	router.on('GET', '/api/v1/recordings', (request) => {
		let page = intParam(request.query, 'page', 1);
		if (page < 1) page = 1;
		let perPage = intParam(request.query, 'per_page', 25);
		if (perPage <= 0) perPage = 20;
		perPage = Math.min(perPage, 100);
		const filtered = filterRecordings(state.recordings, request.query);
		const total = filtered.length;
		const totalPages = Math.ceil(total / perPage);
		const slice = filtered.slice((page - 1) * perPage, page * perPage);
		return {
			status: 200,
			body: {
				recordings: slice.map(listItem),
				pagination: { page, per_page: perPage, total, total_pages: totalPages, has_next: page < totalPages, has_prev: page > 1 },
			},
		};
	});
	return router;
}

export async function startFakeSpeakr(options: { recordings?: number; latencyMs?: number; tokens?: string[]; pathPrefix?: string } = {}): Promise<FakeSpeakr> {
	const state: SpeakrState = {
		tokens: new Set(options.tokens ?? [SPEAKR_TOKEN]),
		recordings: makeRecordings(options.recordings ?? 0),
		user: {
			id: 1,
			username: 'alice',
			email: 'alice@example.com',
			name: 'Alice',
			is_admin: true,
			preferences: { ui_language: 'en', auto_summarization: true },
			group_memberships: [],
		},
	};
	const router = createSpeakrRouter(state);
	const server = await startFakeServer({
		router,
		latencyMs: options.latencyMs,
		pathPrefix: options.pathPrefix,
		guard: (request) => {
			if (request.path === '/login') {
				return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<!doctype html><html><body><form>Sign in to Speakr</form></body></html>' };
			}
			if (request.path === '/api/v1/openapi.json') return undefined;
			const token = presentedToken(request);
			if (!token || !state.tokens.has(token)) return loginRedirect(request);
			// Flask's int converter: a non-integer id is an HTML 404 before any handler runs.
			if (/^\/api\/v1\/(recordings|tags|speakers|folders|webhooks)\/[^/]+/.test(request.path)) {
				const segment = request.path.split('/')[4];
				if (!/^\d+$/.test(segment) && segment !== 'batch' && segment !== 'upload') return htmlNotFound();
			}
			return undefined;
		},
		notFound: () => htmlNotFound(),
	});
	return Object.assign(server, { state, router });
}
