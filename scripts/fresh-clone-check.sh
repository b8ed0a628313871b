#!/usr/bin/env bash
# The README's quick start as a new user meets it: a fresh clone, an empty home directory (so no project cache:
# no Node 24, no node_modules, no n8n), the machine's stock Node, and exactly the README's two commands.
# Only npm's own download cache is shared (the n8n tarballs come from there instead of the registry again).
#
#   bash scripts/fresh-clone-check.sh            # clones this repository's HEAD
#
# Run by .ci/run with the PATH it started with (stock Node 20). Fails when either command fails.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/fapiao-fresh-clone.XXXXXX)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

git clone --quiet --no-local "$repo_root" "$work/repo"
mkdir -p "$work/home"
# npm's own cache as the stock npm sees it (not the project's cache, which lives under the home directory).
npm_cache="$(cd / && npm config get cache 2>/dev/null || echo "$HOME/.npm")"

run_as_new_user() {
	local started=$SECONDS
	echo "fresh-clone-check.sh: \$ $1   (in a fresh clone, HOME=$work/home, $(node --version))"
	if ! (cd "$work/repo" && env -i HOME="$work/home" PATH="$PATH" TERM=dumb LANG=C.UTF-8 \
		npm_config_cache="$npm_cache" bash -c "$1"); then
		echo "fresh-clone-check.sh: '$1' FAILED after $((SECONDS - started)) s" >&2
		return 1
	fi
	echo "fresh-clone-check.sh: '$1' passed in $((SECONDS - started)) s"
}

run_as_new_user 'npm run demo'
run_as_new_user 'npm test'
