#!/usr/bin/env bash
# Make node_modules match package-lock.json, so `npm test` and `npm run dev` work on a fresh clone.
#
# Quick when nothing changed (~0.1 s): npm records what it installed in node_modules/.package-lock.json; when every
# package of package-lock.json is there at the locked version (platform-specific optionals for other systems aside)
# and nothing else is, there is nothing to do. Otherwise: `npm ci` (the project's .npmrc keeps ignore-scripts).
# Safe to run concurrently: a lock serialises installs into the same folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Prints why node_modules is out of date (nothing when it is up to date).
out_of_date() {
	node -e '(() => {
		const fs = require("fs");
		if (!fs.existsSync("node_modules/.package-lock.json")) return console.log("node_modules is missing");
		const locked = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages ?? {};
		const installed = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages ?? {};
		for (const [path, entry] of Object.entries(locked)) {
			if (path === "") continue;
			const have = installed[path];
			// Optional packages for another OS or CPU (e.g. @esbuild/darwin-arm64) are never installed here.
			if (!have && (entry.os || entry.cpu || entry.libc)) continue;
			if (!have) return console.log(`${path} is not installed`);
			if (have.version !== entry.version)
				return console.log(`${path} is ${have.version}, package-lock.json says ${entry.version}`);
		}
		for (const path of Object.keys(installed))
			if (!(path in locked)) return console.log(`${path} is installed but not in package-lock.json`);
	})()'
}

reason="$(out_of_date)"
[ -z "$reason" ] && exit 0

LOCK="${TMPDIR:-/tmp}/n8n-nodes-deps-$(printf '%s' "$ROOT" | sha256sum | cut -c1-16).lock"
exec 9>"$LOCK"
if ! flock -n 9; then
	echo "ensure-deps: another install into $ROOT/node_modules is running; waiting for it..."
	flock 9
	reason="$(out_of_date)"
	[ -z "$reason" ] && exit 0
fi

started=$SECONDS
echo "ensure-deps: $reason; running npm ci (a few minutes the first time)..."
npm ci --no-audit --no-fund --loglevel=error
reason="$(out_of_date)"
if [ -n "$reason" ]; then
	echo "ensure-deps: still out of date after npm ci: $reason" >&2
	exit 1
fi
echo "ensure-deps: installed in $((SECONDS - started)) s"
