/**
 * Fake Speakr v0.9.4 `/api/v1`, written from docs/api/speakr.md and the recorded fixtures:
 * - tokens via `Authorization: Bearer` (case-sensitive), `X-API-Token`, `API-Token` or `?token=`; the first
 *   one present wins; a bad one gets **302 → /login?next=…** with an HTML body, never 401;
 * - `GET /recordings`: 1-based `page`, `per_page` default 25, capped at 100, ≤ 0 → 20; filters and sorts;
 * - non-integer ids → Werkzeug HTML 404; handler errors → `{"error": …}`; a non-JSON PATCH → Werkzeug HTML 400;
 * - detail, status (advancing one lifecycle step per poll for uploads), transcript in json/text/srt/vtt rendered from
 *   the stored segments exactly like the recorded fixtures, summary, re-transcribe/re-summarize, PATCH, DELETE;
 * - multipart upload (parsed here: file + fields), 202 with the full dict, 413 with its JSON body over the size limit;
 * - tags (list, add to / remove from a recording; unknown ids → 200 with `errors`), speakers, folders (bare array,
 *   403 until enabled);
 * - webhooks: secret shown once, 409 at the per-user cap (10), 400 for http:// without allow_http and for
 *   private/loopback hosts unless `state.intranetAllowlist` matches, DELETE → 204; `deliver()` sends a signed
 *   event the way Speakr's dispatcher does, `resend()` the same bytes again (a retry, or a captured replay);
 * - writes (POST/PUT/PATCH/DELETE) without a valid header token → HTML 400 "The CSRF token is missing." (app.py's
 *   CSRF check, observed for `?token=` writes on /api/v1); handlers that call `get_json()` refuse a request without
 *   a JSON body and Content-Type with Werkzeug's HTML 400.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import {
	intParam,
	Router,
	startFakeServer,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
} from './base.cjs';

export interface SpeakrRecording {
	id: number;
	title: string;
	status:
		| 'PENDING'
		| 'QUEUED'
		| 'PROCESSING'
		| 'SUMMARIZING'
		| 'COMPLETED'
		| 'FAILED'
		| 'STITCHING';
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

const STATUSES: SpeakrRecording['status'][] = [
	'COMPLETED',
	'COMPLETED',
	'COMPLETED',
	'FAILED',
	'PENDING',
	'PROCESSING',
	'SUMMARIZING',
];

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
	'id',
	'title',
	'status',
	'created_at',
	'completed_at',
	'meeting_date',
	'file_size',
	'original_filename',
	'participants',
	'is_inbox',
	'is_highlighted',
	'audio_available',
	'audio_duration',
	'has_transcription',
	'has_summary',
	'processing_time_seconds',
	'transcription_duration_seconds',
	'summarization_duration_seconds',
	'folder_id',
	'folder',
	'deletion_exempt',
	'error_message',
	'tags',
	'keep_audio_only',
];

export function listItem(recording: SpeakrRecording): Record<string, unknown> {
	return Object.fromEntries(LIST_FIELDS.map((field) => [field, recording[field]]));
}

export interface SpeakrWebhook {
	id: number;
	user_id: number;
	name: string;
	url: string;
	allow_http: boolean;
	events: string[];
	enabled: boolean;
	auto_paused: boolean;
	consecutive_failures: number;
	created_at: string;
	updated_at: string;
	last_delivery_at: string | null;
	secret: string;
}

export interface UploadedPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export interface SpeakrState {
	tokens: Set<string>;
	recordings: SpeakrRecording[];
	user: Record<string, unknown>;
	tags: Array<Record<string, unknown>>;
	folders: Array<Record<string, unknown>>;
	foldersEnabled: boolean;
	speakers: Array<Record<string, unknown>>;
	webhooks: SpeakrWebhook[];
	nextWebhookId: number;
	/** WEBHOOK_INTRANET_HOST_ALLOWLIST: a regex the host must match for private/loopback URLs. */
	intranetAllowlist?: RegExp;
	maxWebhooksPerUser: number;
	/** MAX_FILE_SIZE_MB. */
	maxUploadMb: number;
	/** USERS_CAN_DELETE. */
	usersCanDelete: boolean;
	/** Statuses an uploaded recording walks through, one step per status poll. */
	uploadLifecycle: SpeakrRecording['status'][];
	/** How an uploaded recording ends: normally, failed transcription, or transcribed with a failed summary. */
	uploadOutcome: 'completed' | 'failed' | 'summary_failed' | 'never';
	lifecycle: Map<number, { steps: SpeakrRecording['status'][]; index: number }>;
	/** Every parsed multipart upload, in order. */
	uploads: Array<{ contentType: string; parts: UploadedPart[] }>;
	nextJobId: number;
	/** Whether the /api/v1 blueprint's CSRF exemption works (false: as observed on a real v0.9.4). */
	csrfExemptsApiV1: boolean;
	/** Extracted calendar events per recording id. */
	events: Map<number, SpeakrEvent[]>;
	/** Where audio lives: the local upload folder (bytes answered directly) or S3 (302 to a presigned URL there). */
	audioStorage: { mode: 'local' } | { mode: 's3'; baseUrl: string };
	/** Whether the server has a chat/LLM model configured (chat_client; identify needs one too). */
	llmConfigured: boolean;
	nextTagId: number;
	nextFolderId: number;
}

export interface SpeakrEvent {
	id: number;
	title: string;
	start_datetime: string | null;
	end_datetime: string | null;
	description: string | null;
	location: string | null;
}

export interface DeliverOptions {
	/** valid (default), forged (signed with another secret), tampered (body changed after signing), none. */
	signature?: 'valid' | 'forged' | 'tampered' | 'none';
	deliveryId?: string;
	/** Deliver to this URL instead of the registered one. */
	url?: string;
	/** When the event was created (its signed `timestamp`); default now. */
	createdAt?: Date;
	/** Also send newer Speakr's `Speakr-Signature-V2` (t = send time, signed with the body). */
	signatureV2?: boolean;
}

/** One delivery as sent: enough to send the very same bytes again (Speakr's retry, or an attacker's replay). */
export interface SentDelivery {
	status: number;
	body: string;
	deliveryId: string;
	rawBody: string;
	headers: Record<string, string>;
	url: string;
}

export interface FakeSpeakr extends FakeServer {
	state: SpeakrState;
	router: Router;
	/** Sends one event to a registered webhook like Speakr's dispatcher; returns the receiver's answer. */
	deliver(
		webhookId: number,
		type: string,
		data: Record<string, unknown>,
		options?: DeliverOptions,
	): Promise<SentDelivery>;
	/**
	 * Sends a delivery's bytes again. Without changes this is Speakr's retry (same body and signature, fresh
	 * Speakr-Timestamp); `headers` replace or drop (undefined) headers, as someone who captured it could.
	 */
	resend(
		delivery: SentDelivery,
		headers?: Record<string, string | undefined>,
	): Promise<SentDelivery>;
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
	return headerToken(request) ?? request.query.get('token') ?? undefined;
}

function headerToken(request: FakeRequest): string | undefined {
	const authorization = request.headers.authorization;
	if (typeof authorization === 'string' && authorization.startsWith('Bearer '))
		return authorization.slice('Bearer '.length);
	const xApiToken = request.headers['x-api-token'];
	if (typeof xApiToken === 'string') return xApiToken;
	const apiToken = request.headers['api-token'];
	if (typeof apiToken === 'string') return apiToken;
	return undefined;
}

const CSRF_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function loginRedirect(request: FakeRequest): FakeResponse {
	const next = encodeURIComponent(
		request.path + (request.query.toString() ? `?${request.query.toString()}` : ''),
	);
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

export function filterRecordings(
	all: SpeakrRecording[],
	query: URLSearchParams,
): SpeakrRecording[] {
	let list = [...all];
	const status = query.get('status');
	if (status === 'pending') list = list.filter((r) => r.status === 'PENDING');
	else if (status === 'processing')
		list = list.filter((r) => r.status === 'PROCESSING' || r.status === 'SUMMARIZING');
	else if (status === 'completed') list = list.filter((r) => r.status === 'COMPLETED');
	else if (status === 'failed') list = list.filter((r) => r.status === 'FAILED');
	const dateFrom = Date.parse(query.get('date_from') ?? '');
	if (!Number.isNaN(dateFrom))
		list = list.filter((r) => Date.parse(`${r.created_at}Z`) >= dateFrom);
	const dateTo = Date.parse(query.get('date_to') ?? '');
	if (!Number.isNaN(dateTo)) list = list.filter((r) => Date.parse(`${r.created_at}Z`) <= dateTo);
	const tagId = query.get('tag_id');
	if (tagId && /^\d+$/.test(tagId))
		list = list.filter((r) => r.tags.some((tag) => tag.id === Number(tagId)));
	const folderId = query.get('folder_id');
	if (folderId === 'none') list = list.filter((r) => r.folder_id === null);
	else if (folderId && /^\d+$/.test(folderId))
		list = list.filter((r) => r.folder_id === Number(folderId));
	const q = query.get('q')?.toLowerCase();
	if (q)
		list = list.filter(
			(r) => r.title.toLowerCase().includes(q) || (r.participants ?? '').toLowerCase().includes(q),
		);
	const inbox = query.get('inbox');
	if (inbox === 'true' || inbox === 'false')
		list = list.filter((r) => r.is_inbox === (inbox === 'true'));
	const starred = query.get('starred');
	if (starred === 'true' || starred === 'false')
		list = list.filter((r) => r.is_highlighted === (starred === 'true'));
	const sortBy = ['created_at', 'meeting_date', 'title', 'file_size', 'status'].includes(
		query.get('sort_by') ?? '',
	)
		? query.get('sort_by')!
		: 'created_at';
	const direction = query.get('sort_order') === 'asc' ? 1 : -1;
	list.sort((a, b) => {
		const ka = sortKey(a, sortBy);
		const kb = sortKey(b, sortBy);
		if (ka === kb) return (a.id - b.id) * direction;
		return (ka < kb ? -1 : 1) * direction;
	});
	return list;
}

const error = (
	status: number,
	message: string,
	extra: Record<string, unknown> = {},
): FakeResponse => ({ status, body: { error: message, ...extra } });

/**
 * Flask's `request.get_json()` (not silent), which most write handlers of api_v1.py call: a body that is not JSON, or
 * no body and no `Content-Type: application/json`, is refused with Werkzeug's HTML 400 before the handler reads it.
 */
function jsonBodyOf(request: FakeRequest): { body: unknown } | { refused: FakeResponse } {
	return request.json === undefined ? { refused: werkzeugBadRequest() } : { body: request.json };
}

/** Flask-WTF's CSRFError as Werkzeug renders it: what a write gets when its token came only from `?token=`. */
function csrfMissing(): FakeResponse {
	return {
		status: 400,
		headers: { 'Content-Type': 'text/html; charset=utf-8' },
		body: '<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>The CSRF token is missing.</p>\n',
	};
}

function werkzeugBadRequest(): FakeResponse {
	return {
		status: 400,
		headers: { 'Content-Type': 'text/html; charset=utf-8' },
		body: '<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>The browser (or proxy) sent a request that this server could not understand.</p>\n',
	};
}

interface Segment {
	speaker: string;
	sentence: string;
	start_time: number;
	end_time: number;
}

function segmentsOf(recording: SpeakrRecording): Segment[] | undefined {
	if (!recording.transcription) return undefined;
	try {
		const parsed = JSON.parse(recording.transcription) as unknown;
		return Array.isArray(parsed) ? (parsed as Segment[]) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Milliseconds from the float's fractional part, truncated: 1.2 s → 1 s + int(0.19999… × 1000) = 199 ms and
 * 2.9 s → 899 ms, while 1.3 s → 300 ms. That is exactly what the recorded SRT/VTT fixtures show.
 */
function timestamp(seconds: number, separator: ',' | '.'): string {
	const whole = Math.floor(seconds);
	const ms = Math.floor((seconds - whole) * 1000);
	const s = whole % 60;
	const m = Math.floor(whole / 60) % 60;
	const h = Math.floor(whole / 3600);
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms, 3)}`;
}

/** The transcript as the detail's `transcription` (user's template: "[SPEAKER]: text"). */
function transcriptText(recording: SpeakrRecording): string | null {
	const segments = segmentsOf(recording);
	if (!segments) return recording.transcription ?? null;
	return segments.map((segment) => `[${segment.speaker}]: ${segment.sentence}`).join('\n');
}

function transcriptResponse(recording: SpeakrRecording, format: string): FakeResponse {
	if (!recording.transcription) return error(404, 'No transcription available');
	const segments = segmentsOf(recording);
	switch (format) {
		case 'json':
			return {
				status: 200,
				body: segments
					? { format: 'json', segments }
					: { format: 'json', segments: [], raw: recording.transcription },
			};
		case 'text':
			return { status: 200, body: { format: 'text', content: transcriptText(recording) } };
		case 'srt':
		case 'vtt': {
			if (!segments) return error(400, 'Cannot generate subtitle format from transcript');
			const cues = segments.map((segment, index) => {
				const times = `${timestamp(segment.start_time, format === 'srt' ? ',' : '.')} --> ${timestamp(segment.end_time, format === 'srt' ? ',' : '.')}`;
				const line = `<v ${segment.speaker}>${segment.sentence}\n`;
				return format === 'srt' ? `${index + 1}\n${times}\n${line}` : `${times}\n${line}`;
			});
			return {
				status: 200,
				body: { format, content: (format === 'vtt' ? 'WEBVTT\n\n' : '') + cues.join('\n') },
			};
		}
		default:
			return error(400, `Unknown format: ${format}`);
	}
}

const CONTENT_FIELDS = ['transcription', 'summary', 'notes'] as const;

function detail(recording: SpeakrRecording, include: string | null): Record<string, unknown> {
	const item = listItem(recording);
	delete item.has_transcription;
	delete item.has_summary;
	const wanted =
		include === null ? [...CONTENT_FIELDS] : include.split(',').map((part) => part.trim());
	const result: Record<string, unknown> = {
		...item,
		mime_type: 'audio/mpeg',
		events: [],
		duplicate_info: null,
	};
	if (wanted.includes('transcription')) result.transcription = transcriptText(recording);
	if (wanted.includes('summary')) result.summary = recording.summary ?? null;
	if (wanted.includes('notes')) result.notes = recording.notes ?? null;
	return result;
}

/** `Recording.to_dict()` as the upload answers it. */
function fullDict(recording: SpeakrRecording): Record<string, unknown> {
	return {
		...listItem(recording),
		user_id: 1,
		notes: recording.notes ?? null,
		notes_html: recording.notes ? `<p>${recording.notes}</p>` : '',
		summary: recording.summary ?? null,
		summary_html: '',
		transcription: recording.transcription ?? null,
		mime_type: 'audio/mpeg',
		audio_deleted_at: null,
		events: [],
		duplicate_info: null,
		prompt_variables: null,
		resolved_hotwords: null,
		resolved_initial_prompt: null,
		shared_with_count: 0,
		public_share_count: 0,
	};
}

/** A small multipart/form-data parser: enough to prove the node sends a real multipart body. */
export function parseMultipart(contentType: string, body: Buffer): UploadedPart[] | undefined {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!/^multipart\/form-data/i.test(contentType) || !boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts: UploadedPart[] = [];
	let position = body.indexOf(delimiter);
	if (position < 0) return undefined;
	for (;;) {
		position += delimiter.length;
		if (body.subarray(position, position + 2).toString() === '--') break;
		position += 2; // CRLF after the delimiter
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd < 0) return undefined;
		const headers = body.subarray(position, headerEnd).toString('utf8');
		const next = body.indexOf(delimiter, headerEnd + 4);
		if (next < 0) return undefined;
		const data = body.subarray(headerEnd + 4, next - 2); // CRLF before the next delimiter
		const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		if (name === undefined) return undefined;
		parts.push({
			name,
			filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
			data,
		});
		position = next;
	}
	return parts;
}

const WEBHOOK_EVENTS = [
	'recording.created',
	'recording.transcription.started',
	'recording.transcription.completed',
	'recording.transcription.failed',
	'recording.summary.completed',
	'recording.summary.failed',
	'recording.events.extracted',
	'recording.updated',
	'recording.deleted',
];

function isPrivateHost(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '');
	return (
		bare === 'localhost' ||
		bare === '::1' ||
		/^127\./.test(bare) ||
		/^10\./.test(bare) ||
		/^192\.168\./.test(bare) ||
		/^172\.(1[6-9]|2\d|3[01])\./.test(bare) ||
		/^169\.254\./.test(bare) ||
		/^0\./.test(bare)
	);
}

function publicWebhook(webhook: SpeakrWebhook): Record<string, unknown> {
	const rest: Record<string, unknown> = { ...webhook };
	delete rest.secret;
	return rest;
}

const nowIso = () => new Date().toISOString().replace('Z', '');

export function createSpeakrRouter(state: SpeakrState): Router {
	const router = new Router();
	// First: Flask's <int:id> never matches "batch", so the batch routes must not be taken for an id here.
	addWriteAndAiRoutes(router, state);
	const find = (id: string) => state.recordings.find((recording) => recording.id === Number(id));
	const notFound = () => error(404, 'Recording not found');

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
				pagination: {
					page,
					per_page: perPage,
					total,
					total_pages: totalPages,
					has_next: page < totalPages,
					has_prev: page > 1,
				},
			},
		};
	});

	router.on('POST', '/api/v1/recordings/upload', (request) => {
		const contentType = String(request.headers['content-type'] ?? '');
		const parts = parseMultipart(contentType, request.rawBody);
		if (parts) state.uploads.push({ contentType, parts });
		const file = parts?.find((part) => part.name === 'file' && part.filename !== undefined);
		if (!file) return error(400, 'No file provided');
		if (file.filename === '') return error(400, 'No file selected');
		if (file.data.length > state.maxUploadMb * 1024 * 1024) {
			return error(413, `File too large. Maximum size is ${state.maxUploadMb} MB`, {
				max_size_mb: state.maxUploadMb,
				effective_limit_mb: state.maxUploadMb,
				audio_only_mode: false,
			});
		}
		const field = (name: string) =>
			parts!
				.find((part) => part.name === name && part.filename === undefined)
				?.data.toString('utf8');
		const id = Math.max(0, ...state.recordings.map((recording) => recording.id)) + 1;
		const folderId = field('folder_id');
		const folder = folderId
			? state.folders.find((candidate) => candidate.id === Number(folderId))
			: undefined;
		const tagIds = parts!
			.filter((part) => /^tag_ids\[\d+\]$/.test(part.name) || part.name === 'tag_id')
			.map((part) => Number(part.data.toString('utf8')));
		const created = nowIso();
		const recording: SpeakrRecording = {
			...makeRecordings(1)[0],
			id,
			title: field('title') ?? `Recording ${id}`,
			status: 'PENDING',
			created_at: created,
			completed_at: null,
			meeting_date: field('meeting_date') ?? created,
			file_size: file.data.length,
			original_filename: file.filename!,
			participants: null,
			is_inbox: true,
			is_highlighted: false,
			has_transcription: false,
			has_summary: false,
			folder_id: folder ? Number(folder.id) : null,
			folder: folder ? { id: Number(folder.id), name: String(folder.name) } : null,
			tags: state.tags
				.filter((tag) => tagIds.includes(Number(tag.id)))
				.map((tag) => ({ id: Number(tag.id), name: String(tag.name), color: String(tag.color) })),
			keep_audio_only: field('keep_audio_only') === 'true',
			notes: field('notes') ?? null,
			summary: null,
			transcription: null,
		};
		state.recordings.push(recording);
		state.lifecycle.set(id, { steps: state.uploadLifecycle, index: 0 });
		return { status: 202, body: fullDict(recording) };
	});

	router.on('GET', '/api/v1/recordings/:id', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		return { status: 200, body: detail(recording, request.query.get('include')) };
	});

	router.on('PATCH', '/api/v1/recordings/:id', (request) => {
		const recording = find(request.params.id);
		if (request.json === undefined) return werkzeugBadRequest();
		if (!recording) return notFound();
		const body = request.json as Record<string, unknown>;
		if (!body || typeof body !== 'object' || Object.keys(body).length === 0)
			return error(400, 'No data provided');
		if ('keep_audio_only' in body)
			return error(400, 'keep_audio_only is set at upload time and cannot be changed');
		if (
			'meeting_date' in body &&
			body.meeting_date !== null &&
			Number.isNaN(Date.parse(String(body.meeting_date)))
		)
			return error(400, 'Invalid meeting_date format');
		if ('folder_id' in body && body.folder_id !== null) {
			const folder = state.folders.find((candidate) => candidate.id === Number(body.folder_id));
			if (!folder) return error(404, `Folder ${String(body.folder_id)} not found`);
			recording.folder_id = Number(folder.id);
			recording.folder = { id: Number(folder.id), name: String(folder.name) };
		} else if ('folder_id' in body) {
			recording.folder_id = null;
			recording.folder = null;
		}
		for (const key of [
			'title',
			'participants',
			'notes',
			'summary',
			'meeting_date',
			'is_inbox',
			'is_highlighted',
		] as const) {
			if (key in body) (recording as unknown as Record<string, unknown>)[key] = body[key];
		}
		const {
			id,
			title,
			participants,
			notes,
			summary,
			meeting_date,
			is_inbox,
			is_highlighted,
			folder_id,
		} = recording;
		return {
			status: 200,
			body: {
				success: true,
				recording: {
					id,
					title,
					participants,
					notes,
					summary,
					meeting_date,
					is_inbox,
					is_highlighted,
					folder_id,
				},
			},
		};
	});

	router.on('DELETE', '/api/v1/recordings/:id', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!state.usersCanDelete) return error(403, 'Deletion not allowed');
		state.recordings = state.recordings.filter((candidate) => candidate !== recording);
		return { status: 200, body: { success: true, message: 'Recording deleted' } };
	});

	router.on('GET', '/api/v1/recordings/:id/status', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		const lifecycle = state.lifecycle.get(recording.id);
		if (
			lifecycle &&
			lifecycle.index < lifecycle.steps.length - 1 &&
			state.uploadOutcome !== 'never'
		) {
			lifecycle.index++;
			recording.status = lifecycle.steps[lifecycle.index];
			if (lifecycle.index === lifecycle.steps.length - 1)
				finishUpload(recording, state.uploadOutcome);
		}
		const queued = ['PENDING', 'PROCESSING', 'SUMMARIZING'].includes(recording.status);
		return {
			status: 200,
			body: {
				id: recording.id,
				status: recording.status,
				queue_position: queued ? 1 : null,
				error_message: recording.error_message,
				completed_at: recording.completed_at,
			},
		};
	});

	router.on('GET', '/api/v1/recordings/:id/transcript', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		return transcriptResponse(recording, request.query.get('format') ?? 'json');
	});

	router.on('GET', '/api/v1/recordings/:id/summary', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		return {
			status: 200,
			body: { summary: recording.summary ?? null, has_summary: Boolean(recording.summary) },
		};
	});

	router.on('POST', '/api/v1/recordings/:id/transcribe', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!recording.audio_available) return error(400, 'Audio has been deleted');
		const json = jsonBodyOf(request);
		if ('refused' in json) return json.refused;
		recording.status = 'QUEUED';
		return {
			status: 200,
			body: {
				success: true,
				job_id: state.nextJobId++,
				status: 'QUEUED',
				message: 'Transcription queued',
			},
		};
	});

	router.on('POST', '/api/v1/recordings/:id/summarize', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!recording.transcription)
			return error(400, 'No transcription available - transcribe first');
		const json = jsonBodyOf(request);
		if ('refused' in json) return json.refused;
		return {
			status: 200,
			body: {
				success: true,
				job_id: state.nextJobId++,
				status: 'QUEUED',
				message: 'Summarization queued',
			},
		};
	});

	router.on('GET', '/api/v1/tags', () => ({ status: 200, body: { tags: state.tags } }));

	router.on('POST', '/api/v1/recordings/:id/tags', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		const json = jsonBodyOf(request);
		if ('refused' in json) return json.refused;
		const body = (json.body ?? {}) as { tag_ids?: unknown; tag_id?: unknown };
		const ids = Array.isArray(body.tag_ids)
			? body.tag_ids
			: body.tag_id !== undefined
				? [body.tag_id]
				: undefined;
		if (!ids || ids.length === 0) return error(400, 'tag_ids or tag_id required');
		const added: Array<{ id: number; name: string }> = [];
		const errors: string[] = [];
		for (const raw of ids) {
			const tag = state.tags.find((candidate) => candidate.id === Number(raw));
			if (!tag) {
				errors.push(`Tag ${String(raw)} not found`);
				continue;
			}
			if (!recording.tags.some((existing) => existing.id === tag.id)) {
				recording.tags.push({
					id: Number(tag.id),
					name: String(tag.name),
					color: String(tag.color),
				});
			}
			added.push({ id: Number(tag.id), name: String(tag.name) });
		}
		return {
			status: 200,
			body: { success: true, added_tags: added, errors: errors.length ? errors : null },
		};
	});

	router.on('DELETE', '/api/v1/recordings/:id/tags/:tagId', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!/^\d+$/.test(request.params.tagId)) return htmlNotFound();
		if (!recording.tags.some((tag) => tag.id === Number(request.params.tagId)))
			return error(404, 'Tag not on this recording');
		recording.tags = recording.tags.filter((tag) => tag.id !== Number(request.params.tagId));
		return { status: 200, body: { success: true, message: 'Tag removed' } };
	});

	router.on('GET', '/api/v1/speakers', () => ({ status: 200, body: { speakers: state.speakers } }));
	router.on('GET', '/api/v1/recordings/:id/speakers', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		const segments = segmentsOf(recording) ?? [];
		const labels = [...new Set(segments.map((segment) => segment.speaker))];
		return {
			status: 200,
			body: {
				speakers: labels.map((label) => ({
					label,
					identified_name: null,
					speaker_id: null,
					segment_count: segments.filter((segment) => segment.speaker === label).length,
				})),
				suggestions: Object.fromEntries(
					labels
						.slice(0, 1)
						.map((label) => [label, [{ speaker_id: 1, name: 'Alice', similarity: 0.91 }]]),
				),
			},
		};
	});

	router.on('GET', '/api/v1/folders', () =>
		state.foldersEnabled
			? { status: 200, body: state.folders }
			: error(403, 'Folders feature is not enabled'),
	);
	router.on('GET', '/api/v1/folders/:id', (request) => {
		if (!state.foldersEnabled) return error(403, 'Folders feature is not enabled');
		const folder = state.folders.find((candidate) => candidate.id === Number(request.params.id));
		return folder ? { status: 200, body: folder } : error(404, 'Folder not found');
	});

	router.on('GET', '/api/v1/webhooks', () => ({
		status: 200,
		body: {
			webhooks: state.webhooks.map(publicWebhook),
			event_types: WEBHOOK_EVENTS,
			max_per_user: state.maxWebhooksPerUser,
		},
	}));
	router.on('POST', '/api/v1/webhooks', (request) => {
		const body = (request.json ?? {}) as Record<string, unknown>;
		if (typeof body.name !== 'string' || !body.name.trim()) return error(400, 'name is required');
		if (typeof body.url !== 'string' || !body.url.trim()) return error(400, 'url is required');
		if (!Array.isArray(body.events) || body.events.length === 0)
			return error(400, 'events must be a non-empty list');
		const unknown = (body.events as unknown[]).filter(
			(event) => !WEBHOOK_EVENTS.includes(String(event)),
		);
		if (unknown.length)
			return error(400, `unknown event types: ${JSON.stringify(unknown)}`, {
				allowed: WEBHOOK_EVENTS,
			});
		let url: URL;
		try {
			url = new URL(body.url);
		} catch {
			return error(400, 'url must be an absolute http(s) URL');
		}
		if (url.protocol === 'http:' && body.allow_http !== true)
			return error(400, 'http:// URLs require allow_http=true');
		if (isPrivateHost(url.hostname) && !state.intranetAllowlist?.test(url.hostname)) {
			return error(
				400,
				`URL resolves to a private/loopback address (${url.hostname}). Set WEBHOOK_INTRANET_HOST_ALLOWLIST to allow it.`,
			);
		}
		if (state.webhooks.length >= state.maxWebhooksPerUser)
			return error(409, `Webhook limit reached (${state.maxWebhooksPerUser} per user)`);
		const created = nowIso();
		const webhook: SpeakrWebhook = {
			id: state.nextWebhookId++,
			user_id: 1,
			name: body.name,
			url: body.url,
			allow_http: body.allow_http === true,
			events: body.events as string[],
			enabled: body.enabled !== false,
			auto_paused: false,
			consecutive_failures: 0,
			created_at: created,
			updated_at: created,
			last_delivery_at: null,
			secret: randomBytes(32).toString('base64url'),
		};
		state.webhooks.push(webhook);
		return { status: 201, body: { ...publicWebhook(webhook), secret: webhook.secret } };
	});
	const findWebhook = (id: string) => state.webhooks.find((webhook) => webhook.id === Number(id));
	router.on('GET', '/api/v1/webhooks/:id', (request) => {
		const webhook = findWebhook(request.params.id);
		return webhook
			? { status: 200, body: publicWebhook(webhook) }
			: error(404, 'Webhook not found');
	});
	router.on('PATCH', '/api/v1/webhooks/:id', (request) => {
		const webhook = findWebhook(request.params.id);
		if (!webhook) return error(404, 'Webhook not found');
		Object.assign(webhook, request.json ?? {}, { updated_at: nowIso() });
		return { status: 200, body: publicWebhook(webhook) };
	});
	router.on('DELETE', '/api/v1/webhooks/:id', (request) => {
		const webhook = findWebhook(request.params.id);
		if (!webhook) return error(404, 'Webhook not found');
		state.webhooks = state.webhooks.filter((candidate) => candidate !== webhook);
		return { status: 204 };
	});
	return router;
}

function finishUpload(recording: SpeakrRecording, outcome: SpeakrState['uploadOutcome']): void {
	const segments = JSON.stringify([
		{ speaker: 'SPEAKER_00', sentence: 'Hello there.', start_time: 0, end_time: 1.2 },
		{ speaker: 'SPEAKER_01', sentence: 'Hi, how are you?', start_time: 1.3, end_time: 2.9 },
	]);
	if (outcome === 'failed') {
		// job_queue.py: a job that failed for good sets FAILED and stores format_error_for_storage(error) in
		// `transcription` ("ERROR_JSON:" + json.dumps of short keys); the recording's error_message stays null.
		recording.status = 'FAILED';
		recording.error_message = null;
		recording.transcription = `ERROR_JSON:${JSON.stringify({
			t: 'Transcription Failed',
			m: 'The transcription service returned an error.',
			g: 'If this error persists, try reprocessing the recording or contact support for assistance.',
			i: 'fa-exclamation-circle',
			y: 'unknown',
			k: false,
			d: 'ASR request failed: 502 Bad Gateway',
		})
			.replace(/","/g, '", "')
			.replace(/":/g, '": ')
			.replace(/,"k"/, ', "k"')
			.replace(/,"d"/, ', "d"')}`;
		recording.has_transcription = true;
		return;
	}
	recording.transcription = segments;
	recording.has_transcription = true;
	if (outcome === 'summary_failed') {
		// Observed: the recording ends FAILED with error_message null and the failure in the summary text.
		recording.status = 'FAILED';
		recording.error_message = null;
		recording.summary = '[Summary generation failed: LLM unavailable]';
		recording.has_summary = true;
		return;
	}
	recording.status = 'COMPLETED';
	recording.completed_at = nowIso();
	recording.summary = '## Summary\n\nA short canned summary.\n\n- point one\n- point two';
	recording.has_summary = true;
}

/** `datetime.utcnow().isoformat() + "Z"`: microseconds, and none at all when they are 0. */
function pythonUtcIso(date: Date): string {
	const iso = date.toISOString().slice(0, 19);
	const micros = date.getUTCMilliseconds() * 1000;
	return micros ? `${iso}.${String(micros).padStart(6, '0')}Z` : `${iso}Z`;
}

async function post(url: string, headers: Record<string, string>, rawBody: string) {
	const response = await fetch(url, { method: 'POST', headers, body: rawBody, redirect: 'manual' });
	return { status: response.status, body: await response.text() };
}

/**
 * Builds and posts one webhook delivery exactly as Speakr's dispatcher does (webhook_dispatch.py): compact JSON
 * whose `timestamp` is the event's creation time, HMAC of the raw body; the Speakr-* routing headers are unsigned.
 */
async function deliver(
	state: SpeakrState,
	webhookId: number,
	type: string,
	data: Record<string, unknown>,
	options: DeliverOptions = {},
): Promise<SentDelivery> {
	const webhook = state.webhooks.find((candidate) => candidate.id === webhookId);
	if (!webhook) throw new Error(`fake Speakr: no webhook ${webhookId}`);
	const deliveryId = options.deliveryId ?? randomUUID();
	const rawBody = JSON.stringify({
		id: deliveryId,
		type,
		timestamp: pythonUtcIso(options.createdAt ?? new Date()),
		user_id: 1,
		data,
	});
	const sign = (secret: string, body: string) =>
		`sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
	const signature = options.signature ?? 'valid';
	let sent = rawBody;
	const headers: Record<string, string> = {
		'Content-Type': 'application/json',
		'User-Agent': 'Speakr-Webhook/1.0',
		'Speakr-Delivery-Id': deliveryId,
		'Speakr-Event': type,
		'Speakr-Timestamp': pythonUtcIso(new Date()),
	};
	if (signature === 'valid') headers['Speakr-Signature'] = sign(webhook.secret, rawBody);
	if (signature === 'forged') headers['Speakr-Signature'] = sign('not-the-secret', rawBody);
	if (signature === 'tampered') {
		headers['Speakr-Signature'] = sign(webhook.secret, rawBody);
		sent = rawBody.replace(`"type":"${type}"`, `"type":"${type}","injected":true`);
	}
	if (options.signatureV2 && signature === 'valid') {
		const t = Math.floor(Date.now() / 1000);
		const v1 = createHmac('sha256', webhook.secret).update(`${t}.${rawBody}`, 'utf8').digest('hex');
		headers['Speakr-Signature-V2'] = `t=${t},v1=${v1}`;
	}
	const url = options.url ?? webhook.url;
	const answer = await post(url, headers, sent);
	webhook.last_delivery_at = nowIso();
	return { ...answer, deliveryId, rawBody: sent, headers, url };
}

async function resend(
	delivery: SentDelivery,
	changes: Record<string, string | undefined> = {},
): Promise<SentDelivery> {
	const headers: Record<string, string> = {
		...delivery.headers,
		'Speakr-Timestamp': pythonUtcIso(new Date()),
	};
	for (const [name, value] of Object.entries(changes)) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	const answer = await post(delivery.url, headers, delivery.rawBody);
	return { ...delivery, ...answer, headers };
}

export async function startFakeSpeakr(
	options: { recordings?: number; latencyMs?: number; tokens?: string[]; pathPrefix?: string } = {},
): Promise<FakeSpeakr> {
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
		tags: [
			{
				can_edit: true,
				color: '#00ff00',
				custom_prompt: null,
				default_language: null,
				default_max_speakers: null,
				default_min_speakers: null,
				group_id: null,
				id: 1,
				is_group_tag: false,
				name: 'meetings',
				protect_from_deletion: false,
			},
			{
				can_edit: true,
				color: '#3B82F6',
				custom_prompt: null,
				default_language: null,
				default_max_speakers: null,
				default_min_speakers: null,
				group_id: null,
				id: 2,
				is_group_tag: false,
				name: 'viaheader',
				protect_from_deletion: false,
			},
		],
		folders: [
			{
				id: 1,
				name: 'Work',
				color: '#10B981',
				custom_prompt: null,
				is_group_folder: false,
				protect_from_deletion: false,
				recording_count: 0,
				retention_days: null,
			},
			{
				id: 2,
				name: 'Customers',
				color: '#F59E0B',
				custom_prompt: null,
				is_group_folder: false,
				protect_from_deletion: false,
				recording_count: 0,
				retention_days: 90,
			},
		],
		foldersEnabled: true,
		speakers: [
			{
				id: 1,
				name: 'Alice',
				use_count: 4,
				last_used: '2026-01-02T10:00:00',
				confidence_score: 0.9,
				has_voice_profile: true,
			},
			{
				id: 2,
				name: 'Bob',
				use_count: 1,
				last_used: '2026-01-01T09:00:00',
				confidence_score: null,
				has_voice_profile: false,
			},
		],
		webhooks: [],
		nextWebhookId: 1,
		maxWebhooksPerUser: 10,
		maxUploadMb: 300,
		usersCanDelete: true,
		uploadLifecycle: ['PENDING', 'QUEUED', 'PROCESSING', 'SUMMARIZING', 'COMPLETED'],
		uploadOutcome: 'completed',
		lifecycle: new Map(),
		uploads: [],
		nextJobId: 100,
		events: new Map(),
		audioStorage: { mode: 'local' },
		llmConfigured: true,
		nextTagId: 3,
		nextFolderId: 3,
		csrfExemptsApiV1: false,
	};
	const router = createSpeakrRouter(state);
	const server = await startFakeServer({
		router,
		latencyMs: options.latencyMs,
		pathPrefix: options.pathPrefix,
		guard: (request) => {
			if (request.path === '/login') {
				return {
					status: 200,
					headers: { 'Content-Type': 'text/html; charset=utf-8' },
					body: '<!doctype html><html><body><form>Sign in to Speakr</form></body></html>',
				};
			}
			if (request.path === '/api/v1/openapi.json') return undefined;
			// app.py's before_request CSRF check (routed requests only): only a valid header token skips it, so a write
			// with `?token=` alone, or with a wrong header token, is refused before login. Observed on v0.9.4 for /api/v1
			// too: the blueprint's exemption did not match there (state.csrfExemptsApiV1 models a server where it does).
			if (
				CSRF_METHODS.has(request.method) &&
				!state.csrfExemptsApiV1 &&
				router.match(request.method, request.path)
			) {
				const header = headerToken(request);
				if (header === undefined || !state.tokens.has(header)) return csrfMissing();
			}
			const token = presentedToken(request);
			if (!token || !state.tokens.has(token)) return loginRedirect(request);
			// Flask's int converter: a non-integer id is an HTML 404 before any handler runs.
			if (/^\/api\/v1\/(recordings|tags|speakers|folders|webhooks)\/[^/]+/.test(request.path)) {
				const segment = request.path.split('/')[4];
				if (!/^\d+$/.test(segment) && segment !== 'batch' && segment !== 'upload')
					return htmlNotFound();
			}
			return undefined;
		},
		notFound: () => htmlNotFound(),
	});
	return Object.assign(server, {
		state,
		router,
		deliver: (
			webhookId: number,
			type: string,
			data: Record<string, unknown>,
			deliverOptions?: DeliverOptions,
		) => deliver(state, webhookId, type, data, deliverOptions),
		resend,
	});
}

const isResponse = (value: unknown): value is FakeResponse =>
	typeof value === 'object' && value !== null && 'status' in value;

const AUDIO_BYTES = Buffer.from('ID3\u0003\u0000fake-mp3-frames', 'latin1');

/**
 * Routes that write or call the AI, from `src/api/api_v1.py` (v0.9.4-alpha) and, for folders, the web handlers it
 * delegates to (`src/api/folders.py`): chat, events + ICS, audio (local bytes or 302 to a presigned S3 URL),
 * notes/summary PUT, batch update/delete/transcribe, speaker assign/identify, tag and folder create/update/delete.
 */
/** `jsonBodyOf` for handlers that then read fields: the refusal as an answer, or the body as an object. */
function jsonObjectOf(request: FakeRequest): { body: Record<string, unknown> } | FakeResponse {
	const parsed = jsonBodyOf(request);
	if ('refused' in parsed) return parsed.refused;
	const body = parsed.body;
	return { body: body && typeof body === 'object' ? (body as Record<string, unknown>) : {} };
}

function addWriteAndAiRoutes(router: Router, state: SpeakrState): void {
	const find = (id: string) => state.recordings.find((recording) => recording.id === Number(id));
	const notFound = () => error(404, 'Recording not found');

	router.on('POST', '/api/v1/recordings/:id/chat', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!recording.transcription) return error(400, 'No transcription available');
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		const message = parsed.body.message;
		if (!message) return error(400, 'message is required');
		if (!state.llmConfigured) return error(503, 'Chat service not available');
		const history = Array.isArray(parsed.body.conversation_history)
			? parsed.body.conversation_history.length
			: 0;
		return {
			status: 200,
			body: {
				response: `Answer about "${recording.title}" to: ${String(message)} (after ${history} earlier turns)`,
				sources: [],
			},
		};
	});

	router.on('GET', '/api/v1/recordings/:id/events', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		return { status: 200, body: { events: state.events.get(recording.id) ?? [] } };
	});
	router.on('GET', '/api/v1/recordings/:id/events/ics', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		const events = state.events.get(recording.id) ?? [];
		if (events.length === 0) return error(404, 'No events found');
		const stamp = (iso: string) => iso.replace(/[-:]/g, '').slice(0, 15);
		const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Speakr//Events//EN'];
		for (const event of events) {
			lines.push('BEGIN:VEVENT', `UID:${event.id}@speakr`, `SUMMARY:${event.title}`);
			if (event.start_datetime) lines.push(`DTSTART:${stamp(event.start_datetime)}`);
			if (event.end_datetime) lines.push(`DTEND:${stamp(event.end_datetime)}`);
			if (event.description) lines.push(`DESCRIPTION:${event.description}`);
			if (event.location) lines.push(`LOCATION:${event.location}`);
			lines.push('END:VEVENT');
		}
		lines.push('END:VCALENDAR');
		return {
			status: 200,
			headers: {
				'Content-Type': 'text/calendar; charset=utf-8',
				'Content-Disposition': `attachment; filename=events-${recording.id}.ics`,
			},
			body: lines.join('\r\n'),
		};
	});

	router.on('GET', '/api/v1/recordings/:id/audio', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!recording.audio_available) return error(404, 'Audio has been deleted');
		const download = (request.query.get('download') ?? 'false').toLowerCase() === 'true';
		const name = recording.original_filename.replace(/[^A-Za-z0-9_.-]/g, '_');
		const disposition = `${download ? 'attachment' : 'inline'}; filename=${name}`;
		if (state.audioStorage.mode === 's3') {
			const query = new URLSearchParams({
				'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
				'X-Amz-Expires': '3600',
				'X-Amz-Signature': createHmac('sha256', 's3-secret').update(name).digest('hex'),
				'response-content-type': 'audio/mpeg',
			});
			if (download) query.set('response-content-disposition', `attachment; filename="${name}"`);
			return {
				status: 302,
				headers: {
					Location: `${state.audioStorage.baseUrl}/speakr-audio/${recording.id}/${name}?${query}`,
					'Content-Type': 'text/html; charset=utf-8',
				},
				body: '<!doctype html><title>Redirecting...</title>',
			};
		}
		return {
			status: 200,
			headers: { 'Content-Type': 'audio/mpeg', 'Content-Disposition': disposition },
			body: AUDIO_BYTES,
		};
	});

	router.on('GET', '/api/v1/recordings/:id/notes', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		return {
			status: 200,
			body: { notes: recording.notes ?? null, has_notes: Boolean(recording.notes) },
		};
	});
	for (const field of ['notes', 'summary'] as const) {
		router.on('PUT', `/api/v1/recordings/:id/${field}`, (request) => {
			const recording = find(request.params.id);
			if (!recording) return notFound();
			const parsed = jsonObjectOf(request);
			if (isResponse(parsed)) return parsed;
			if (Object.keys(parsed.body).length === 0 || !(field in parsed.body))
				return error(400, `${field} field required`);
			recording[field] = parsed.body[field] as string | null;
			if (field === 'summary') recording.has_summary = Boolean(recording.summary);
			return { status: 200, body: { success: true, [field]: recording[field] } };
		});
	}

	const batchIds = (
		request: FakeRequest,
	): { ids: unknown[]; body: Record<string, unknown> } | FakeResponse => {
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		if (Object.keys(parsed.body).length === 0) return error(400, 'No data provided');
		const ids = parsed.body.recording_ids;
		if (!Array.isArray(ids) || ids.length === 0) return error(400, 'recording_ids required');
		return { ids, body: parsed.body };
	};
	const tally = (results: Array<Record<string, unknown>>, key: string) => {
		const done = results.filter((result) => result.success).length;
		return { success: true, [key]: done, failed: results.length - done, results };
	};
	router.on('PATCH', '/api/v1/recordings/batch', (request) => {
		const batch = batchIds(request);
		if (isResponse(batch)) return batch;
		const updates = (batch.body.updates ?? {}) as Record<string, unknown>;
		let folder: Record<string, unknown> | undefined;
		if ('folder_id' in updates && updates.folder_id !== null) {
			folder = state.folders.find((candidate) => candidate.id === Number(updates.folder_id));
			if (!folder) return error(404, `Folder ${String(updates.folder_id)} not found`);
		}
		const results = batch.ids.map((raw) => {
			const recording = state.recordings.find((candidate) => candidate.id === Number(raw));
			if (!recording) return { id: raw, success: false, error: 'Not found' };
			if ('is_inbox' in updates) recording.is_inbox = Boolean(updates.is_inbox);
			if ('is_highlighted' in updates) recording.is_highlighted = Boolean(updates.is_highlighted);
			if ('folder_id' in updates) {
				recording.folder_id = folder ? Number(folder.id) : null;
				recording.folder = folder ? { id: Number(folder.id), name: String(folder.name) } : null;
			}
			// Unknown tag ids are skipped silently.
			for (const tagId of (updates.add_tag_ids as unknown[] | undefined) ?? []) {
				const tag = state.tags.find((candidate) => candidate.id === Number(tagId));
				if (tag && !recording.tags.some((existing) => existing.id === tag.id))
					recording.tags.push({
						id: Number(tag.id),
						name: String(tag.name),
						color: String(tag.color),
					});
			}
			const removed = ((updates.remove_tag_ids as unknown[] | undefined) ?? []).map(Number);
			recording.tags = recording.tags.filter((tag) => !removed.includes(tag.id));
			return { id: raw, success: true };
		});
		return { status: 200, body: tally(results, 'updated') };
	});
	router.on('DELETE', '/api/v1/recordings/batch', (request) => {
		const batch = batchIds(request);
		if (isResponse(batch)) return batch;
		if (!state.usersCanDelete) return error(403, 'Deletion not allowed');
		const results = batch.ids.map((raw) => {
			const recording = state.recordings.find((candidate) => candidate.id === Number(raw));
			if (!recording) return { id: raw, success: false, error: 'Not found' };
			state.recordings = state.recordings.filter((candidate) => candidate !== recording);
			return { id: raw, success: true };
		});
		return { status: 200, body: tally(results, 'deleted') };
	});
	router.on('POST', '/api/v1/recordings/batch/transcribe', (request) => {
		const batch = batchIds(request);
		if (isResponse(batch)) return batch;
		const results = batch.ids.map((raw) => {
			const recording = state.recordings.find((candidate) => candidate.id === Number(raw));
			if (!recording) return { id: raw, success: false, error: 'Not found' };
			if (!recording.audio_available) return { id: raw, success: false, error: 'Audio deleted' };
			recording.status = 'QUEUED';
			return { id: raw, success: true, job_id: state.nextJobId++ };
		});
		return { status: 200, body: tally(results, 'queued') };
	});

	router.on('PUT', '/api/v1/recordings/:id/speakers/assign', (request) => {
		const recording = find(request.params.id);
		if (!recording) return notFound();
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		if (Object.keys(parsed.body).length === 0 || !('speaker_map' in parsed.body))
			return error(400, 'speaker_map is required');
		const raw = parsed.body.speaker_map;
		if (!raw || typeof raw !== 'object' || Array.isArray(raw))
			return error(400, 'speaker_map must be an object');
		const map = new Map<string, string>();
		for (const [label, value] of Object.entries(raw as Record<string, unknown>)) {
			let name: string;
			let isMe = false;
			if (typeof value === 'string') name = value.trim();
			else if (value && typeof value === 'object' && !Array.isArray(value)) {
				const entry = value as { name?: unknown; isMe?: unknown };
				name = entry.name ? String(entry.name).trim() : '';
				isMe = entry.isMe === true;
			} else return error(400, `Invalid value type for speaker "${label}"`);
			if (isMe && !name) name = String(state.user.name ?? 'Me');
			if (name) map.set(label, name);
		}
		const segments = segmentsOf(recording);
		if (segments) {
			// Labels the transcript does not have are ignored; the answer is a success either way.
			for (const segment of segments) {
				const name = map.get(segment.speaker);
				if (name) segment.speaker = name;
			}
			recording.transcription = JSON.stringify(segments);
			recording.participants = [
				...new Set(
					segments
						.map((segment) => segment.speaker)
						.filter((speaker) => !/^SPEAKER_\d+$/i.test(speaker)),
				),
			]
				.sort()
				.join(', ');
		}
		const summaryQueued = parsed.body.regenerate_summary === true;
		return {
			status: 200,
			body: {
				success: true,
				message: 'Speakers updated successfully.',
				recording: {
					id: recording.id,
					title: recording.title,
					participants: recording.participants,
					status: recording.status,
				},
				summary_queued: summaryQueued,
				embeddings_updated: 0,
				snippets_created: 0,
			},
		};
	});
	router.on('POST', '/api/v1/recordings/:id/speakers/identify', (request) => {
		// Observed on the real server: a POST without a JSON body is refused even where the handler reads none.
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		const recording = find(request.params.id);
		if (!recording) return notFound();
		if (!recording.transcription)
			return error(400, 'No transcription available for speaker identification');
		const segments = segmentsOf(recording);
		if (!segments) return error(400, 'Transcription format not supported for auto-identification');
		if (!state.llmConfigured) return error(503, 'No LLM provider configured');
		const labels = [...new Set(segments.map((segment) => segment.speaker))];
		// The model names who it can; the others come back as "".
		return {
			status: 200,
			body: {
				success: true,
				speaker_map: Object.fromEntries(
					labels.map((label, index) => [label, index === 0 ? 'Alice' : '']),
				),
			},
		};
	});

	const tagView = (tag: Record<string, unknown>) => {
		const view = { ...tag };
		delete view.can_edit;
		return view;
	};
	const tagFields = [
		'name',
		'color',
		'custom_prompt',
		'default_language',
		'default_min_speakers',
		'default_max_speakers',
		'protect_from_deletion',
	];
	router.on('POST', '/api/v1/tags', (request) => {
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		const body = parsed.body;
		if (!body.name) return error(400, 'Tag name is required');
		if (state.tags.some((tag) => tag.name === body.name && tag.group_id === null))
			return error(400, 'Tag with this name already exists');
		const tag: Record<string, unknown> = {
			id: state.nextTagId++,
			name: body.name,
			color: body.color ?? '#3B82F6',
			is_group_tag: false,
			group_id: null,
			custom_prompt: body.custom_prompt ?? null,
			default_language: body.default_language ?? null,
			default_min_speakers: body.default_min_speakers ?? null,
			default_max_speakers: body.default_max_speakers ?? null,
			protect_from_deletion: body.protect_from_deletion ?? false,
		};
		state.tags.push({ ...tag, can_edit: true });
		return { status: 201, body: tag };
	});
	router.on('PUT', '/api/v1/tags/:id', (request) => {
		const tag = state.tags.find((candidate) => candidate.id === Number(request.params.id));
		if (!tag) return error(404, 'Tag not found');
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		if (Object.keys(parsed.body).length === 0) return error(400, 'No data provided');
		for (const key of tagFields) if (key in parsed.body) tag[key] = parsed.body[key];
		for (const recording of state.recordings)
			for (const onRecording of recording.tags)
				if (onRecording.id === tag.id)
					Object.assign(onRecording, { name: tag.name, color: tag.color });
		const view = tagView(tag);
		delete view.is_group_tag;
		delete view.group_id;
		return { status: 200, body: { success: true, tag: view } };
	});
	router.on('DELETE', '/api/v1/tags/:id', (request) => {
		const tag = state.tags.find((candidate) => candidate.id === Number(request.params.id));
		if (!tag) return error(404, 'Tag not found');
		state.tags = state.tags.filter((candidate) => candidate !== tag);
		for (const recording of state.recordings)
			recording.tags = recording.tags.filter((onRecording) => onRecording.id !== tag.id);
		return { status: 200, body: { success: true, message: 'Tag deleted' } };
	});

	const disabled = () => error(403, 'Folders feature is not enabled');
	const folderFields = [
		'color',
		'custom_prompt',
		'default_language',
		'default_min_speakers',
		'default_max_speakers',
		'default_hotwords',
		'default_initial_prompt',
		'default_transcription_model',
	];
	router.on('POST', '/api/v1/folders', (request) => {
		if (!state.foldersEnabled) return disabled();
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		const body = parsed.body;
		if (!body.name) return error(400, 'Folder name is required');
		if (state.folders.some((folder) => folder.name === body.name))
			return error(400, 'Folder with this name already exists');
		const folder: Record<string, unknown> = {
			id: state.nextFolderId++,
			name: body.name,
			color: body.color ?? '#10B981',
			group_id: null,
			is_group_folder: false,
			group_name: null,
			custom_prompt: body.custom_prompt ?? null,
			default_language: body.default_language ?? null,
			default_min_speakers: body.default_min_speakers ?? null,
			default_max_speakers: body.default_max_speakers ?? null,
			default_hotwords: body.default_hotwords ?? null,
			default_initial_prompt: body.default_initial_prompt ?? null,
			default_transcription_model: body.default_transcription_model ?? null,
			// -1 (keep forever) counts only when auto-deletion is on; here it is off, as by default.
			protect_from_deletion: false,
			retention_days: body.retention_days ?? null,
			created_at: nowIso(),
			recording_count: 0,
		};
		state.folders.push(folder);
		return { status: 201, body: folder };
	});
	router.on('PUT', '/api/v1/folders/:id', (request) => {
		if (!state.foldersEnabled) return disabled();
		const folder = state.folders.find((candidate) => candidate.id === Number(request.params.id));
		if (!folder) return error(404, 'Folder not found');
		const parsed = jsonObjectOf(request);
		if (isResponse(parsed)) return parsed;
		const body = parsed.body;
		if ('name' in body) {
			if (state.folders.some((other) => other !== folder && other.name === body.name))
				return error(400, 'Another folder with this name already exists');
			folder.name = body.name;
		}
		for (const key of folderFields) {
			if (!(key in body)) continue;
			// The three transcription defaults store "" as null; the others keep what was sent.
			const nullsEmpty = [
				'default_hotwords',
				'default_initial_prompt',
				'default_transcription_model',
			];
			folder[key] = nullsEmpty.includes(key) ? body[key] || null : body[key];
		}
		// -1 (keep forever) only takes effect when auto-deletion is on; here it is off, as by default.
		if ('retention_days' in body && body.retention_days !== -1)
			folder.retention_days = body.retention_days || null;
		for (const recording of state.recordings)
			if (recording.folder_id === folder.id)
				recording.folder = { id: Number(folder.id), name: String(folder.name) };
		return { status: 200, body: folder };
	});
	router.on('DELETE', '/api/v1/folders/:id', (request) => {
		if (!state.foldersEnabled) return disabled();
		const folder = state.folders.find((candidate) => candidate.id === Number(request.params.id));
		if (!folder) return error(404, 'Folder not found');
		state.folders = state.folders.filter((candidate) => candidate !== folder);
		for (const recording of state.recordings) {
			if (recording.folder_id === folder.id) {
				recording.folder_id = null;
				recording.folder = null;
			}
		}
		return { status: 200, body: { success: true } };
	});
}
