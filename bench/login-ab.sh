#!/usr/bin/env bash
# The bench's `login` row side by side, without root: FtpLite.Bench `latency` (raw sockets: connect, USER, PASS, PWD,
# QUIT one after another; median of COUNT after 10 warm-ups) against `ftplite serve --user` built from this tree, the
# same built from BASE (a git ref, e.g. main; optional), and pyftpdlib with a password account, started as
# bench/lib/servers.sh starts them (same limits, idle timeout, anonymous beside the account). The servers take turns
# round by round, so drift on a noisy machine hits all alike. Run by hand:
#   BASE=main bash bench/login-ab.sh [rounds=7] [count=200]
# Prints each round's medians, then the median of the rounds and the ratios to pyftpdlib (target: <= 1.0x).
# PIN="taskset -c 0" prefixes every server's command, as in run.sh.
set -euo pipefail
rounds=${1:-7}
count=${2:-200}
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${BENCH_TMP:-/tmp}/ftplite-login-ab.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

user=ftplitebench password=bench-password-1 limit=20000
build_cli() { # SOURCE-TREE OUT
    dotnet build -c Release -o "$2" "$1/src/FtpLite.Cli" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
}
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ftp() { # PORT: a 220 within ~20 s
    for _ in $(seq 1 100); do
        if { exec 9<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
            local line=""; read -r -t 2 line <&9 || true; exec 9>&- 9<&-
            [[ $line == 220* ]] && return 0
        fi
        sleep 0.2
    done
    echo "no FTP greeting on port $1" >&2; return 1
}

names=() ports=()
start_ftplite() { # NAME CLI-DIR
    local port root="$scratch/root-$1"; mkdir -p "$root"; port=$(free_port)
    FTPLITE_PASSWORD=$password ${PIN:-} "$2/FtpLite.Cli" serve --root "$root" --port "$port" --user "$user" --anonymous \
        --max-sessions "$limit" --max-sessions-per-address "$limit" --idle-timeout 3600 >"$scratch/$1.log" 2>&1 </dev/null &
    pids+=($!); names+=("$1"); ports+=("$port")
}
start_pyftpdlib() {
    local port root="$scratch/root-pyftpdlib"; mkdir -p "$root"; port=$(free_port)
    PYFTPD_PASSWORD=$password ${PIN:-} /usr/bin/python3 "$here/bench/peers/pyftpd_server.py" --port "$port" --root "$root" \
        --user "$user" --max-sessions "$limit" >"$scratch/pyftpdlib.log" 2>&1 </dev/null &
    pids+=($!); names+=(pyftpdlib); ports+=("$port")
}

dotnet build -c Release "$here/bench/FtpLite.Bench" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
driver="$here/bench/FtpLite.Bench/bin/Release/net10.0/FtpLite.Bench"
if [ -n "${BASE:-}" ]; then
    mkdir -p "$scratch/base-src"
    git -C "$here" archive "$BASE" | tar -x -C "$scratch/base-src"
    build_cli "$scratch/base-src" "$scratch/base-cli"
    start_ftplite "ftplite@$BASE" "$scratch/base-cli"
fi
build_cli "$here" "$scratch/cli"
start_ftplite ftplite "$scratch/cli"
start_pyftpdlib
for port in "${ports[@]}"; do wait_ftp "$port"; done

declare -A all
printf '%-6s' round; for n in "${names[@]}"; do printf ' %16s' "$n ms"; done; echo
for r in $(seq 1 "$rounds"); do
    printf '%-6s' "$r"
    for i in "${!names[@]}"; do
        ms=$("$driver" latency --port "${ports[$i]}" --count "$count" --user "$user" --pass "$password" | sed -n 's/^RESULT login_ms //p')
        all[${names[$i]}]+="$ms "
        printf ' %16.4f' "$ms"
    done
    echo
done
/usr/bin/python3 - "${names[@]}" <<PY
import statistics, sys
rows = {$(for n in "${names[@]}"; do printf '"%s": [%s], ' "$n" "$(echo ${all[$n]} | tr ' ' ',')"; done)}
py = statistics.median(rows["pyftpdlib"])
print("%-16s %12s %10s" % ("server", "median ms", "/pyftpdlib"))
for name in sys.argv[1:]:
    m = statistics.median(rows[name])
    print("%-16s %12.4f %9.2fx" % (name, m, m / py))
PY
