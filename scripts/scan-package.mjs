// n8n's verification scanner (@n8n/scan-community-package) run locally: its analyzePackage() on the
// source (package.json + nodes/ + credentials/) and on the unpacked `npm pack` tarball, which is what the
// real scanner lints after checking provenance. Run after `npm run build`.
//   node scripts/scan-package.mjs            → prints PASS/FAIL per leg, exit 1 on any error
//   node scripts/scan-package.mjs <package dir> [<tarball>]
//                                            → the same for another package folder (a single-service package
//                                              staged by scripts/build-packages.mjs) and its packed tarball
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(process.argv[2] ?? repo);
const givenTarball = process.argv[3] && path.resolve(process.argv[3]);
const require = createRequire(import.meta.url);
const scannerPath = path.join(
	path.dirname(require.resolve('@n8n/scan-community-package/package.json')),
	'scanner/scanner.mjs',
);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);

const work = mkdtempSync(path.join(tmpdir(), 'scan-'));
let failed = false;
try {
	if (!givenTarball)
		execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
	const tarballPath =
		givenTarball ??
		path.join(
			work,
			readdirSync(work).find((file) => file.endsWith('.tgz')),
		);
	const tarball = path.basename(tarballPath);
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['xzf', tarballPath, '-C', work]);
	const legs = [
		['source', root, SOURCE_FILE_PATTERNS],
		['tarball', unpacked, ['**/*.js', 'package.json']],
	];
	for (const [name, dir, patterns] of legs) {
		const result = await analyzePackage(dir, patterns);
		console.log(`scanner ${name}: ${result.passed ? 'PASS' : `FAIL ${result.message}`}`);
		if (!result.passed) {
			failed = true;
			if (result.details) console.log(result.details);
		}
	}
	const files = execFileSync('tar', ['tzf', tarballPath]).toString().trim().split('\n');
	console.log(`tarball: ${tarball}, ${files.length} files`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
