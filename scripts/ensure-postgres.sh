#!/usr/bin/env bash
# Make PostgreSQL's server binaries (initdb, pg_ctl, postgres, psql) available for the queue-mode e2e suite
# (Debian's `postgresql` package; ~40 s when missing). Prints the folder that holds them.
# The suite never uses the system cluster: it makes a throwaway cluster in its own temporary folder, on 127.0.0.1 and
# a free port, and stops it afterwards (test/e2e/lib/cluster.cts startPostgres). Debian's postinst may create and
# start a "main" cluster; nothing here touches it.
set -euo pipefail

bindir() {
	# Debian keeps the server binaries out of PATH, one folder per major version; take the newest.
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ]; then
		echo "$dir"
	fi
}

found=$(bindir)
if [ -n "$found" ]; then
	echo "ensure-postgres: $("$found/postgres" --version) in $found"
	exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "ensure-postgres: need root or sudo to apt-get install postgresql" >&2; exit 1; }
	SUDO="sudo"
fi
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
# Other jobs on the machine may hold the dpkg lock: wait for it instead of failing.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null
found=$(bindir)
if [ -z "$found" ]; then
	echo "ensure-postgres: postgresql installed, but no /usr/lib/postgresql/<version>/bin/initdb" >&2
	exit 1
fi
echo "ensure-postgres: installed $("$found/postgres" --version) in $((SECONDS - start))s ($found)"
