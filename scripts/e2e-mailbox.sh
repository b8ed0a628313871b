#!/usr/bin/env bash
# The mailbox end-to-end test: a real IMAP server (Debian's Dovecot on loopback) → n8n's Email Trigger (IMAP) in a
# real n8n → Invoice OCR → routing. `bash scripts/e2e-mailbox.sh [--no-build] [--keep]`; see test/e2e/mailbox/run.js.
# Works from a fresh clone on the stock Node 20: brings Node 24, the dev dependencies, the pinned n8n (as
# scripts/e2e.sh does) and Debian's dovecot-imapd (apt-get, once per machine; its system service is not started).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [ ! -x /usr/sbin/dovecot ]; then
	echo "e2e-mailbox.sh: installing Debian's dovecot-imapd" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	# The package's own service must not start (the test runs its own Dovecot): policy-rc.d answers "denied".
	policy=/usr/sbin/policy-rc.d
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
		$sudo chmod 755 "$policy"
		trap '$sudo rm -f "$policy"' EXIT
	fi
	# Debian's package lists may be missing or stale on a fresh machine.
	if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends dovecot-imapd >&2; then
		$sudo apt-get update -q >&2
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends dovecot-imapd >&2
	fi
	# (exec below would skip an EXIT trap, so the policy file goes now.)
	if [ -n "$(trap -p EXIT)" ]; then
		$sudo rm -f "$policy"
		trap - EXIT
	fi
fi

# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh
exec node test/e2e/mailbox/run.js "$@"
