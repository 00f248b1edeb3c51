#!/usr/bin/env bash
# The dashboard's accessibility checks run Deque's axe-core in the browser: fetched once from the npm registry into
# the build's own folder (nothing installed on the machine, nothing committed), at the version pinned here.
set -euo pipefail
version=4.10.3
target="$1/axe"
if [ -f "$target/node_modules/axe-core/axe.min.js" ] && grep -q "\"version\": \"$version\"" "$target/node_modules/axe-core/package.json"; then
  echo "[e2e] axe-core $version"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "[e2e] the dashboard's accessibility checks need npm (Node.js) to fetch axe-core $version" >&2
  exit 1
fi
mkdir -p "$target"
npm install --prefix "$target" --no-save --no-audit --no-fund --loglevel=error "axe-core@$version" >/dev/null
echo "[e2e] axe-core $version fetched"
