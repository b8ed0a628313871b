# shellcheck shell=bash
# Source this file (`source scripts/n8n-env.sh`) from the repo root to run on Node 24 with the dev
# dependencies installed and the pinned real n8n ready: exports FAPIAO_N8N_HOME (its install folder).
# Shared by the demo, the end-to-end test and the bench; each piece installs itself on first use.

# shellcheck source=scripts/node24.sh
source scripts/node24.sh
bash scripts/dev-deps.sh
if [ -z "${FAPIAO_N8N_HOME:-}" ]; then
	FAPIAO_N8N_HOME="$(bash scripts/real-n8n.sh)"
fi
export FAPIAO_N8N_HOME
