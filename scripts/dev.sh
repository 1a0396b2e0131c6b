#!/usr/bin/env bash
# `npm run dev`: this package in a real n8n 2.41.1 (Node 24) on http://localhost:5678, with hot reload.
#
#   0. scripts/ensure-deps.sh: npm ci when node_modules is missing or out of date with package-lock.json
#   1. npm run build, then scripts/ensure-n8n-host.sh (first run installs n8n into test/e2e/host: ~5-7 min, ~3 GB)
#   2. .n8n-dev/package = package.json + a dist/ that `tsc --watch` (and an icon-copy loop) keep up to date;
#      it is symlinked as .n8n-dev/home/.n8n/nodes/node_modules/<package name>, so node types keep the real
#      package name and workflows stay portable to a registry install
#   3. exec n8n start with N8N_DEV_RELOAD=true: n8n reloads the package ~3 s after dist/ changes.
#      Create the owner in the browser on first visit (data persists in .n8n-dev/home).
#
# Why not symlink the repo root itself: n8n's hot reload watches the package's whole real path (ignoring only
# nested node_modules). For the repo root that is ~45k folders (node_modules + the 3 GB host) and, worse, it
# contains .n8n-dev/home: n8n's own SQLite writes then re-trigger "Hot reload" every ~1 s, forever.
#
# Environment: N8N_PORT (default 5678), N8N_RUNNERS_BROKER_PORT (default 5679), N8N_LOG_LEVEL and other N8N_*.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash "$ROOT/scripts/ensure-deps.sh"
HOST_BIN="$ROOT/test/e2e/host/node_modules/.bin"
PKG_NAME="$(node -p "require('./package.json').name")"
DEV_HOME="${N8N_DEV_HOME:-$ROOT/.n8n-dev/home}"
PORT="${N8N_PORT:-5678}"

echo "dev: building $PKG_NAME..."
npm run --silent build

bash "$ROOT/scripts/ensure-n8n-host.sh"

# The package view n8n loads and watches.
VIEW="$ROOT/.n8n-dev/package"
mkdir -p "$VIEW"
rm -rf "$VIEW/dist"
ln -sfn "$ROOT/package.json" "$VIEW/package.json"

LINK="$DEV_HOME/.n8n/nodes/node_modules/$PKG_NAME"
mkdir -p "$(dirname "$LINK")"
if [ -e "$LINK" ] && [ ! -L "$LINK" ]; then
	echo "dev: $LINK exists and is not a symlink; remove it first" >&2
	exit 1
fi
ln -sfn "$VIEW" "$LINK"

# Background rebuilds into the view: tsc --watch for code, a polling loop for icons (same files as gulp's
# build:assets, which only writes to ./dist).
WATCH_LOG="$ROOT/.n8n-dev/tsc-watch.log"
"$ROOT/node_modules/.bin/tsc" -p tsconfig.json --watch --preserveWatchOutput --outDir "$VIEW/dist" \
	--tsBuildInfoFile "$ROOT/.n8n-dev/tsc-watch.tsbuildinfo" >"$WATCH_LOG" 2>&1 &
TSC_PID=$!
copy_icons() {
	find icons nodes credentials -name '*.svg' 2>/dev/null | while read -r f; do
		if [ ! -e "$VIEW/dist/$f" ] || [ "$f" -nt "$VIEW/dist/$f" ]; then
			mkdir -p "$VIEW/dist/$(dirname "$f")" && cp -p "$f" "$VIEW/dist/$f"
		fi
	done
}
# Let tsc finish its first full emit before n8n loads dist/ (a half-written file = "Class could not be found").
for _ in $(seq 1 240); do
	grep -q "Watching for file changes" "$WATCH_LOG" 2>/dev/null && break
	kill -0 "$TSC_PID" 2>/dev/null || { cat "$WATCH_LOG" >&2; exit 1; }
	sleep 0.5
done
grep -q "Watching for file changes" "$WATCH_LOG" || { echo "dev: tsc --watch did not finish its first build" >&2; exit 1; }
copy_icons
( while sleep 2; do copy_icons; done ) &
ICONS_PID=$!
# exec drops our traps: a small watcher stops the background jobs once n8n (this PID after exec) exits.
(
	while kill -0 $$ 2>/dev/null; do sleep 2; done
	kill "$TSC_PID" "$ICONS_PID" 2>/dev/null || true
) &

export PATH="$HOST_BIN:$PATH"
export N8N_USER_FOLDER="$DEV_HOME"
export N8N_DEV_RELOAD=true
export N8N_PORT="$PORT"
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5679}"
export N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
export N8N_SECURE_COOKIE=false
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_DISABLED_MODULES="${N8N_DISABLED_MODULES:-mcp-registry}"
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
export DB_SQLITE_POOL_SIZE="${DB_SQLITE_POOL_SIZE:-10}"
unset NODE_ENV NODE_OPTIONS

echo "dev: n8n $(node -p "require('$ROOT/test/e2e/host/node_modules/n8n/package.json').version") on $(node --version), user folder ${DEV_HOME#"$ROOT"/}"
echo "dev: tsc --watch -> .n8n-dev/package/dist (log .n8n-dev/tsc-watch.log); n8n reloads changes in ~3 s"
echo "dev: open http://localhost:$PORT  (first visit: create the owner account)"
exec node "$ROOT/test/e2e/host/node_modules/n8n/bin/n8n" start
