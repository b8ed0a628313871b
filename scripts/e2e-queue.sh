#!/usr/bin/env bash
# Queue mode, for real: `bash scripts/e2e-queue.sh [--no-build] [--keep]`. n8n 2.41 with Redis and PostgreSQL
# (Debian's redis-server and postgresql, installed here when missing and started by the test on loopback with
# throwaway data folders), one main and two `n8n worker` processes, 6 webhook calls × 20 files against one
# fake vendor account capped at 10/s. See test/e2e/queue-mode/run.js. Ends by itself (8 min at most).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

pg_installed() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null || ! pg_installed || ! command -v psql >/dev/null; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "e2e-queue.sh: needs Debian's redis-server and postgresql (apt-get install redis-server postgresql)" >&2
		exit 1
	fi
	echo "e2e-queue.sh: installing redis-server and postgresql (apt-get, once per machine)" >&2
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server redis-tools postgresql postgresql-client >&2
fi

# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh
exec timeout --kill-after=30 540 node test/e2e/queue-mode/run.js "$@"
