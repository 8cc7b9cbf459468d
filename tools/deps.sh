#!/bin/sh
# deps.sh: install the Debian packages zwgk needs to build, test and benchmark.
# Idempotent: does nothing when every package is present.  Run as root (or via sudo).
set -e
PKGS="build-essential pkg-config sqlite3 libsqlite3-dev libmicrohttpd-dev libsodium-dev
libmd4c-dev libmd4c-html0-dev libcurl4-openssl-dev libxlsxwriter-dev curl clang python3"
# Browser tests and page benchmarks; skipped with ZWGK_MINIMAL=1.
if [ "${ZWGK_MINIMAL:-0}" != 1 ]; then
    PKGS="$PKGS chromium fonts-noto-cjk nginx-light wrk"
    # Node.js may come from elsewhere (with its own npm); ask Debian only when absent.
    command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
    command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq $missing
