import axios from 'axios';

/**
 * An error of the n8n client as a plain Error: "GET /webhook/x?n: timeout of 60000ms exceeded (ECONNABORTED)".
 * An AxiosError holds its request, socket and agent, which are circular: Jest's reporters cannot serialise them,
 * and a test that failed with one would take the suite's report with it.
 */
export function readableHttpError(error: unknown): Error {
	if (!axios.isAxiosError(error)) return error instanceof Error ? error : new Error(String(error));
	const method = (error.config?.method ?? 'get').toUpperCase();
	// Query parameter names only: a value could be a credential.
	const query = error.config?.params
		? `?${Object.keys(error.config.params as object).join('&')}`
		: '';
	const status = error.response ? ` (HTTP ${error.response.status})` : '';
	const code = error.code ? ` (${error.code})` : '';
	const readable = new Error(
		`${method} ${error.config?.url ?? '?'}${query}: ${error.message}${status}${code}`,
	);
	readable.name = 'HttpError';
	readable.stack = `${readable.name}: ${readable.message}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`;
	return readable;
}
