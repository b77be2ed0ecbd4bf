#!/usr/bin/env bash
# Server memory while many clients list one big folder at once, and after. Run by hand (not by CI):
#   bash bench/listing-rss.sh [entries=100000] [clients=60]
# Builds `ftplite` in Release into a scratch folder, fills a folder with empty files (on /dev/shm when there is one),
# serves it on 127.0.0.1, lets N ftplib clients send LIST at the same moment, and prints the server's resident memory
# (VmRSS from /proc) before, at its peak during the listings, and a few seconds after.
set -euo pipefail
entries=${1:-100000}
clients=${2:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${BENCH_TMP:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )}/ftplite-rss.XXXXXX")
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

dotnet publish -c Release -o "$scratch/bin" "$here/src/FtpLite.Cli" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
mkdir "$scratch/root"
python3 - "$scratch/root" "$entries" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    os.close(os.open(os.path.join(root, "file-%07d.dat" % i), os.O_CREAT | os.O_WRONLY, 0o644))
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$scratch/bin/FtpLite.Cli.dll" serve --root "$scratch/root" --port "$port" --max-sessions 1000 >"$scratch/server.log" 2>&1 &
server_pid=$!

python3 - "$port" "$clients" "$server_pid" "$entries" <<'PY'
import ftplib, socket, sys, threading, time
port, clients, pid, entries = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def rss_mib():
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0

for _ in range(300):                    # Wait for the port (at most 30 s).
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)

def warm():                             # One small command first, so 'before' includes the loaded code.
    f = ftplib.FTP(); f.connect("127.0.0.1", port, timeout=60); f.login(); f.voidcmd("NOOP"); f.quit()
warm()
time.sleep(1)
before = rss_mib()
barrier = threading.Barrier(clients)
lines, errors = [], []

def client():
    try:
        f = ftplib.FTP(); f.connect("127.0.0.1", port, timeout=300); f.login()
        count = [0]
        barrier.wait()
        f.retrlines("LIST", lambda line: count.__setitem__(0, count[0] + 1))
        lines.append(count[0])
        f.quit()
    except Exception as e:
        errors.append(repr(e))

threads = [threading.Thread(target=client) for _ in range(clients)]
start = time.time()
for t in threads: t.start()
peak = before
while any(t.is_alive() for t in threads):
    peak = max(peak, rss_mib())
    time.sleep(0.05)
elapsed = time.time() - start
time.sleep(5)
after = rss_mib()
print("entries per folder : %d" % entries)
print("clients at once    : %d (%d listings complete, %d lines each; %d errors)" % (clients, len(lines), max(lines) if lines else 0, len(errors)))
print("server RSS before  : %7.1f MiB" % before)
print("server RSS peak    : %7.1f MiB" % peak)
print("server RSS after 5s: %7.1f MiB" % after)
print("wall time          : %7.1f s" % elapsed)
for e in errors[:3]: print("error:", e)
PY
