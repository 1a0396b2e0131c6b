/**
 * Shared pieces of the fault-injection suite: one "Return All of 2,000 records" per service, run by the real node in
 * n8n-core's engine against that service's fake server, a seeded PRNG to place faults, and the summary table.
 *
 * Each service lists through a different paging path of the shared paginator:
 * - Speakr recordings: 1-based `page`, `per_page` 100, total known → 20 pages, ≤ 8 at once;
 * - Audiobookshelf library items: 0-based `page`, `limit` 500, total known → 4 pages at once;
 * - AudioBookRequest users (its only paginated list): `offset` + `limit` 100, total known → 20 pages, ≤ 8 at once;
 * - AutoPi trips: DRF `next` links, page size capped at 100 by the server → 20 pages, one after the other.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, INodeParameters, INodeType } from 'n8n-workflow';

import { AudioBookRequest } from '../../nodes/AudioBookRequest/AudioBookRequest.node';
import { Audiobookshelf } from '../../nodes/Audiobookshelf/Audiobookshelf.node';
import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { Speakr } from '../../nodes/Speakr/Speakr.node';
import {
	ABR_ADMIN_TOKEN,
	startFakeAudioBookRequest,
	type AbrUser,
} from '../fakes/audiobookrequest.cjs';
import { ABS_TOKEN, BOOK_LIBRARY_ID, startFakeAudiobookshelf } from '../fakes/audiobookshelf.cjs';
import {
	AUTOPI_EMAIL,
	AUTOPI_PASSWORD,
	AUTOPI_TOKEN,
	startFakeAutoPi,
	type FakeAutoPi,
} from '../fakes/autopi.cjs';
import type { FakeRequest, FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr } from '../fakes/speakr.cjs';

export const RECORDS = 2000;

/** mulberry32: a small deterministic PRNG, so fault positions are "random" but the same on every run. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `count` distinct integers in [from, to), drawn with `random`, sorted. */
export function pick(random: () => number, count: number, from: number, to: number): number[] {
	const chosen = new Set<number>();
	const available = to - from;
	while (chosen.size < Math.min(count, available))
		chosen.add(from + Math.floor(random() * available));
	return [...chosen].sort((a, b) => a - b);
}

export interface ServiceUnderTest {
	name: string;
	/** A fresh fake holding exactly RECORDS records, with a small latency. */
	start(): Promise<FakeServer>;
	node(): INodeType;
	parameters: INodeParameters;
	credentials(
		fake: FakeServer,
		overrides?: ICredentialDataDecryptedObject,
	): Record<string, ICredentialDataDecryptedObject>;
	/** Values that must never appear in the stored run. */
	secrets: string[];
	/** Pages a Return All of RECORDS takes. */
	pages: number;
	/** 0-based page index of a list request (undefined for other requests). */
	pageIndexOf(request: FakeRequest): number | undefined;
	/** The records as the service lists them, read from the fake's own state (not through our node). */
	expectedIds(fake: FakeServer): Promise<string[]>;
	/** Record identifier in the node's output. */
	idField: string;
	/** A credential whose token the service refuses. */
	wrongCredential: ICredentialDataDecryptedObject;
	/** The error a refused token must end in. */
	wrongTokenMessage: RegExp;
	/** What the service answers a refused token with (for the table). */
	wrongTokenAnswer: string;
}

const LATENCY_MS = 2;

export const speakr: ServiceUnderTest = {
	name: 'Speakr',
	start: async () => await startFakeSpeakr({ recordings: RECORDS, latencyMs: LATENCY_MS }),
	node: () => new Speakr(),
	parameters: { resource: 'recording', operation: 'getAll', returnAll: true, simplify: true },
	credentials: (fake, overrides = {}) => ({
		speakrApi: {
			baseUrl: fake.url,
			apiToken: SPEAKR_TOKEN,
			authScheme: 'bearer',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	}),
	secrets: [SPEAKR_TOKEN],
	pages: 20,
	pageIndexOf: (request) =>
		request.path === '/api/v1/recordings' ? Number(request.query.get('page')) - 1 : undefined,
	// Newest first: id 2000 … 1.
	expectedIds: async () =>
		Array.from({ length: RECORDS }, (_unused, index) => String(RECORDS - index)),
	idField: 'id',
	wrongCredential: { apiToken: 'spk_wrong_token_0000' },
	wrongTokenMessage:
		/^Speakr rejected the API token \(it redirected to its login page\) \[item 0\]$/,
	wrongTokenAnswer: '302 → /login (HTML)',
};

export const audiobookshelf: ServiceUnderTest = {
	name: 'Audiobookshelf',
	start: async () => await startFakeAudiobookshelf({ books: RECORDS, latencyMs: LATENCY_MS }),
	node: () => new Audiobookshelf(),
	parameters: {
		resource: 'libraryItem',
		operation: 'getAll',
		libraryId: { __rl: true, mode: 'id', value: BOOK_LIBRARY_ID },
		returnAll: true,
		simplify: true,
	},
	credentials: (fake, overrides = {}) => ({
		audiobookshelfApi: {
			baseUrl: fake.url,
			apiToken: ABS_TOKEN,
			authScheme: 'bearer',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	}),
	secrets: [ABS_TOKEN],
	pages: 4,
	pageIndexOf: (request) =>
		request.path === `/api/libraries/${BOOK_LIBRARY_ID}/items`
			? Number(request.query.get('page'))
			: undefined,
	// One `limit=0` request answers the whole library in the server's order.
	expectedIds: async (fake) => {
		const response = await fetch(`${fake.url}/api/libraries/${BOOK_LIBRARY_ID}/items?limit=0`, {
			headers: { Authorization: `Bearer ${ABS_TOKEN}` },
		});
		const body = (await response.json()) as { results: Array<{ id: string }> };
		return body.results.map((item) => item.id);
	},
	idField: 'id',
	wrongCredential: { apiToken: 'abs-api-key.wrong.token' },
	wrongTokenMessage: /^Audiobookshelf answered 401 Unauthorized \[item 0\]$/,
	wrongTokenAnswer: '401 `Unauthorized` (plain text)',
};

export const audioBookRequest: ServiceUnderTest = {
	name: 'AudioBookRequest',
	start: async () => {
		const users = new Map<string, AbrUser>([
			[
				'admin',
				{ username: 'admin', group: 'admin', root: true, password: 'admin', extra_data: null },
			],
		]);
		for (let n = 1; n < RECORDS; n++) {
			const username = `listener${String(n).padStart(4, '0')}`;
			users.set(username, {
				username,
				group: n % 3 === 0 ? 'trusted' : 'untrusted',
				root: false,
				password: 'pw',
				extra_data: null,
			});
		}
		return await startFakeAudioBookRequest({ argonMs: LATENCY_MS, state: { users } });
	},
	node: () => new AudioBookRequest(),
	parameters: { resource: 'user', operation: 'getAll', returnAll: true },
	credentials: (fake, overrides = {}) => ({
		audioBookRequestApi: {
			baseUrl: fake.url,
			apiToken: ABR_ADMIN_TOKEN,
			allowUnauthorizedCerts: false,
			...overrides,
		},
	}),
	secrets: [ABR_ADMIN_TOKEN],
	pages: 20,
	pageIndexOf: (request) =>
		request.path === '/api/users/'
			? Math.floor(Number(request.query.get('offset')) / 100)
			: undefined,
	expectedIds: async (fake) => [
		...(fake as Awaited<ReturnType<typeof startFakeAudioBookRequest>>).state.users.keys(),
	],
	idField: 'username',
	wrongCredential: { apiToken: 'abr-wrong-key-000000000000000000000000' },
	wrongTokenMessage:
		/^AudioBookRequest answered 401 Unauthorized: Authentication required \[item 0\]$/,
	wrongTokenAnswer: '401 `{"detail":"Authentication required"}`',
};

export const autoPi: ServiceUnderTest = {
	name: 'AutoPi',
	// 4 devices × 500 trips; DRF pages capped at 100 with absolute `next` links.
	start: async () => {
		const fake = await startFakeAutoPi({
			devices: 4,
			tripsPerDevice: RECORDS / 4,
			events: 0,
			alerts: 0,
		});
		fake.latencyMs = LATENCY_MS;
		return fake;
	},
	node: () => new AutoPi(),
	parameters: { resource: 'trip', operation: 'getAll', returnAll: true, simplify: true },
	credentials: (fake, overrides = {}) => ({
		autoPiApi: {
			baseUrl: fake.url,
			authType: 'apiToken',
			apiToken: AUTOPI_TOKEN,
			email: '',
			password: '',
			sessionToken: '',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	}),
	secrets: [AUTOPI_TOKEN],
	pages: 20,
	pageIndexOf: (request) =>
		request.path === '/logbook/v2/trips/'
			? Number(request.query.get('page') ?? '1') - 1
			: undefined,
	expectedIds: async (fake) => (fake as FakeAutoPi).state.trips.map((trip) => trip.id),
	idField: 'id',
	wrongCredential: { apiToken: 'apt_wrong_token_0000' },
	wrongTokenMessage: /^AutoPi answered 401 Unauthorized: Invalid token\. \[item 0\]$/,
	wrongTokenAnswer: '401 `{"detail":"Invalid token."}` (DRF)',
};

/** AutoPi in email + password mode: a JWT from POST /auth/login/, renewed by n8n on a 401. */
export const autoPiLogin: ServiceUnderTest = {
	...autoPi,
	name: 'AutoPi (email + password)',
	credentials: (fake, overrides = {}) => ({
		autoPiApi: {
			baseUrl: fake.url,
			authType: 'emailPassword',
			apiToken: '',
			email: AUTOPI_EMAIL,
			password: AUTOPI_PASSWORD,
			sessionToken: '',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	}),
	// The issued session tokens are secrets too.
	secrets: [AUTOPI_PASSWORD, 'eyJhbGciOiJIUzI1NiJ9.session'],
	wrongCredential: { password: 'wrong-password-000' },
	wrongTokenMessage:
		/^AutoPi refused the sign-in \(400 Bad Request\): Unable to log in with provided credentials\. \[item 0\]$/,
	wrongTokenAnswer: '400 `{"non_field_errors": …}` at /auth/login/',
};

export const SERVICES = [speakr, audiobookshelf, audioBookRequest, autoPi];

/** One row of the report: what was injected into one Return All and how it ended. */
export interface FaultOutcome {
	service: string;
	fault: string;
	/** Faults the fake actually answered with. */
	injected: number;
	/** Pages (0-based) the faults were placed on. */
	positions: number[];
	outcome: 'retried' | 'error';
	/** Records the node returned. */
	returned: number;
	/** Records missing from a run that ended as a success (must be 0). */
	lost: number;
	requests: number;
	ms: number;
	/** The error message, for surfaced faults. */
	message?: string;
}

export function summaryMarkdown(outcomes: FaultOutcome[], extra: string[] = []): string {
	const services = [...new Set(outcomes.map((outcome) => outcome.service))];
	const lines: string[] = [];
	lines.push(`# Fault-injection summary`, '', `_${new Date().toISOString()}_`, '');
	lines.push(
		`Return All of ${RECORDS} records per service, faults at seeded random pages (npm test, test/faults). A fault is`,
	);
	lines.push(
		'"retried" when the run still returned every record in order, "surfaced" when it ended in a NodeApiError with no items.',
		'',
	);
	lines.push(
		'| Service | Runs | Faults injected | Faults retried | Runs surfaced as errors | Records lost |',
	);
	lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
	for (const service of services) {
		const rows = outcomes.filter((outcome) => outcome.service === service);
		const retried = rows
			.filter((row) => row.outcome === 'retried')
			.reduce((sum, row) => sum + row.injected, 0);
		const surfaced = rows.filter((row) => row.outcome === 'error').length;
		const injected = rows.reduce((sum, row) => sum + row.injected, 0);
		const lost = rows.reduce((sum, row) => sum + row.lost, 0);
		lines.push(
			`| ${service} | ${rows.length} | ${injected} | ${retried} | ${surfaced} | ${lost} |`,
		);
	}
	const all = outcomes;
	lines.push(
		`| **Total** | ${all.length} | ${all.reduce((sum, row) => sum + row.injected, 0)} | ${all.filter((row) => row.outcome === 'retried').reduce((sum, row) => sum + row.injected, 0)} | ${all.filter((row) => row.outcome === 'error').length} | ${all.reduce((sum, row) => sum + row.lost, 0)} |`,
	);
	lines.push(
		'',
		'"Faults retried": faults absorbed by retries in runs that returned every record. "Runs surfaced as errors": runs that ended in a',
		'NodeApiError with 0 items (a wrong credential counts as one injected fault). "Records lost": records missing from runs that',
		'ended as a success.',
		'',
	);
	lines.push('## Per fault', '');
	lines.push(`| Fault | ${services.join(' | ')} |`);
	lines.push(`| --- | ${services.map(() => '---').join(' | ')} |`);
	for (const fault of [...new Set(outcomes.map((outcome) => outcome.fault))]) {
		const cells = services.map((service) => {
			const row = outcomes.find(
				(outcome) => outcome.service === service && outcome.fault === fault,
			);
			if (!row) return '–';
			const where = row.positions.length
				? ` @p${row.positions.map((position) => position + 1).join(',')}`
				: '';
			return row.outcome === 'retried'
				? `retried ×${row.injected}${where}: ${row.returned}/${RECORDS}, ${row.requests} req, ${row.ms} ms`
				: `error${where}, ${row.returned} items, ${row.requests} req`;
		});
		lines.push(`| ${fault} | ${cells.join(' | ')} |`);
	}
	const errors = outcomes.filter((outcome) => outcome.outcome === 'error' && outcome.message);
	if (errors.length) {
		lines.push('', '## Error messages of surfaced faults', '');
		for (const row of errors) lines.push(`- ${row.service} · ${row.fault}: \`${row.message}\``);
	}
	if (extra.length) lines.push('', ...extra);
	return `${lines.join('\n')}\n`;
}

export const ARTIFACTS = path.join(__dirname, '..', '.artifacts');

export function writeArtifact(name: string, text: string): string {
	mkdirSync(ARTIFACTS, { recursive: true });
	const file = path.join(ARTIFACTS, name);
	writeFileSync(file, text);
	return file;
}

/** Parts of test/.artifacts/fault-summary.md, in order; each test file writes its own, then the whole is assembled. */
const SUMMARY_PARTS = ['fault-return-all.md', 'fault-cancel.md'];

/** Writes one part and re-assembles fault-summary.md from the parts present. */
export function writeSummaryPart(name: (typeof SUMMARY_PARTS)[number], markdown: string): void {
	writeArtifact(name, markdown);
	const parts = SUMMARY_PARTS.map((part) => path.join(ARTIFACTS, part)).filter((file) =>
		existsSync(file),
	);
	writeArtifact('fault-summary.md', parts.map((file) => readFileSync(file, 'utf8')).join('\n'));
}
