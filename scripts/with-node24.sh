#!/usr/bin/env bash
# Runs a command on Node 24: `bash scripts/with-node24.sh node test/fakes/cli.js`.
set -euo pipefail
# shellcheck source=scripts/node24.sh
source "$(dirname "${BASH_SOURCE[0]}")/node24.sh"
if [ "$#" -eq 0 ]; then
	echo "usage: scripts/with-node24.sh COMMAND [ARGS...]" >&2
	exit 2
fi
exec "$@"
