#!/bin/sh
# run.sh FILE.mjs: run one headless-Chromium test against a fresh demo server.
#
# Installs the npm packages of package-lock.json into tests/browser/node_modules when they are
# missing or not the pinned versions (npm ci), builds a demo database in a temporary directory,
# starts `zwgk serve` on a free loopback port, waits for /healthz, runs
# `node FILE.mjs http://127.0.0.1:PORT`, stops the server (also on failure) and exits with
# node's status. ZWGK_BIN overrides the binary (default: build/zwgk of the repository);
# CHROMIUM overrides the browser (default: /usr/bin/chromium, Debian's package).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${ZWGK_BIN:-$root/build/zwgk}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

if [ $# -ne 1 ]; then
    echo "usage: sh tests/browser/run.sh FILE.mjs" >&2
    exit 2
fi
case $1 in /*) test_file=$1 ;; *) test_file=$(pwd)/$1 ;; esac
if [ ! -f "$test_file" ]; then
    echo "run.sh: no such test: $1" >&2
    exit 2
fi
if [ ! -x "$bin" ]; then
    echo "run.sh: $bin is missing; run 'make build/zwgk' first" >&2
    exit 2
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "run.sh: ${CHROMIUM:-/usr/bin/chromium} is missing; install Debian's chromium (tools/deps.sh)" >&2
    exit 2
fi
command -v node >/dev/null 2>&1 || { echo "run.sh: node is missing (tools/deps.sh)" >&2; exit 2; }

# npm packages: only when a pinned package is missing or at another version.
installed_ok() {
    (cd "$here" && node -e '
        const fs = require("fs");
        const want = JSON.parse(fs.readFileSync("package.json", "utf8")).devDependencies;
        for (const [name, version] of Object.entries(want)) {
            let got;
            try { got = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8")).version; }
            catch { process.exit(1); }
            if (got !== version) process.exit(1);
        }' 2>/dev/null)
}
if ! installed_ok; then
    echo "run.sh: installing npm packages into tests/browser/node_modules"
    (cd "$here" && npm ci --no-audit --no-fund) || { echo "run.sh: npm ci failed" >&2; exit 2; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zwgk-browser.XXXXXX") || exit 2
pid=""
cleanup() {
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        pid=""
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! "$bin" init --db "$tmp/zwgk.db" --demo >"$tmp/init.log" 2>&1; then
    echo "run.sh: zwgk init --demo failed:" >&2
    cat "$tmp/init.log" >&2
    exit 2
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base=http://127.0.0.1:$port

"$bin" serve --db "$tmp/zwgk.db" --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
pid=$!

# Wait up to 10 s for GET /healthz == 200.
if ! python3 - "$base/healthz" "$pid" <<'EOF'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            if r.status == 200:
                sys.exit(0)
    except Exception:
        pass
    time.sleep(0.1)
sys.exit(1)
EOF
then
    echo "run.sh: the server did not answer $base/healthz with 200; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 2
fi

node "$test_file" "$base"
rc=$?
if [ $rc -ne 0 ]; then
    echo "run.sh: $(basename "$test_file") exited $rc; the last lines of the server log:" >&2
    tail -n 40 "$tmp/server.log" >&2
fi
exit $rc
