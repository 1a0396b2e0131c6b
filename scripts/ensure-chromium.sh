#!/usr/bin/env bash
# Make Debian's Chromium available at /usr/bin/chromium for the browser e2e suite (test/e2e/browser.e2e.cts).
# playwright-core drives it (executablePath /usr/bin/chromium); no browser is ever downloaded from elsewhere.
# A no-op when it is installed; about 1-2 min the first time (apt-get update + the chromium package).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
	echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium present')"
	exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "ensure-chromium: need root or sudo to apt-get install chromium" >&2; exit 1; }
	SUDO="sudo"
fi
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium still missing after apt-get install" >&2; exit 1; }
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null) in $((SECONDS - start))s"
