import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IAllExecuteFunctions,
	type IDataObject,
	type IN8nHttpFullResponse,
	type INode,
} from 'n8n-workflow';

import { parseLoose, readSuccessBody, toText } from './body';
import { RunCredential } from './credential';
import { apiError, type ApiFailure } from './errors';
import {
	classifyThrown,
	describeStatus,
	describeThrown,
	waitTooLong,
	type ClassifiedFailure,
} from './failure';
import { inputError } from './inputError';
import { httpOptions, type ApiRequest, type ApiResponse } from './request';
import { decideRetry, IDEMPOTENT_METHODS } from './retry';
import type { BaseCredentials, ServiceProfile } from './service';
import { defaultRequestSettings, type RequestSettings } from './settings';
import { endpointChange, redirectDecision } from './url';

export type { ResponseKind } from './body';
export type { ApiRequest, ApiResponse } from './request';
export { parseRetryAfter } from './retry';
export { DEFAULT_REQUEST_SETTINGS, defaultRequestSettings, type RequestSettings } from './settings';

/**
 * The one request layer of the package: every operation of every node calls a ServiceClient. It lets the
 * credential authenticate (httpRequestWithAuthentication), follows redirects only below the credential's Base URL,
 * retries what the retry policy allows, and maps failures to errors that never carry a secret.
 */
export class ServiceClient {
	private credential?: RunCredential;

	constructor(
		readonly context: IAllExecuteFunctions,
		readonly profile: ServiceProfile,
		readonly itemIndex?: number,
		readonly settings: RequestSettings = defaultRequestSettings(profile),
	) {}

	private loadedNode?: INode;

	/** n8n's getNode() deep-copies the node on every call: one copy per client instead of one per request. */
	get node(): INode {
		this.loadedNode ??= this.context.getNode();
		return this.loadedNode;
	}

	/** Loads and checks the credential once per client: base URL and secrets are validated before any request. */
	async prepare(): Promise<RunCredential> {
		if (this.credential) return this.credential;
		const data = await this.context.getCredentials(this.profile.credentialType, this.itemIndex);
		this.credential = new RunCredential(
			this.profile,
			data as BaseCredentials,
			this.node,
			this.itemIndex,
		);
		return this.credential;
	}

	/** Absolute URL of a path below the service's API root. */
	url(path: string): string {
		const base = this.credential?.baseUrl ?? '';
		return `${base}${this.profile.apiPath}${path.startsWith('/') ? path : `/${path}`}`;
	}

	/** Every secret this run has seen so far (the credential's, and session tokens obtained since). */
	secretsForRedaction(): readonly string[] {
		this.credential?.collectSecrets();
		return this.credential?.secrets.list() ?? [];
	}

	/** Builds an error for this client's item, with secrets redacted. */
	error(failure: ApiFailure): NodeApiError {
		return apiError(this.node, this.profile, failure, this.secretsForRedaction(), this.itemIndex);
	}

	/** Returns only the body. */
	async request<T = IDataObject>(request: ApiRequest): Promise<T> {
		const response = await this.send<T>(request);
		return response.body;
	}

	/** Returns status, headers and parsed body. Statuses in `passStatuses` come back instead of raising. */
	async send<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
		const credential = await this.prepare();
		const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
		const label = `${request.method} ${this.profile.apiPath}${request.path}`;
		const context = { profile: this.profile, request: label };
		const change = endpointChange(request.path);
		if (change) {
			const { message, description } = change;
			throw inputError(this.node, message, { itemIndex: this.itemIndex, description });
		}
		const readOnly = credential.readOnlyScheme(request.method);
		if (readOnly) {
			throw this.error({
				message: `${this.profile.displayName} refuses changes (${request.method}) when the token is sent as ${readOnly.name}, so nothing was sent`,
				hint: readOnly.hint,
				request: label,
			});
		}
		let url = this.url(request.path);
		let redirects = 0;
		// Once a redirect has left the server (a download handed to object storage), no request carries the credential.
		let withoutCredential = false;
		let shownLabel = label;
		for (let attempt = 0; ; attempt++) {
			this.throwIfCancelled();
			const outcome = await this.attempt(request, url, shownLabel, withoutCredential);
			let failed: ClassifiedFailure;
			if ('failed' in outcome) {
				failed = outcome.failed;
			} else {
				const response = outcome.response;
				const status = response.statusCode;
				const headers = response.headers as IDataObject;
				if (status >= 300 && status < 400) {
					const location = String(response.headers.location ?? '');
					const redirect = { status, location, from: url, redirectsSoFar: redirects++ };
					const next = redirectDecision(
						redirect,
						{ ...request, label: shownLabel },
						this.profile,
						credential.baseUrl,
						withoutCredential,
					);
					if ('failure' in next) throw this.error(next.failure);
					if (next.withoutCredential && !withoutCredential) {
						withoutCredential = true;
						shownLabel = `${label} → ${new URL(next.follow).origin}`;
					}
					url = next.follow;
					attempt--;
					continue;
				}
				if (status >= 200 && status < 300) {
					const redact = (text: string) => credential.redact(text);
					const read = readSuccessBody(response, request, {
						displayName: this.profile.displayName,
						label: shownLabel,
						redact,
					});
					if ('body' in read) return { status, headers, body: read.body as T };
					failed = { failure: read.failure, repeatable: read.failure.repeatable };
				} else {
					const body = parseLoose(credential.redact(toText(response.body)));
					if (request.passStatuses?.includes(status)) return { status, headers, body: body as T };
					if (request.availableSince && this.profile.isUnknownRoute?.(status, body)) {
						const name = this.profile.displayName;
						throw this.error({
							status,
							message: `${name} does not know ${label}: this needs ${name} ${request.availableSince} or later`,
							hint: `Update ${name} to ${request.availableSince} or later; older servers do not have this operation.`,
							request: label,
						});
					}
					failed = describeStatus(status, body, response.headers['retry-after'], {
						...context,
						request: shownLabel,
						baseUrl: credential.baseUrl,
						apiPath: this.profile.apiPath,
					});
				}
			}
			const decision = decideRetry({ ...failed, attempt, idempotent, settings: this.settings });
			if (decision.retry) {
				await this.pause(decision.waitMs);
				continue;
			}
			if (decision.reason === 'waitTooLong') {
				throw this.error(waitTooLong(failed, this.settings.maxRetryAfterMs, context));
			}
			throw this.error(failed.failure);
		}
	}

	private async attempt(
		request: ApiRequest,
		url: string,
		label: string,
		withoutCredential = false,
	): Promise<{ response: IN8nHttpFullResponse } | { failed: ClassifiedFailure }> {
		const credential = this.credential!;
		const options = httpOptions(request, url, {
			settings: this.settings,
			allowUnauthorizedCerts: credential.data.allowUnauthorizedCerts === true,
			reauthenticatesOn401: this.reauthenticatesOn401(),
			withoutCredential,
		});
		try {
			const response = (
				withoutCredential
					? await this.context.helpers.httpRequest({ ...options, ignoreHttpStatusErrors: true })
					: await this.context.helpers.httpRequestWithAuthentication.call(
							this.context,
							this.profile.credentialType,
							options,
							credential.forRequest,
						)
			) as IN8nHttpFullResponse;
			return { response };
		} catch (error) {
			credential.collectSecrets();
			if (this.isCancelled()) throw this.cancelledError();
			const thrown = classifyThrown(error);
			if (thrown.kind === 'http') thrown.body = credential.secrets.redactBody(thrown.body);
			const context = { profile: this.profile, request: label, timeoutMs: this.settings.timeoutMs };
			return { failed: describeThrown(thrown, context) };
		}
	}

	private reauthenticatesOn401(): boolean {
		const rule = this.profile.reauthenticatesOn401;
		if (typeof rule === 'function')
			return this.credential !== undefined && rule(this.credential.data);
		return rule === true;
	}

	/** Waits in short steps so a cancelled execution stops waiting promptly. For any wait an operation needs. */
	async pause(ms: number): Promise<void> {
		const step = 100;
		for (let waited = 0; waited < ms; waited += step) {
			this.throwIfCancelled();
			await sleep(Math.min(step, ms - waited));
		}
		this.throwIfCancelled();
	}

	isCancelled(): boolean {
		const context = this.context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
		return context.getExecutionCancelSignal?.()?.aborted === true;
	}

	throwIfCancelled(): void {
		if (this.isCancelled()) throw this.cancelledError();
	}

	private cancelledError() {
		return new NodeOperationError(this.node, 'The execution was cancelled', {
			itemIndex: this.itemIndex,
		});
	}
}
