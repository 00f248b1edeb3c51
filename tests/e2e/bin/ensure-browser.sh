#!/usr/bin/env bash
# The dashboard's browser tests drive Debian's headless Chromium through its chromedriver, with a Japanese font so
# screenshots show the plan's Japanese. Installs them when missing (as root, through apt-get), else says what to do.
set -euo pipefail
packages=(chromium chromium-driver fonts-ipafont-gothic)
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list 2>/dev/null | grep -qi "ipa\|noto sans cjk"; then
  echo "[e2e] browser: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "[e2e] the dashboard tests need: ${packages[*]} — install them (sudo apt-get install ${packages[*]}) and run again" >&2
  exit 1
fi
echo "[e2e] installing ${packages[*]} for the dashboard's browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "[e2e] browser: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
