#!/usr/bin/env bash
# End-to-end test in a real n8n: `bash scripts/e2e.sh [--only REGEX] [--no-build] [--no-browser] [--keep] [--list]`.
# Works from a fresh clone on the stock Node 20: brings Node 24, the dev dependencies, the pinned n8n (cached
# outside the repo, ~3.5 min once) and Debian's chromium (apt-get, once per machine). See test/e2e/run.js.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh
exec node test/e2e/run.js "$@"
