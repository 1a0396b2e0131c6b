/**
 * One failing test must never lose the report of the others. Jest's own `--json` writer serialises each failure's
 * raw error; an AxiosError holds its request and socket, which point at each other, so the writer threw
 * "Converting circular structure to JSON", wrote nothing, and `npm test` lost a whole suite's results.
 * summary-reporter.js (what `npm test` reads) must survive exactly that.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';

import { readableHttpError } from '../e2e/lib/http-error.cjs';

const REPO_ROOT = path.join(__dirname, '..', '..');

const { summarize } = require('./summary-reporter.js') as {
	summarize(results: unknown, rootDir: string): { failures: Array<{ message: string }> };
};

/** A real AxiosError: a server that never answers and a client timeout. */
async function timedOutAxiosError(): Promise<unknown> {
	const server = http.createServer(() => {
		/* never answers */
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	try {
		await axios.get(`http://127.0.0.1:${port}/webhook/slow`, {
			params: { n: '7', token: 'secret-value' },
			timeout: 200,
			proxy: false,
		});
		throw new Error('the request was expected to time out');
	} catch (error) {
		return error;
	} finally {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

test('a suite where one test fails with a circular AxiosError: the summary still counts every test', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-reporter-'));
	const summaryFile = path.join(dir, 'summary.json');
	const jsonFile = path.join(dir, 'jest.json');
	try {
		// The same configuration `npm test` uses, on a fixture only this test runs; --json shows the old failure.
		const run = spawnSync(
			process.execPath,
			[
				require.resolve('jest/bin/jest'),
				'-c',
				'jest.config.js',
				'--testMatch',
				'<rootDir>/test/harness/fixtures/axios-timeout.fixture.cts',
				'--json',
				'--outputFile',
				jsonFile,
			],
			{
				cwd: REPO_ROOT,
				env: { ...process.env, JEST_SUMMARY_FILE: summaryFile },
				encoding: 'utf8',
				timeout: 240_000,
			},
		);
		const output = `${run.stdout}${run.stderr}`;
		expect(output).toContain('Tests:       1 failed, 1 passed, 2 total');
		// Jest 30's own writer still chokes on the error (if it stops doing so, this line can go).
		expect(output).toContain('Converting circular structure to JSON');

		const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
		expect(summary).toMatchObject({ numTotalTests: 2, numPassedTests: 1, numFailedTests: 1 });
		expect(summary.failures).toEqual([
			{
				file: path.join('test', 'harness', 'fixtures', 'axios-timeout.fixture.cts'),
				test: 'fails with an AxiosError',
				message: expect.stringMatching(/^AxiosError: timeout of 200ms exceeded/),
			},
		]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}, 300_000);

test('a failure whose only detail is a circular object is still described', () => {
	const circular: Record<string, unknown> = { message: 'socket hang up', code: 'ECONNRESET' };
	circular.self = circular;
	const results = {
		numTotalTests: 1,
		numFailedTests: 1,
		testResults: [
			{
				testFilePath: path.join(REPO_ROOT, 'test', 'x.test.cts'),
				testResults: [
					{ status: 'failed', fullName: 'x', failureMessages: [], failureDetails: [circular] },
				],
			},
		],
	};
	expect(summarize(results, REPO_ROOT).failures[0].message).toBe(
		'Error (ECONNRESET): socket hang up',
	);
});

test('the e2e client turns an AxiosError into a plain Error that says which request failed', async () => {
	const readable = readableHttpError(await timedOutAxiosError());
	expect(readable.message).toMatch(
		/^GET http:\/\/127\.0\.0\.1:\d+\/webhook\/slow\?n&token: timeout of 200ms exceeded \(ECONNABORTED\)$/,
	);
	expect(readable.message).not.toContain('secret-value');
	expect(readable).not.toHaveProperty('request');
	expect(readable).not.toHaveProperty('config');
});
