#!/usr/bin/env bash
# Installs the pinned real n8n used by the end-to-end test and the demo, outside the repo, and prints its folder.
#
#   N8N_HOME="$(bash scripts/real-n8n.sh)"   # → $FAPIAO_CACHE/n8n/<sha256 of test/e2e/n8n/package-lock.json>
#
# The install (~2.7 GB, ~3.5 min) is reused while the committed lockfile is unchanged. A `.complete` stamp is written
# only after n8n starts on this Node, so an interrupted install is redone from scratch on the next run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/node24.sh
source "$repo_root/scripts/node24.sh"

manifest_dir="$repo_root/test/e2e/n8n"
lock_hash="$(sha256sum "$manifest_dir/package-lock.json" | cut -d' ' -f1)"
installs_dir="$FAPIAO_CACHE/n8n"
install_dir="$installs_dir/$lock_hash"

if [ -f "$install_dir/.complete" ]; then
	echo "$install_dir"
	exit 0
fi

mkdir -p "$installs_dir"
# Two runs starting at once (e2e and demo) must not install into the same folder together.
exec 9>"$installs_dir/.install.lock"
flock 9
if [ -f "$install_dir/.complete" ]; then
	echo "$install_dir"
	exit 0
fi

started=$SECONDS
echo "real-n8n.sh: installing n8n into $install_dir (a few minutes, once per lockfile)" >&2
rm -rf "$install_dir"
mkdir -p "$install_dir"
cp "$manifest_dir/package.json" "$manifest_dir/package-lock.json" "$install_dir/"
cd "$install_dir"
# --ignore-scripts: one transitive Kafka client's install script downloads a binary from outside and fails.
# `npm ci` is not usable: it rejects this lockfile because optional darwin/arm builds are absent from the mirror.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
# sqlite3 is the one native addon n8n needs here; it builds from bundled source against Node 24 (~80 s).
# --ignore-scripts=false: building *is* its install script, whatever a user or project npmrc says.
npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts=false --loglevel=error >&2
if ! node -e "require('$install_dir/node_modules/sqlite3')" >&2; then
	echo "real-n8n.sh: sqlite3 did not build for Node $(node --version); see npm's output above" >&2
	exit 1
fi

version="$(node "$install_dir/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1)"
echo "real-n8n.sh: n8n $version installed in $((SECONDS - started)) s" >&2
touch "$install_dir/.complete"

# Installs for older lockfiles are 2.7 GB each; keep only the current one.
for other in "$installs_dir"/*/; do
	other="${other%/}"
	[ "$other" = "$install_dir" ] || rm -rf "$other"
done
echo "$install_dir"
