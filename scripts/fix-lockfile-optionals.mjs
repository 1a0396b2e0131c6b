// Usage: node scripts/fix-lockfile-optionals.mjs <package-lock.json>...
//
// The npm registry reachable here lacks many platform-specific optional packages (darwin/win32/arm/... native
// bindings). `npm install` then silently leaves them out of package-lock.json, and `npm ci` on a fresh clone
// refuses that lockfile: "Missing: @unrs/resolver-binding-darwin-arm64@ from lock file".
// This adds, for every optional dependency that has no lockfile entry, the entry npm writes where the registry
// has the package: version + optional + the os/cpu/libc read from its name. npm ci then skips it on linux-x64
// without fetching. Names without a recognisable platform are reported, never guessed. Idempotent.
import fs from 'node:fs';

const OS = [
	'darwin',
	'linux',
	'win32',
	'freebsd',
	'android',
	'openharmony',
	'sunos',
	'aix',
	'netbsd',
	'openbsd',
];
const CPU = {
	arm64: 'arm64',
	aarch64: 'arm64',
	x64: 'x64',
	ia32: 'ia32',
	arm: 'arm',
	loong64: 'loong64',
	ppc64: 'ppc64',
	riscv64: 'riscv64',
	s390x: 's390x',
};

function platformOf(name) {
	const tokens = name.split('/').pop().split(/[-_]/);
	const os = tokens.find((t) => OS.includes(t));
	const cpuToken = tokens.find((t) => t in CPU);
	if (!os || !cpuToken) return undefined;
	const entry = { cpu: [CPU[cpuToken]], os: [os] };
	if (os === 'linux') {
		if (tokens.some((t) => t.startsWith('musl'))) entry.libc = ['musl'];
		else if (tokens.some((t) => t.startsWith('gnu') || t === 'glibc')) entry.libc = ['glibc'];
	}
	return entry;
}

function resolves(packages, fromPath, dep) {
	// Node's lookup: <from>/node_modules/<dep>, then each ancestor's node_modules, then the root's.
	let base = fromPath;
	for (;;) {
		if (packages[`${base ? `${base}/` : ''}node_modules/${dep}`]) return true;
		if (!base) return false;
		const i = base.lastIndexOf('/node_modules/');
		base = i < 0 ? '' : base.slice(0, i);
	}
}

let failed = false;
for (const file of process.argv.slice(2)) {
	const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
	const added = new Map();
	for (const [path, entry] of Object.entries(lock.packages)) {
		for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
			if (resolves(lock.packages, path, dep) || added.has(`node_modules/${dep}`)) continue;
			const platform = platformOf(dep);
			if (!platform || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
				console.error(
					`${file}: ${dep}@${spec} (optional of ${path || 'root'}) is missing; not a pinned platform package, left alone`,
				);
				failed = true;
				continue;
			}
			added.set(`node_modules/${dep}`, { version: spec, ...platform, optional: true });
		}
	}
	if (added.size === 0) {
		console.log(`${file}: nothing to add`);
		continue;
	}
	const merged = Object.fromEntries(
		[...Object.entries(lock.packages), ...added].sort(([a], [b]) =>
			a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'),
		),
	);
	lock.packages = merged;
	fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
	console.log(
		`${file}: added ${added.size} entries: ${[...added.keys()].map((k) => k.slice(13)).join(', ')}`,
	);
}
process.exit(failed ? 1 : 0);
