#!/usr/bin/env bash
# The README's test command (`npm test`): unit and engine tests with jest on Node 24.
# Works from a fresh clone on the stock Node 20: brings Node 24 and the dev dependencies first.
# Extra arguments go to jest, e.g. `npm test -- test/engine/credentials.test.ts`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh
bash scripts/dev-deps.sh
exec node node_modules/jest/bin/jest.js --config test/jest.config.js "$@"
