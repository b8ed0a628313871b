#!/usr/bin/env bash
# Installs the repo's dev dependencies with Node 24 (`npm ci`) when node_modules is missing or package-lock.json
# changed since the last install; otherwise does nothing (quietly).
#
# No install scripts (.npmrc says so for every npm command; --ignore-scripts repeats it here): a lint plugin's
# preinstall runs `npx only-allow pnpm`, and isolated-vm (via n8n-core) would compile for minutes; neither is
# needed for build, lint or tests. `npm ci` refusing the lockfile means package-lock.json is out of step with
# package.json: run `npm install` and commit the lockfile it writes.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/node24.sh
source "$repo_root/scripts/node24.sh"
cd "$repo_root"

# Two scripts starting at once (a test run beside the e2e) must not run `npm ci` into one node_modules together.
exec 8>"$FAPIAO_CACHE/.dev-deps.lock"
flock 8

stamp="node_modules/.fapiao-lock-sha256"
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
reason=""
if [ ! -d node_modules ]; then
	reason="node_modules is missing"
elif [ -f "$stamp" ]; then
	[ "$(cat "$stamp")" = "$lock_hash" ] || reason="package-lock.json changed since the last install"
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	# Installed by hand before this script existed: npm's own record tells whether it is older than the lockfile.
	reason="package-lock.json is newer than node_modules"
fi

if [ -n "$reason" ]; then
	echo "dev-deps.sh: $reason; installing with Node $(node --version)" >&2
	if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2; then
		echo "dev-deps.sh: npm ci failed; if it says the lockfile is out of sync, run \`npm install\` and commit package-lock.json" >&2
		exit 1
	fi
fi
echo "$lock_hash" >"$stamp"
