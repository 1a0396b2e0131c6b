// Jest reporter that writes the counts `npm test` adds up (to $JEST_SUMMARY_FILE; nothing when it is unset).
//
// Why not `jest --json`: its writer serialises each failure's raw error object, and an error that holds a socket
// (an AxiosError, say) is circular: JSON.stringify throws, no report is written, and every other result of the
// suite is lost. This reporter takes only numbers and the strings Jest already formatted, and writes something
// even if one field is unreadable.
const fs = require('node:fs');
const path = require('node:path');

const MAX_MESSAGE = 2000;

/** A readable one-string view of anything thrown (also circular objects), never throwing itself. */
function describeError(error) {
	try {
		if (typeof error === 'string') return error;
		if (error && typeof error.message === 'string') {
			const name = typeof error.name === 'string' ? error.name : 'Error';
			const code = typeof error.code === 'string' ? ` (${error.code})` : '';
			return `${name}${code}: ${error.message}`;
		}
		return String(error);
	} catch {
		return 'an error that cannot be described';
	}
}

function shorten(text) {
	const plain = String(text).replace(/\u001b\[[0-9;]*m/g, '');
	return plain.length > MAX_MESSAGE ? `${plain.slice(0, MAX_MESSAGE)}…` : plain;
}

/** The summary of an AggregatedResult: numbers and strings only. */
function summarize(results, rootDir) {
	const failures = [];
	for (const file of results.testResults ?? []) {
		const relative = path.relative(rootDir, file.testFilePath ?? '');
		if (file.testExecError) {
			failures.push({
				file: relative,
				test: '(the test file did not run)',
				message: shorten(describeError(file.testExecError)),
			});
		}
		for (const assertion of file.testResults ?? []) {
			if (assertion.status !== 'failed') continue;
			const messages = (assertion.failureMessages ?? []).filter((m) => typeof m === 'string');
			failures.push({
				file: relative,
				test: assertion.fullName ?? assertion.title ?? '(unnamed)',
				message: shorten(
					messages.length
						? messages.join('\n')
						: (assertion.failureDetails ?? []).map(describeError).join('\n'),
				),
			});
		}
	}
	return {
		numTotalTests: results.numTotalTests ?? 0,
		numPassedTests: results.numPassedTests ?? 0,
		numFailedTests: results.numFailedTests ?? 0,
		numPendingTests: results.numPendingTests ?? 0,
		numTodoTests: results.numTodoTests ?? 0,
		numTotalTestSuites: results.numTotalTestSuites ?? 0,
		numFailedTestSuites: results.numFailedTestSuites ?? 0,
		numRuntimeErrorTestSuites: results.numRuntimeErrorTestSuites ?? 0,
		success: Boolean(results.success),
		failures,
	};
}

class SummaryReporter {
	constructor(globalConfig) {
		this.rootDir = globalConfig?.rootDir ?? process.cwd();
	}

	onRunComplete(_contexts, results) {
		const file = process.env.JEST_SUMMARY_FILE;
		if (!file) return;
		let summary;
		try {
			summary = summarize(results, this.rootDir);
		} catch (error) {
			// Counts alone are still worth having.
			summary = {
				numTotalTests: results?.numTotalTests ?? 0,
				numPassedTests: results?.numPassedTests ?? 0,
				numFailedTests: results?.numFailedTests ?? 0,
				numRuntimeErrorTestSuites: results?.numRuntimeErrorTestSuites ?? 0,
				failures: [],
				reporterError: describeError(error),
			};
		}
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, `${JSON.stringify(summary, null, '\t')}\n`);
	}
}

module.exports = SummaryReporter;
module.exports.summarize = summarize;
module.exports.describeError = describeError;
