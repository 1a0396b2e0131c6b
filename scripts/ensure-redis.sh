#!/usr/bin/env bash
# Make `redis-server` available for the queue-mode e2e tests (Debian package; ~16 s when missing).
# The tests start their own instance on a free port (test/e2e/lib/n8n.cts startRedis); nothing runs as a service.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
	echo "ensure-redis: $(redis-server --version | cut -d' ' -f1-3)"
	exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "ensure-redis: need root or sudo to apt-get install redis-server" >&2; exit 1; }
	SUDO="sudo"
fi
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends redis-server >/dev/null
# Debian's postinst may try to start the service; without systemd it does not stay up. Tests never use it.
echo "ensure-redis: installed $(redis-server --version | cut -d' ' -f1-3) in $((SECONDS - start))s"
