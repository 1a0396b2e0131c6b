#!/usr/bin/env bash
# Provision test/e2e/registry: verdaccio (a local npm registry) from the npm registry, pinned by the committed
# lockfile, for the registry-install end-to-end test (test/e2e/registry-install.e2e.cts). It runs on the e2e host's
# Node 24 (verdaccio 6.10 wants Node 22+). Idempotent: a stamp in node_modules records the hash of package.json,
# package-lock.json and .npmrc; a warm run is a no-op. Cold: about 1 min, 60 MB.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/test/e2e/registry"
NM="$DIR/node_modules"
STAMP="$NM/.e2e-registry-provisioned"

want_stamp() {
	(cd "$DIR" && sha256sum package.json package-lock.json .npmrc) | sha256sum | cut -d' ' -f1
}
is_provisioned() {
	[ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(want_stamp)" ] && [ -f "$NM/verdaccio/bin/verdaccio" ]
}

if is_provisioned; then
	echo "ensure-registry: up to date (verdaccio $(node -p "require('$NM/verdaccio/package.json').version"))"
	exit 0
fi
LOCK="${TMPDIR:-/tmp}/n8n-e2e-registry-$(realpath -m "$NM" | sha256sum | cut -c1-16).lock"
exec 9>"$LOCK"
flock 9
if is_provisioned; then
	echo "ensure-registry: provisioned by a concurrent run"
	exit 0
fi
start=$SECONDS
cd "$DIR"
rm -f "$STAMP"
# No dependency of verdaccio needs an install script (.npmrc sets ignore-scripts too).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
want_stamp >"$STAMP"
echo "ensure-registry: installed verdaccio $(node -p "require('$NM/verdaccio/package.json').version") in $((SECONDS - start))s"
