/** The fake-server framework itself: routes added through `server.router` after start. */
import { Router, startFakeServer } from '../fakes/base.cjs';

test('a route put in front of server.router.routes answers instead of the original one', async () => {
	const router = new Router().on('GET', '/list', () => ({
		status: 200,
		body: { from: 'original' },
	}));
	const server = await startFakeServer({ router });
	try {
		expect(server.router).toBe(router);
		expect(await (await fetch(`${server.url}/list`)).json()).toEqual({ from: 'original' });
		const front = new Router().on('GET', '/list', () => ({ status: 200, body: { from: 'front' } }));
		server.router.routes.unshift(...front.routes);
		expect(await (await fetch(`${server.url}/list`)).json()).toEqual({ from: 'front' });
		expect(server.stats.requests).toBe(2);
	} finally {
		await server.close();
	}
});
