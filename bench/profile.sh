#!/usr/bin/env bash
# Syscall profile (strace -c -f) of FtpLite's server beside vsftpd for one workload, each server alone and fresh.
# Usage: bash bench/profile.sh retr|stor|small_down|small_up [MIB or FILES]   Output: bench/results/profile-<workload>-<server>.txt
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORKLOAD=${1:-retr}
BIG_MIB=${2:-512}; SMALL_FILES=${2:-500}; TLS_MIB=1; QUICK=1
WORK=$(mktemp -d /tmp/ftplite-profile.XXXXXX); chmod 755 "$WORK"
source "$BENCH_DIR/lib/common.sh"; source "$BENCH_DIR/lib/servers.sh"; source "$BENCH_DIR/lib/workloads.sh"
trap 'stop_all; drop_system_account; rm -rf "$WORK"' EXIT
PIN=""
PEERS=$(bash "$BENCH_DIR/peers/fetch.sh")
dotnet build -c Release "$BENCH_DIR/FtpLite.Bench" -v q -nologo >/dev/null
BENCH_BIN="$BENCH_DIR/FtpLite.Bench/bin/Release/net10.0"
dotnet publish -c Release "$BENCH_DIR/../src/FtpLite.Cli" -o "$WORK/cli" -v q -nologo >/dev/null
FTPLITE_CLI="$WORK/cli/FtpLite.Cli"
mkdir -p "$WORK/data/small" "$WORK/state" "$WORK/dl" "$BENCH_DIR/results"
head -c "$((BIG_MIB * 1048576))" /dev/urandom >"$WORK/data/big.bin"
head -c 1048576 /dev/urandom >"$WORK/data/f1m.bin"; head -c 1048576 /dev/urandom >"$WORK/data/tls.bin"
for i in $(seq -w 1 "$SMALL_FILES"); do head -c 4096 /dev/urandom >"$WORK/data/small/f$i.bin"; done
chmod 644 "$WORK/data/"*.bin "$WORK/data/small/"*
make_system_account # vsftpd's password account (see servers.sh)
for s in ftplite vsftpd; do
    start_server "$s" 0
    case $WORKLOAD in retr) w_retr "$s" ;; stor) w_stor "$s" ;; small_down) w_small_down "$s" 1 ;; small_up) w_small_up "$s" 1 ;; esac >/dev/null # warm-up
    out="$BENCH_DIR/results/profile-$WORKLOAD-$s.txt"
    strace -c -f -p "$(process_tree "${SRV_PID[$s]}" | paste -sd, -)" -o "$out" &
    tracer=$!; sleep 1
    value=$(case $WORKLOAD in retr) w_retr "$s" ;; stor) w_stor "$s" ;; small_down) w_small_down "$s" 1 ;; small_up) w_small_up "$s" 1 ;; esac)
    sleep 0.5; kill -INT "$tracer"; wait "$tracer" || true
    sed -i "1i # $WORKLOAD against $s under strace -c -f: $value (per second; strace slows it)" "$out"
    log "$s: $value -> $out"
done
