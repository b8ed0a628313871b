#!/usr/bin/env bash
# Installs the repo's dev dependencies with Node 24 when node_modules is missing or package-lock.json changed
# since the last install (npm ci, or npm install --no-save where npm ci refuses the lockfile); otherwise does
# nothing (quietly).
#
# --ignore-scripts: a lint plugin's preinstall runs `npx only-allow pnpm`, and isolated-vm (via n8n-core) would
# compile for minutes; neither is needed for build, lint or tests.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/node24.sh
source "$repo_root/scripts/node24.sh"
cd "$repo_root"

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
	ci_log="$(mktemp)"
	if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error 2>"$ci_log"; then
		# The registry mirror here lacks some optional platform builds (e.g. @unrs/resolver-binding-android-*),
		# so the lockfile has no entries for them and `npm ci` refuses it as out of sync. `npm install
		# --no-save` installs the lockfile's versions all the same and leaves package-lock.json untouched.
		echo "dev-deps.sh: npm ci refused the lockfile ($(grep -m1 -o 'Missing: [^ ]*' "$ci_log" || echo 'see npm log')); using npm install --no-save" >&2
		npm install --ignore-scripts --no-save --no-audit --no-fund --loglevel=error >&2
	fi
	rm -f "$ci_log"
fi
echo "$lock_hash" >"$stamp"
