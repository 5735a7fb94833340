#!/usr/bin/env bash
# Installs the Debian packages the app or its tests need, when they are missing.
#   scripts/system-deps.sh run    WeasyPrint's libraries, CJK fonts, gettext
#   scripts/system-deps.sh test   the above plus PostgreSQL, Redis and Chromium
# As root it installs; otherwise it stops and prints the exact command to run.
set -euo pipefail
mode="${1:-run}"
pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext)
if [ "$mode" = test ]; then
  pkgs+=(postgresql redis-server chromium poppler-utils)
fi
# Debian's own python3 creates virtual environments only with python3-venv installed.
if ! "${PYTHON:-python3}" -c "import ensurepip, venv" >/dev/null 2>&1; then
  pkgs+=(python3-venv)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
