import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** The bytes of a webhook delivery as they arrived: what a signature is computed over. */
export function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const { rawBody } = context.getRequestObject() as unknown as { rawBody?: Buffer | string };
	if (rawBody === undefined) return undefined;
	return Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody), 'utf8');
}

/** Answers a refused delivery with `status` and `{ error }` and starts no run. */
export function refuseDelivery(
	context: IWebhookFunctions,
	status: number,
	error: string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.statusCode = status;
	response.setHeader('Content-Type', 'application/json');
	response.end(JSON.stringify({ error }));
	return { noWebhookResponse: true };
}
