#!/usr/bin/env bash
# 1,000 small files up and down through the three-node front of docs/scale-out.md, beside one node alone. Run by hand
# (not by CI):
#   bash bench/scale-out.sh [files=1000] [parallel=8] [rounds=3] [store=folder|bucket]
# Builds `ftplite` in Release into a scratch folder, fetches HAProxy with tests/peers/get-haproxy.sh (unpacked, never a
# system service), starts three `ftplite serve` nodes on 127.0.0.2-4 over one shared folder, each announcing 127.0.0.1
# with a passive range of its own, and HAProxy on 127.0.0.1 balancing the control port (leastconn) and mapping each
# range to its node; and a fourth `ftplite serve` alone on 127.0.0.1 over a folder of its own, for comparison. `lftp
# mirror -R` uploads the files (4 KiB each) and `lftp mirror` downloads them, with N sessions at once and with one,
# alternating front and single node round by round. Prints files/s per round and the medians; checks every file came
# back whole (diff -r) and how the front spread the sessions over the nodes.
# store=bucket: the nodes serve one bucket (--store s3, keys in their environment) of a throw-away Swift started by
# tests/support/swift.sh in the scratch folder (Debian's python3-swift: tests/peers/get-swift.sh), each under the
# prefix "shared", the single node under "single"; uploads are checked by downloading them (no folder to diff).
set -euo pipefail
files=${1:-1000}
parallel=${2:-8}
rounds=${3:-3}
store=${4:-folder}
case "$store" in folder|bucket) ;; *) echo "scale-out.sh: store is folder or bucket, not '$store'" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
base=/tmp
if [ -d /dev/shm ] && [ "$(df --output=avail -k /dev/shm | tail -n 1)" -gt 1048576 ]; then base=/dev/shm; fi
scratch=$(mktemp -d "${BENCH_TMP:-$base}/ftplite-scale.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
    if [ -d "$scratch/swift" ]; then sh "$here/tests/support/swift.sh" stop "$scratch/swift" >/dev/null 2>&1 || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

command -v lftp >/dev/null || { echo "scale-out.sh: lftp is needed (apt-get install lftp)" >&2; exit 1; }
haproxy=$(bash "$here/tests/peers/get-haproxy.sh")
haproxy_libs="$(dirname "$(dirname "$(dirname "$haproxy")")")/usr/lib/x86_64-linux-gnu"
dotnet publish -c Release -o "$scratch/bin" "$here/src/FtpLite.Cli" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }

# A port (or a run of COUNT ports) free on every address given, below the ephemeral range.
free_ports() { # count address...
    python3 - "$@" <<'PY'
import random, socket, sys
count, addresses = int(sys.argv[1]), sys.argv[2:]
def free(address, port):
    s = socket.socket()
    try:
        s.bind((address, port)); return True
    except OSError:
        return False
    finally:
        s.close()
for _ in range(500):
    first = random.randrange(10000, 32000 - count)
    if all(free(a, p) for a in addresses for p in range(first, first + count)):
        print(first); break
else:
    raise SystemExit("no free ports")
PY
}

user=bench password=bench-password-1
mkdir -p "$scratch/shared" "$scratch/single" "$scratch/small"
python3 - "$scratch/small" "$files" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    with open(os.path.join(folder, "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(4096))
PY

if [ "$store" = bucket ]; then
    sh "$here/tests/support/swift.sh" start "$scratch/swift" >"$scratch/swift.env" || { echo "scale-out.sh: Swift did not start" >&2; exit 1; }
    endpoint=$(sed -n 's/^endpoint=//p' "$scratch/swift.env")
    region=$(sed -n 's/^region=//p' "$scratch/swift.env")
    export AWS_ACCESS_KEY_ID=$(sed -n 's/^access_key=//p' "$scratch/swift.env")
    export AWS_SECRET_ACCESS_KEY=$(sed -n 's/^secret_key=//p' "$scratch/swift.env")
    bucket=ftplite-bench
    # The bucket, made with a signed S3 request (signature version 2, which Swift's s3api takes).
    python3 - "$endpoint" "$bucket" <<'PY'
import base64, email.utils, hashlib, hmac, http.client, os, sys, urllib.parse
url, bucket = urllib.parse.urlparse(sys.argv[1]), sys.argv[2]
date = email.utils.formatdate(usegmt=True)
text = "PUT\n\n\n%s\n/%s" % (date, bucket)
key = os.environ["AWS_SECRET_ACCESS_KEY"].encode()
signature = base64.b64encode(hmac.new(key, text.encode(), hashlib.sha1).digest()).decode()
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
connection.request("PUT", "/" + bucket, headers={"Date": date, "Authorization": "AWS %s:%s" % (os.environ["AWS_ACCESS_KEY_ID"], signature)})
status = connection.getresponse().status
if status not in (200, 409):
    raise SystemExit("scale-out.sh: making the bucket answered %d" % status)
PY
fi

serve() { # name address port passive-range root
    local where
    if [ "$store" = bucket ]; then
        where=(--store s3 --bucket "$bucket" --endpoint "$endpoint" --region "$region" --prefix "$(basename "$5")")
    else
        where=(--root "$5")
    fi
    FTPLITE_PASSWORD=$password dotnet "$scratch/bin/FtpLite.Cli.dll" serve --address "$2" --port "$3" \
        --passive-address 127.0.0.1 --passive-ports "$4" "${where[@]}" --user "$user" --max-sessions 10000 >"$scratch/$1.log" 2>&1 &
    pids+=($!)
}

front_port=$(free_ports 1 127.0.0.1)
config="$scratch/haproxy.cfg"
{
    echo "global"; echo "    maxconn 4096"
    echo "defaults"; echo "    mode tcp"; echo "    timeout connect 2s"; echo "    timeout client 10m"; echo "    timeout server 10m"
    echo "    retries 2"; echo "    option redispatch"
    echo "frontend ftp_control"; echo "    bind 127.0.0.1:$front_port"; echo "    default_backend ftp_nodes"
    echo "backend ftp_nodes"; echo "    balance leastconn"
} >"$config"
passive=()
overlaps() { # first: whether FIRST..FIRST+99 meets a range already given
    local r
    for r in "${passive[@]}"; do
        if [ $(( $1 + 99 )) -ge "$r" ] && [ "$1" -le $(( r + 99 )) ]; then return 0; fi
    done
    return 1
}
for n in 2 3 4; do
    port=$(free_ports 1 "127.0.0.$n")
    first=$(free_ports 100 "127.0.0.$n" 127.0.0.1)
    # Ranges must not overlap (the front tells the nodes apart by port): a taken run is simply asked for again.
    while overlaps "$first"; do first=$(free_ports 100 "127.0.0.$n" 127.0.0.1); done
    passive+=("$first")
    serve "node$n" "127.0.0.$n" "$port" "$first-$((first + 99))" "$scratch/shared"
    echo "    server node$n 127.0.0.$n:$port check inter 1s" >>"$config"
done
i=0
for n in 2 3 4; do
    { echo "listen ftp_passive_node$n"; echo "    bind 127.0.0.1:${passive[$i]}-$((passive[$i] + 99))"; echo "    server node$n 127.0.0.$n"; } >>"$config"
    i=$((i + 1))
done
single_port=$(free_ports 1 127.0.0.1)
single_passive=$(free_ports 300 127.0.0.1)
serve single 127.0.0.1 "$single_port" "$single_passive-$((single_passive + 299))" "$scratch/single"
LD_LIBRARY_PATH="$haproxy_libs" "$haproxy" -db -f "$config" >"$scratch/haproxy.log" 2>&1 &
pids+=($!)

wait_greeting() { # port
    for _ in $(seq 1 300); do
        if python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$1),1); sys.exit(0 if s.recv(100).startswith(b'220') else 1)" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "scale-out.sh: nothing greets on port $1" >&2; cat "$scratch"/*.log >&2; exit 1
}
for n in 2 3 4; do until grep -q "FtpLite serving" "$scratch/node$n.log"; do sleep 0.1; done; done
wait_greeting "$single_port"; wait_greeting "$front_port"

# lftp mirror: up (-R) into an empty folder, then down into an empty local one. Wall seconds of the lftp process.
mirror() { # port direction sessions target
    local lftp_cmd
    if [ "$2" = up ]; then lftp_cmd="mirror -R --parallel=$3 $scratch/small /$4"; else lftp_cmd="mirror --parallel=$3 /$4 $scratch/down-$4"; fi
    local start end
    start=$(date +%s.%N)
    lftp -u "$user,$password" -e "set cmd:fail-exit yes; set net:max-retries 1; set ftp:ssl-allow no; $lftp_cmd; quit" "ftp://127.0.0.1:$1" >/dev/null
    end=$(date +%s.%N)
    echo "$start $end" | awk -v n="$files" '{ printf "%.0f", n / ($2 - $1) }'
}

# A warm-up round, not counted: every node (and the single one) compiles its code on its first sessions.
for port in "$front_port" "$single_port"; do
    mirror "$port" up "$parallel" "warm-$port" >/dev/null
    mirror "$port" down "$parallel" "warm-$port" >/dev/null
    rm -rf "$scratch/down-warm-$port"
done

results="$scratch/results.txt"
# The machine's load beside the numbers: on a shared machine they mean little without it.
echo "store: $store; load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf "%-6s %-9s %-9s %9s %9s\n" round subject sessions "up f/s" "down f/s"
for r in $(seq 1 "$rounds"); do
    for sessions in "$parallel" 1; do
        for subject in front single; do
            if [ "$subject" = front ]; then port=$front_port; root="$scratch/shared"; else port=$single_port; root="$scratch/single"; fi
            target="r$r-s$sessions"
            up=$(mirror "$port" up "$sessions" "$target")
            down=$(mirror "$port" down "$sessions" "$target")
            if [ "$store" = folder ]; then
                diff -r "$scratch/small" "$root/$target" >/dev/null || { echo "scale-out.sh: uploaded files differ ($subject $target)" >&2; exit 1; }
            fi
            diff -r "$scratch/small" "$scratch/down-$target" >/dev/null || { echo "scale-out.sh: downloaded files differ ($subject $target)" >&2; exit 1; }
            rm -rf "$scratch/down-$target"
            printf "%-6s %-9s %-9s %9s %9s\n" "$r" "$subject" "$sessions" "$up" "$down" | tee -a "$results"
        done
    done
done
echo
echo "medians (files/s, $files files of 4 KiB):"
awk '{ key = $2 " x" $3; up[key] = up[key] " " $4; down[key] = down[key] " " $5 }
     function median(list,   a, n, i, j, t) { n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }; return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     END { for (k in up) printf "  %-12s up %6s  down %6s\n", k, median(up[k]), median(down[k]) }' "$results" | sort
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "sessions served per node (logins, the health checks apart):"
for n in 2 3 4; do echo "  node$n (127.0.0.$n): $(grep -c 'LoginSucceeded' "$scratch/node$n.log")"; done
