#!/usr/bin/env bash
# Throughput, CPU and memory of Invoice OCR against the vendor fakes, compared with n8n's HTTP Request node:
#   bash scripts/bench.sh [--quick] [--only adaptive,sharing,throughput,cpu,memory,local,pdf,qr,images,signatures]
# Prints the figures of this run and writes the throughput ones to test/bench/last-run.md (full runs only); then the
# reading benches (local files, PDF against pdf.js, QR against jsQR, image decoding, signature checks).
# The HTTP Request node comes from the pinned real n8n the e2e test uses (installed once, ~3.5 min, outside the repo).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh
exec node test/bench/bench.js "$@"
