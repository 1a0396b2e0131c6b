/**
 * Counts, per server port, the HTTP requests this process started and the ones whose answer it read completely, from
 * Node's own diagnostics channels: nothing in the transport is touched.
 *
 * A request without a complete answer is one the client gave up on (its timeout fired, or the connection was cut). On a
 * busy machine that also happens to answers that had arrived: when a stalled event loop resumes, libuv runs due
 * timers before it reads sockets, so the timeout wins. The transport then rightly asks again. Tests that count
 * requests use this to tell those retries apart from needless requests, instead of expecting a quiet machine.
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

interface Counts {
	started: number;
	incomplete: number;
}

const byPort = new Map<number, Counts>();
let subscribed = false;

function portOf(request: ClientRequest): number | undefined {
	const host = request.getHeader('host');
	const match = typeof host === 'string' ? /:(\d+)$/.exec(host) : null;
	return match ? Number(match[1]) : undefined;
}

function subscribe(): void {
	if (subscribed) return;
	subscribed = true;
	diagnostics.subscribe('http.client.request.start', (message) => {
		const request = (message as { request: ClientRequest }).request;
		const port = portOf(request);
		const counts = port === undefined ? undefined : byPort.get(port);
		if (!counts) return;
		counts.started++;
		// A timeout can fire after the headers were read, mid-body: only a complete answer counts as one.
		let response: IncomingMessage | undefined;
		request.once('response', (answer: IncomingMessage) => (response = answer));
		request.once('close', () => {
			if (!response?.complete) counts.incomplete++;
		});
	});
}

export interface ClientRequestWatch {
	/** Requests to the port started since watchClientRequests(). */
	readonly started: number;
	/** Of those, requests the client gave up on before reading a complete answer. */
	readonly unanswered: number;
	stop(): void;
}

/** Starts counting this process's requests to 127.0.0.1:<port>. */
export function watchClientRequests(port: number): ClientRequestWatch {
	subscribe();
	const counts: Counts = { started: 0, incomplete: 0 };
	byPort.set(port, counts);
	return {
		get started() {
			return counts.started;
		},
		get unanswered() {
			return counts.incomplete;
		},
		stop() {
			if (byPort.get(port) === counts) byPort.delete(port);
		},
	};
}
