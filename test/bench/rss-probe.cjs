// Preloaded into `n8n execute` by the benchmark (NODE_OPTIONS=--require …, BENCH_RSS_DIR=…): samples the
// process's resident set every 10 ms and, on exit, writes the samples and the peak (VmHWM) to
// BENCH_RSS_DIR/rss-<pid>.json. Other processes that inherit NODE_OPTIONS (task runners) are left alone.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_RSS_DIR;
if (dir && process.argv.slice(2).includes('execute')) {
	const samples = [];
	const timer = setInterval(() => samples.push([Date.now(), process.memoryUsage.rss()]), 10);
	timer.unref();
	process.on('exit', () => {
		let vmHwmKb;
		try {
			const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
			vmHwmKb = match ? Number(match[1]) : undefined;
		} catch {
			vmHwmKb = undefined;
		}
		const peakBytes = (vmHwmKb ?? process.resourceUsage().maxRSS) * 1024;
		fs.writeFileSync(
			path.join(dir, `rss-${process.pid}.json`),
			JSON.stringify({ pid: process.pid, peakBytes, samples }),
		);
	});
}
