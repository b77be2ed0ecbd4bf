#!/usr/bin/env bash
# Side by side for one data-path change: FtpLite built from a git ref ("before", e.g. HEAD~1) and from the work tree
# ("after"), beside vsftpd, pure-ftpd and ProFTPD, in one run, the order rotated every repetition. Per cell: median
# MiB/s and, for servers, the server process's CPU seconds per GiB (utime+stime from /proc). Client rows: FtpLite's
# client (both builds, in-process) beside curl and ncftp against one plain vsftpd.
# Usage: bash bench/ab.sh REF [--reps N] [--rows retr,stor,ftps_stor,ftps_retr,client_down,client_up] [--mib N]
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REF=${1:?give the git ref to compare against}; shift
REPS=5; ROWS=retr,stor,ftps_stor,ftps_retr,client_down,client_up; BIG_MIB=1024; TLS_MIB=256
while [ $# -gt 0 ]; do
    case $1 in --reps) REPS=$2; shift ;; --rows) ROWS=$2; shift ;; --mib) BIG_MIB=$2; TLS_MIB=$((BIG_MIB / 4)); shift ;; *) exit 2 ;; esac
    shift
done
QUICK=0
WORK=$(mktemp -d /dev/shm/ftplite-ab.XXXXXX); chmod 755 "$WORK"
source "$BENCH_DIR/lib/common.sh"; source "$BENCH_DIR/lib/servers.sh"; source "$BENCH_DIR/lib/workloads.sh"
trap 'stop_all; rm -rf "$WORK"' EXIT
PEERS=$(bash "$BENCH_DIR/peers/fetch.sh")
REPO="$(cd "$BENCH_DIR/.." && pwd)"
log "building after (work tree) and before ($REF)"
dotnet build -c Release "$BENCH_DIR/FtpLite.Bench" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
AFTER_BIN="$BENCH_DIR/FtpLite.Bench/bin/Release/net10.0"
mkdir -p "$WORK/before-src"; git -C "$REPO" archive "$REF" | tar -x -C "$WORK/before-src"
dotnet build -c Release "$WORK/before-src/bench/FtpLite.Bench" -v q -nologo >"$WORK/build-before.log" 2>&1 || { cat "$WORK/build-before.log"; exit 1; }
BEFORE_BIN="$WORK/before-src/bench/FtpLite.Bench/bin/Release/net10.0"

mkdir -p "$WORK/data/small" "$WORK/state" "$WORK/dl"
head -c "$((BIG_MIB * 1048576))" /dev/urandom >"$WORK/data/big.bin"
head -c 1048576 /dev/urandom >"$WORK/data/f1m.bin"
head -c "$((TLS_MIB * 1048576))" "$WORK/data/big.bin" >"$WORK/data/tls.bin"
head -c 4096 /dev/urandom >"$WORK/data/small/f1.bin"   # make_root links the small files
chmod 644 "$WORK/data/"*.bin "$WORK/data/small/f1.bin"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 -subj /CN=127.0.0.1 2>/dev/null
chmod 644 "$WORK/key.pem"; CERT="$WORK/cert.pem"; KEY="$WORK/key.pem"

# Two FtpLite servers: the same start function with the other build's binary, under keys "before" and "after".
start_build() { # KEY BIN TLS
    local key=$1 tls=$3; [ "$tls" = 1 ] && key="$1-tls"
    BENCH_BIN=$2 start_ftplite "$key" "$tls"
}
SERVERS=(before after vsftpd pure-ftpd proftpd)
want_tls=0; [[ ",$ROWS," == *,ftps_* ]] && want_tls=1
for tls in 0 $([ $want_tls = 1 ] && echo 1); do
    start_build before "$BEFORE_BIN" "$tls"; start_build after "$AFTER_BIN" "$tls"
    for s in vsftpd pure-ftpd proftpd; do start_server "$s" "$tls"; done
done

cpu_of() { # total utime+stime (ticks) of a process tree
    local t=0 pid
    for pid in $(process_tree "$1"); do
        [ -r "/proc/$pid/stat" ] && t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$t"
}
# Forking servers end each session's process before we look: count exited children through the parent's cutime/cstime.
cpu_with_children() { local pid=$1; echo $(( $(cpu_of "$pid") + $(awk '{ print $16 + $17 }' "/proc/$pid/stat") )); }
HZ=$(getconf CLK_TCK)
RESULTS="$WORK/ab.csv"; : >"$RESULTS"
measure_server() { # ROW KEY
    local row=$1 key=$2 c0 c1 v mib=$BIG_MIB
    [[ $row == ftps_* ]] && mib=$TLS_MIB
    c0=$(cpu_with_children "${SRV_PID[$key]}")
    case $row in
        retr) v=$(w_retr "$key") ;; stor) v=$(w_stor "$key") ;;
        ftps_retr) v=$(w_ftps_retr_curl "$key") ;; ftps_stor) v=$(w_ftps_stor_curl "$key") ;;
    esac
    c1=$(cpu_with_children "${SRV_PID[$key]}")
    echo "$row,$3,$v,$(awk -v d=$((c1 - c0)) -v hz="$HZ" -v m="$mib" 'BEGIN { printf "%.3f", d / hz / (m / 1024) }')" >>"$RESULTS"
}
measure_client() { # ROW CLIENT
    local row=$1 c=$2 v out P=${SRV_PORT[vsftpd]} cpu
    case $c in
        before|after)
            local bin=$AFTER_BIN; [ "$c" = before ] && bin=$BEFORE_BIN
            if [ "$row" = client_down ]; then out=$(/usr/bin/time -f "CPU %U %S" "$bin/FtpLite.Bench" client --do get --port "$P" --path big.bin 2>&1)
            else fresh_upload_dir vsftpd; out=$(/usr/bin/time -f "CPU %U %S" "$bin/FtpLite.Bench" client --do put --port "$P" --local "$WORK/data/big.bin" --path up/big.bin 2>&1); fi
            v=$(awk -v m="$BIG_MIB" '$1 == "RESULT" && $2 == "client_seconds" { printf "%.1f", m / $3 }' <<<"$out")
            cpu=$(awk -v m="$BIG_MIB" '$1 == "CPU" { printf "%.3f", ($2 + $3) / (m / 1024) }' <<<"$out") ;;
        curl|ncftp)
            local tf="$WORK/time.txt"
            if [ "$row" = client_down ]; then
                if [ "$c" = curl ]; then /usr/bin/time -o "$tf" -f "%e %U %S" curl -sS --fail -o /dev/null "$(url vsftpd)/big.bin"
                else /usr/bin/time -o "$tf" -f "%e %U %S" sh -c "LD_LIBRARY_PATH=$PEERS/usr/lib/x86_64-linux-gnu '$PEERS/usr/bin/ncftpget' -V -P $P -c 127.0.0.1 big.bin >/dev/null"; fi
            else
                fresh_upload_dir vsftpd
                if [ "$c" = curl ]; then /usr/bin/time -o "$tf" -f "%e %U %S" curl -sS --fail -T "$WORK/data/big.bin" "$(url vsftpd)/up/big.bin"
                else /usr/bin/time -o "$tf" -f "%e %U %S" sh -c "LD_LIBRARY_PATH=$PEERS/usr/lib/x86_64-linux-gnu '$PEERS/usr/bin/ncftpput' -V -P $P 127.0.0.1 up '$WORK/data/big.bin'"; fi
            fi
            v=$(awk -v m="$BIG_MIB" '{ printf "%.1f", m / $1 }' "$tf"); cpu=$(awk -v m="$BIG_MIB" '{ printf "%.3f", ($2 + $3) / (m / 1024) }' "$tf") ;;
    esac
    echo "$row,$c,$v,$cpu" >>"$RESULTS"
}
for ((rep = 0; rep < REPS; rep++)); do
    IFS=, read -ra rows <<<"$ROWS"
    for row in "${rows[@]}"; do
        case $row in
            client_*) order=(before after curl ncftp) ;;
            *) order=("${SERVERS[@]}") ;;
        esac
        n=${#order[@]}
        for ((i = 0; i < n; i++)); do
            s=${order[$(((i + rep) % n))]}
            case $row in
                client_*) measure_client "$row" "$s" ;;
                ftps_*) measure_server "$row" "$s-tls" "$s" ;;
                *) measure_server "$row" "$s" "$s" ;;
            esac
        done
        log "rep $rep $row done"
    done
done
cp "$RESULTS" "$BENCH_DIR/results/ab-$(date +%Y-%m-%d-%H%M).csv"
/usr/bin/python3 - "$RESULTS" <<'PY'
import csv, statistics, sys
from collections import defaultdict
cells = defaultdict(list)
for row, subject, mib, cpu in csv.reader(open(sys.argv[1])):
    if mib: cells[(row, subject)].append((float(mib), float(cpu)))
rows = sorted({r for r, _ in cells}, key=lambda r: r)
print("| row | subject | MiB/s (median) | CPU s/GiB (median) | after ÷ subject | before ÷ subject |")
print("|---|---|---|---|---|---|")
for r in rows:
    med = {s: (statistics.median(m for m, _ in v), statistics.median(c for _, c in v)) for (rr, s), v in cells.items() if rr == r}
    for s, (m, c) in sorted(med.items()):
        a = med.get("after", (0, 0))[0]; b = med.get("before", (0, 0))[0]
        print(f"| {r} | {s} | {m:.1f} | {c:.2f} | {a / m:.2f} | {b / m:.2f} |")
PY
