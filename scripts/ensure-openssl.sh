#!/usr/bin/env bash
# Make the `openssl` command available for the registry-install e2e test, which makes a throw-away CA and a
# certificate for its registry.npmjs.org stand-in (Debian package; most Debian systems have it already).
set -euo pipefail

if command -v openssl >/dev/null 2>&1; then
	echo "ensure-openssl: $(openssl version)"
	exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "ensure-openssl: need root or sudo to apt-get install openssl" >&2; exit 1; }
	SUDO="sudo"
fi
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends openssl >/dev/null
echo "ensure-openssl: installed $(openssl version) in $((SECONDS - start))s"
