#!/usr/bin/env bash
# FtpLite against vsftpd, pure-ftpd, ProFTPD and pyftpdlib on loopback, and FtpLite's client against curl, lftp and
# ncftp. Every workload runs against every server in turn, round-robin per repetition (the order rotates), so drift on
# a busy machine hits all alike; the report gives medians and FtpLite's ratio to the best peer. See bench/README.md.
# Usage: bash bench/run.sh [--quick] [--reps N] [--only LIST] [--cores LIST]   (LIST: comma-separated groups, see
# GROUPS below; --cores 1,2: the server rows once per entry, every server pinned with taskset to that many cores)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
QUICK=0
REPS=5
ONLY=""
CORES=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) QUICK=1; REPS=1 ;;
        --reps) REPS=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --cores) CORES=$2; shift ;;
        *) echo "usage: bash bench/run.sh [--quick] [--reps N] [--only GROUPS] [--cores N,N]" >&2; exit 2 ;;
    esac
    shift
done
if [ "$QUICK" = 1 ]; then
    BIG_MIB=64; TLS_MIB=32; SMALL_FILES=100; TREE_FOLDERS=10; TREE_FILES=10; SWARM_CLIENTS=20; LOGIN_COUNT=200; IDLE_SESSIONS=100; IDLE_BIG=1000; IPERF_SECONDS=2; IDLE_REPS=1
else
    BIG_MIB=1024; TLS_MIB=256; SMALL_FILES=1000; TREE_FOLDERS=50; TREE_FILES=20; SWARM_CLIENTS=100; LOGIN_COUNT=200; IDLE_SESSIONS=1000; IDLE_BIG=10000; IPERF_SECONDS=5; IDLE_REPS=3
fi
GROUPS_ALL="loopback,retr,stor,small,swarm,login,idle,ftps,verify,client,mirror"
ONLY=${ONLY:-$GROUPS_ALL}
want() { [[ ",$ONLY," == *",$1,"* ]]; }
SERVERS=(ftplite vsftpd pure-ftpd proftpd pyftpdlib)
CLIENTS=(ftplite cmdlets curl lftp ncftp)

# Scratch on tmpfs where there is room (a 1 GiB file and its uploads): the small-file rows then measure the servers,
# not this disk's metadata writes. BENCH_TMP overrides.
BENCH_TMP=${BENCH_TMP:-$( [ -d /dev/shm ] && [ "$(df -Pm /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((4 * 1024)) ] && echo /dev/shm || echo /tmp )}
WORK=$(mktemp -d "$BENCH_TMP/ftplite-bench.XXXXXX")
chmod 755 "$WORK"
source "$BENCH_DIR/lib/common.sh"
source "$BENCH_DIR/lib/servers.sh"
source "$BENCH_DIR/lib/workloads.sh"
cleanup() { stop_all; drop_system_account; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"; } # BENCH_KEEP=1: keep the scratch
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { echo "run.sh runs as root (vsftpd's password account is a system account)" >&2; exit 1; }
for tool in curl lftp openssl dotnet ss taskset useradd; do command -v "$tool" >/dev/null || { echo "run.sh needs $tool" >&2; exit 1; }; done
/usr/bin/python3 -c 'import pyftpdlib' 2>/dev/null || { echo "run.sh needs python3-pyftpdlib (apt-get install python3-pyftpdlib)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"

log "fetching peers"
PEERS=$(bash "$BENCH_DIR/peers/fetch.sh")
log "building FtpLite.Bench (Release)"
dotnet build -c Release "$BENCH_DIR/FtpLite.Bench" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
BENCH_BIN="$BENCH_DIR/FtpLite.Bench/bin/Release/net10.0"
# ftplite as users should run it (README): \`dotnet publish\`, a Native AOT executable for this machine.
log "publishing ftplite (Release, Native AOT): FtpLite's server is \`ftplite serve\`, the CLI rows run it too"
dotnet publish -c Release "$BENCH_DIR/../src/FtpLite.Cli" -o "$WORK/cli" -v q -nologo >"$WORK/build-cli.log" 2>&1 || { cat "$WORK/build-cli.log"; exit 1; }
FTPLITE_CLI="$WORK/cli/FtpLite.Cli"
if want client; then
    log "building the module (Release) into out/FtpLite"
    dotnet build -c Release "$BENCH_DIR/../src/FtpLite.PowerShell" -v q -nologo >"$WORK/build-module.log" 2>&1 || { cat "$WORK/build-module.log"; exit 1; }
fi
MODULE_DIR="$(cd "$BENCH_DIR/.." && pwd)/out/FtpLite"
if want mirror && ! want client; then
    dotnet build -c Release "$BENCH_DIR/../src/FtpLite.PowerShell" -v q -nologo >"$WORK/build-module.log" 2>&1 || { cat "$WORK/build-module.log"; exit 1; }
fi

log "making data: ${BIG_MIB} MiB file, $SMALL_FILES files of 4 KiB, 1 MiB file"
mkdir -p "$WORK/data/small" "$WORK/state" "$WORK/dl"
head -c "$((BIG_MIB * 1048576))" /dev/urandom >"$WORK/data/big.bin"
head -c 1048576 /dev/urandom >"$WORK/data/f1m.bin"
head -c "$((TLS_MIB * 1048576))" "$WORK/data/big.bin" >"$WORK/data/tls.bin"
for i in $(seq -w 1 "$SMALL_FILES"); do head -c 4096 /dev/urandom >"$WORK/data/small/f$i.bin"; done
# The mirror rows' tree: TREE_FOLDERS folders of TREE_FILES files of 4 KiB (50 x 20 = 1,000).
for d in $(seq -w 1 "$TREE_FOLDERS"); do
    mkdir -p "$WORK/data/tree/d$d"
    for f in $(seq -w 1 "$TREE_FILES"); do head -c 4096 /dev/urandom >"$WORK/data/tree/d$d/f$f.bin"; done
done
chmod -R a+rX "$WORK/data/tree"
chmod 644 "$WORK/data/big.bin" "$WORK/data/f1m.bin" "$WORK/data/tls.bin" "$WORK/data/small/"*
cat "$WORK/data/big.bin" >/dev/null # Into the page cache.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 -subj /CN=127.0.0.1 2>/dev/null
chmod 644 "$WORK/key.pem"
CERT="$WORK/cert.pem"; KEY="$WORK/key.pem"

make_system_account
# Every server at once, each pinned to the first N cores when N is given (PIN prefixes their commands).
start_servers() { # [CORES]
    PIN=""
    [ -n "${1:-}" ] && PIN="taskset -c 0-$(($1 - 1))"
    local s
    for s in "${SERVERS[@]}"; do
        start_server "$s" 0
        want ftps && start_server "$s" 1
    done
    # The client rows compare clients, all logging in to vsftpd the same way: anonymously (the cmdlets' default).
    alias_vsftpd_anonymous
}

# Written as it goes, outside the scratch folder, so an interrupted run keeps what it measured.
mkdir -p "$BENCH_DIR/results"
suffix=""; [ "$QUICK" = 1 ] && suffix="-quick"
RESULTS="$BENCH_DIR/results/$(date +%Y-%m-%d-%H%M)$suffix.csv"
echo "row,subject,rep,value" >"$RESULTS"
record() { # ROW SUBJECT REP VALUE
    local value=${4:-}
    [ -z "$value" ] && { value=FAIL; log "  $1 $2: FAILED (see errors below)"; }
    echo "$1,$2,$3,$value" >>"$RESULTS"
    log "  $1 $2 = $value"
}
rotated() { # REP, items...: the items, starting at position REP
    local rep=$1; shift; local items=("$@") n=$# i
    for ((i = 0; i < n; i++)); do echo "${items[$(((i + rep) % n))]}"; done
}

# The server rows of one repetition; row names end in SFX ("@1c" when the servers are pinned to one core).
server_rows() { # REP
    local rep=$1 s n secs fails kib ms held order
    order=($(rotated "$rep" "${SERVERS[@]}"))
    want loopback && [ -z "$SFX" ] && record loopback iperf3 "$rep" "$(w_loopback || true)"
    if want retr; then for s in "${order[@]}"; do record "retr$SFX" "$s" "$rep" "$(w_retr "$s" || true)"; done; fi
    if want stor; then for s in "${order[@]}"; do record "stor$SFX" "$s" "$rep" "$(w_stor "$s" || true)"; done; fi
    if want small; then
        for n in 1 8; do
            for s in "${order[@]}"; do record "small_down_$n$SFX" "$s" "$rep" "$(settle; w_small_down "$s" "$n" || true)"; done
            for s in "${order[@]}"; do record "small_up_$n$SFX" "$s" "$rep" "$(settle; w_small_up "$s" "$n" || true)"; done
        done
        for s in "${order[@]}"; do record "ftplib_up$SFX" "$s" "$rep" "$(settle; w_ftplib_up "$s" || true)"; done
        for s in "${order[@]}"; do record "ftplib_down$SFX" "$s" "$rep" "$(settle; w_ftplib_down "$s" || true)"; done
    fi
    if want swarm; then
        for s in "${order[@]}"; do
            read -r secs fails <<<"$(settle; w_swarm "$s" || true)"
            record "swarm$SFX" "$s" "$rep" "${secs:-}"; record "swarm_failures$SFX" "$s" "$rep" "${fails:-}"
        done
    fi
    if want login; then
        for s in "${order[@]}"; do record "login$SFX" "$s" "$rep" "$(w_login "$s" || true)"; done
        for s in "${order[@]}"; do [ "${SRV_ANON[$s]}" = 1 ] && record "login_anon$SFX" "$s" "$rep" "$(w_login_anon "$s" || true)"; done
    fi
    if want idle && [ "$rep" -le "$IDLE_REPS" ]; then
        for s in "${order[@]}"; do
            read -r kib ms held <<<"$(w_idle "$s" "$IDLE_SESSIONS" || true)"
            record "idle_kib$SFX" "$s" "$rep" "${kib:-}"; record "idle_login$SFX" "$s" "$rep" "${ms:-}"; record "idle_held$SFX" "$s" "$rep" "${held:-}"
        done
        if [ "$rep" = 1 ] && [ -z "$SFX" ]; then
            read -r kib ms held <<<"$(w_idle ftplite "$IDLE_BIG" || true)"
            record idle_big_kib ftplite "$rep" "${kib:-}"; record idle_big_login ftplite "$rep" "${ms:-}"; record idle_big_held ftplite "$rep" "${held:-}"
        fi
    fi
    if want ftps; then
        for s in "${order[@]}"; do record "ftps_retr_curl$SFX" "$s" "$rep" "$(w_ftps_retr_curl "$s-tls" || true)"; done
        for s in "${order[@]}"; do record "ftps_stor_curl$SFX" "$s" "$rep" "$(w_ftps_stor_curl "$s-tls" || true)"; done
        for s in "${order[@]}"; do record "ftps_retr_lftp$SFX" "$s" "$rep" "$(w_ftps_retr_lftp "$s-tls" || true)"; done
        for s in "${order[@]}"; do record "ftps_stor_lftp$SFX" "$s" "$rep" "$(w_ftps_stor_lftp "$s-tls" || true)"; done
    fi
}

# The unpinned pass with every group first, then the pinned passes (server rows only): a run cut short keeps the main table.
start_servers
SFX=""
for rep in $(seq 1 "$REPS"); do
    log "repetition $rep of $REPS"
    server_rows "$rep"
    if want verify; then
        for v in hash none; do record verify_down "$v" "$rep" "$(v_down "$v" ftplite || true)"; done
        for v in hash none; do record verify_up "$v" "$rep" "$(v_up "$v" ftplite || true)"; done
    fi
    if want client; then
        corder=($(rotated "$rep" "${CLIENTS[@]}"))
        for c in "${corder[@]}" ftplite-noprogress ftplite-cli; do record client_down "$c" "$rep" "$(c_down "$c" vsftpd-anon || true)"; done
        for c in "${corder[@]}" ftplite-noprogress ftplite-cli; do record client_up "$c" "$rep" "$(c_up "$c" vsftpd-anon || true)"; done
        for n in 1 8; do
            for c in "${corder[@]}"; do
                [ "$c" = ncftp ] && [ "$n" = 8 ] && continue # ncftp has no parallel transfers.
                # curl on one connection stalls ~40-100 ms per file (20 files/s down, 9 up in the quick run): kept to quick runs.
                [ "$c" = curl ] && [ "$n" = 1 ] && [ "$QUICK" = 0 ] && continue
                record "client_small_down_$n" "$c" "$rep" "$(settle; c_small_down "$c" vsftpd-anon "$n" || true)"
                record "client_small_up_$n" "$c" "$rep" "$(settle; c_small_up "$c" vsftpd-anon "$n" || true)"
            done
            if [ "$n" = 8 ]; then
                record client_small_down_8 cmdlets-warm "$rep" "$(settle; c_small_down cmdlets-warm vsftpd-anon 8 || true)"
                record client_small_up_8 cmdlets-warm "$rep" "$(settle; c_small_up cmdlets-warm vsftpd-anon 8 || true)"
                record client_small_down_8 cmdlets-pwsh "$rep" "$(settle; c_small_down cmdlets-pwsh vsftpd-anon 8 || true)"
                record client_small_up_8 cmdlets-pwsh "$rep" "$(settle; c_small_up cmdlets-pwsh vsftpd-anon 8 || true)"
            fi
        done
    fi
    if want mirror; then
        for c in $(rotated "$rep" ftplite-cli cmdlets cmdlets-warm lftp); do record mirror_down "$c" "$rep" "$(settle; m_mirror down "$c" vsftpd-anon || true)"; done
        for c in $(rotated "$rep" ftplite-cli cmdlets cmdlets-warm lftp); do record mirror_up "$c" "$rep" "$(settle; m_mirror up "$c" vsftpd-anon || true)"; done
    fi
done

for cores in ${CORES//,/ }; do
    stop_all
    log "servers pinned to $cores core(s)"
    start_servers "$cores"
    SFX="@${cores}c"
    for rep in $(seq 1 "$REPS"); do log "repetition $rep of $REPS ($cores core(s))"; server_rows "$rep"; done
done

out="${RESULTS%.csv}.md"
/usr/bin/python3 "$BENCH_DIR/report.py" "$RESULTS" --reps "$REPS" --quick "$QUICK" --cores "$CORES" \
    --sizes "big=${BIG_MIB}MiB tls=${TLS_MIB}MiB small=$SMALL_FILES tree=${TREE_FOLDERS}x$TREE_FILES swarm=$SWARM_CLIENTS login=$LOGIN_COUNT idle=$IDLE_SESSIONS/$IDLE_BIG" >"$out"
cat "$out"
if [ -s "$WORK/errors.log" ]; then
    log "errors (first 40 lines of $WORK/errors.log):"
    head -40 "$WORK/errors.log" >&2
fi
log "saved $out"
