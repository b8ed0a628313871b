#!/usr/bin/env bash
# The demo: the package in a real n8n against the bundled vendor fakes, examples/invoice-ocr-demo.workflow.json
# run once per vendor, the normalized invoices printed readably.
#   bash scripts/demo.sh [--vendor juhe] [--json] [--no-build] [--serve]
# --serve keeps n8n running afterwards (with the workflows and credentials imported) for a look in the editor; it
# prints the URL and the login, and Ctrl-C (or SIGTERM) stops n8n and removes its temporary folder.
# Works from a fresh clone on the stock Node 20 (Node 24, dev dependencies and n8n are installed on first use).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh
exec node test/e2e/demo.js "$@"
