import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { runNode } from '../harness/engine.cjs';
import { autoPiLogin } from './services.cjs';

test.each(['503', '429', 'reset', 'slow'] as const)('login %s', async (kind) => {
	const fake = await autoPiLogin.start();
	fake.injectFault({ kind, retryAfter: 1, delayMs: 4000, match: (r) => r.path === '/auth/login/' });
	const t = Date.now();
	const result = await runNode({ node: new AutoPi(), parameters: { ...autoPiLogin.parameters, requestOptions: { timeout: 1000 } }, credentials: autoPiLogin.credentials(fake) });
	process.stdout.write(`LOGIN ${kind} ${Date.now() - t} ms requests=${fake.stats.requests} items=${result.items.length} err=${result.error?.message} desc=${result.error?.description}\n`);
	await fake.close();
}, 20000);
