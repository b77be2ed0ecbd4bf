#!/usr/bin/env bash
# The mirror rows side by side for one change: `ftplite mirror -j 8` and Sync-FtpLiteDirectory -ThrottleLimit 8 built
# from a git ref ("before") and from the work tree ("after"), beside `lftp mirror --parallel=8`, against one vsftpd, in
# one run, the order rotated every repetition. The tree is run.sh's: 50 folders of 20 files of 4 KiB. Needs root (vsftpd's
# system account, as run.sh); run it under the same lock: flock /tmp/ftplite-bench.lock bash bench/mirror-ab.sh REF.
# Usage: bash bench/mirror-ab.sh REF [--after REF2] [--reps N]   (--after: build "after" from REF2, not the work tree, so
#        the work tree may change during the run)
#        bash bench/mirror-ab.sh --hold SECONDS   (just vsftpd with the tree, its port in /tmp/ftplite-mirror-hold.port)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REF=""; AFTER=""; REPS=5; HOLD=""
while [ $# -gt 0 ]; do
    case $1 in --reps) REPS=$2; shift ;; --hold) HOLD=$2; shift ;; --after) AFTER=$2; shift ;; -*) exit 2 ;; *) REF=$1 ;; esac
    shift
done
[ -n "$REF$HOLD" ] || { echo "usage: bash bench/mirror-ab.sh REF [--reps N] | --hold SECONDS" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "mirror-ab.sh runs as root (vsftpd's password account is a system account)" >&2; exit 1; }
QUICK=0; TREE_FOLDERS=50; TREE_FILES=20; PIN=""
WORK=$(mktemp -d /dev/shm/ftplite-mirror-ab.XXXXXX); chmod 755 "$WORK"
source "$BENCH_DIR/lib/common.sh"; source "$BENCH_DIR/lib/servers.sh"; source "$BENCH_DIR/lib/workloads.sh"
trap 'stop_all; drop_system_account; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
PEERS=$(bash "$BENCH_DIR/peers/fetch.sh")
REPO="$(cd "$BENCH_DIR/.." && pwd)"
AFTER_ROOT=$REPO

build() { # SOURCE_ROOT: ftplite published as run.sh runs it (into SOURCE_ROOT/cli-pub), the module (into
    # SOURCE_ROOT/out/FtpLite) and the bench driver, Release
    local p
    dotnet publish -c Release "$1/src/FtpLite.Cli" -o "$1/cli-pub" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    for p in src/FtpLite.PowerShell bench/FtpLite.Bench; do
        dotnet build -c Release "$1/$p" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    done
}
if [ -z "$HOLD" ]; then
    log "building after (${AFTER:-work tree}) and before ($REF)"
    if [ -n "$AFTER" ]; then
        AFTER_ROOT="$WORK/after-src"; mkdir -p "$AFTER_ROOT"; git -C "$REPO" archive "$AFTER" | tar -x -C "$AFTER_ROOT"
    fi
    build "$AFTER_ROOT"
    mkdir -p "$WORK/before-src"; git -C "$REPO" archive "$REF" | tar -x -C "$WORK/before-src"
    build "$WORK/before-src"
fi

mkdir -p "$WORK/data/small" "$WORK/state" "$WORK/dl"
: >"$WORK/data/big.bin"; : >"$WORK/data/f1m.bin"; : >"$WORK/data/tls.bin" # make_root links these
head -c 4096 /dev/urandom >"$WORK/data/small/f1.bin"
for d in $(seq -w 1 "$TREE_FOLDERS"); do
    mkdir -p "$WORK/data/tree/d$d"
    for f in $(seq -w 1 "$TREE_FILES"); do head -c 4096 /dev/urandom >"$WORK/data/tree/d$d/f$f.bin"; done
done
chmod -R a+rX "$WORK/data"
make_system_account
start_server vsftpd 0
# Every client logs in the same way (m_mirror's key): anonymously, the cmdlets' and ftplite's default.
alias_vsftpd_anonymous

if [ -n "$HOLD" ]; then
    echo "${SRV_PORT[vsftpd]} ${SRV_ROOT[vsftpd]}" >/tmp/ftplite-mirror-hold.port
    log "vsftpd on ${SRV_PORT[vsftpd]}, root ${SRV_ROOT[vsftpd]}; holding ${HOLD}s"
    sleep "$HOLD"
    rm -f /tmp/ftplite-mirror-hold.port
    exit 0
fi

# One mirror with build SIDE's CLI or cmdlets: files/s. (m_mirror's cells, with the build chosen per cell.)
one() { # DIRECTION CLIENT(before-cli|after-cli|before-cmdlets|after-cmdlets|after-cmdlets-warm|lftp)
    local side=${2%%-*} kind=${2#*-} root=$AFTER_ROOT
    [ "$side" = before ] && root="$WORK/before-src"
    if [ "$2" = lftp ]; then m_mirror "$1" lftp vsftpd-anon; return; fi
    FTPLITE_CLI="$root/cli-pub/FtpLite.Cli" BENCH_BIN="$root/bench/FtpLite.Bench/bin/Release/net10.0" \
        MODULE_DIR="$root/out/FtpLite" m_mirror "$1" "$([ "$kind" = cli ] && echo ftplite-cli || echo "$kind")" vsftpd-anon
}
RESULTS="$WORK/mirror-ab.csv"; : >"$RESULTS"
SUBJECTS=(before-cli after-cli before-cmdlets after-cmdlets lftp)
for ((rep = 0; rep < REPS; rep++)); do
    for dir in down up; do
        n=${#SUBJECTS[@]}
        for ((i = 0; i < n; i++)); do
            s=${SUBJECTS[$(((i + rep) % n))]}
            v=$(settle; one "$dir" "$s" || true)
            echo "mirror_$dir,$s,$v" >>"$RESULTS"
        done
    done
    log "rep $rep: $(grep -c . "$RESULTS") cells"
done
[ -s "$WORK/errors.log" ] && { echo "errors:"; tail -20 "$WORK/errors.log"; }
mkdir -p "$BENCH_DIR/results"; cp "$RESULTS" "$BENCH_DIR/results/mirror-ab-$(date +%Y-%m-%d-%H%M).csv"
/usr/bin/python3 - "$RESULTS" <<'PY'
import csv, statistics, sys
from collections import defaultdict
cells = defaultdict(list)
for row, subject, v in csv.reader(open(sys.argv[1])):
    if v: cells[(row, subject)].append(float(v))
print("| row | subject | files/s (median) | n | ÷ lftp | after ÷ before |")
print("|---|---|---|---|---|---|")
for r in sorted({r for r, _ in cells}):
    med = {s: statistics.median(v) for (rr, s), v in cells.items() if rr == r}
    lftp = med.get("lftp")
    for s in ["before-cli", "after-cli", "before-cmdlets", "after-cmdlets", "lftp"]:
        if s not in med: continue
        kind = s.split("-", 1)[-1]
        ab = f"{med[s] / med['before-' + kind]:.2f}" if s.startswith("after") and ("before-" + kind) in med else ""
        print(f"| {r} | {s} | {med[s]:.1f} | {len(cells[(r, s)])} | {med[s] / lftp:.2f} | {ab} |" if lftp else f"| {r} | {s} | {med[s]:.1f} | | |")
PY
