#!/usr/bin/env bash
# Password logins side by side: connect + USER/PASS + PWD + QUIT, timed from one ftplib client, against `ftplite
# serve --user` and pyftpdlib with a password account (the fastest peer in bench/ for this row). Run by hand (not by CI):
#   bash bench/login-latency.sh [logins=300] [rounds=3]
# Builds `ftplite` in Release into a scratch folder, starts both servers on 127.0.0.1, and alternates them round by
# round (so drift on a noisy machine hits both alike). Prints each round's median and the ratio FtpLite / pyftpdlib, the
# first login apart (FtpLite derives the stored PBKDF2 hash once; a later login of the same password costs one HMAC).
set -euo pipefail
logins=${1:-300}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${BENCH_TMP:-/tmp}/ftplite-login.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$scratch"; }
trap cleanup EXIT

dotnet publish -c Release -o "$scratch/bin" "$here/src/FtpLite.Cli" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }
mkdir -p "$scratch/ftplite" "$scratch/pyftpdlib"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
user=bench password=bench-password-1

ftplite_port=$(free_port)
FTPLITE_PASSWORD=$password dotnet "$scratch/bin/FtpLite.Cli.dll" serve --root "$scratch/ftplite" --port "$ftplite_port" \
    --user "$user" --max-sessions 10000 >"$scratch/ftplite.log" 2>&1 &
pids+=($!)

py_port=$(free_port)
/usr/bin/python3 - "$scratch/pyftpdlib" "$py_port" "$user" "$password" >"$scratch/pyftpdlib.log" 2>&1 <<'PY' &
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
root, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
FTPHandler.authorizer = DummyAuthorizer()
FTPHandler.authorizer.add_user(user, password, root, perm="elradfmw")
FTPServer(("127.0.0.1", port), FTPHandler).serve_forever()
PY
pids+=($!)

python3 - "$ftplite_port" "$py_port" "$user" "$password" "$logins" "$rounds" <<'PY'
import ftplib, statistics, sys, time
ftplite, py, user, password, logins, rounds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])

def once(port):
    start = time.perf_counter()
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=10)
    f.login(user, password)
    f.pwd()
    f.quit()
    return (time.perf_counter() - start) * 1000.0

def wait(port):
    for _ in range(300):                # At most 30 s for the server to listen.
        try:
            once(port)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("no server on port %d" % port)

wait(ftplite); wait(py)                 # Also each server's first login (FtpLite: the one slow PBKDF2 derivation).
print("%-8s %12s %14s %8s" % ("round", "ftplite ms", "pyftpdlib ms", "ratio"))
ratios = []
for r in range(rounds):
    a = statistics.median(once(ftplite) for _ in range(logins))
    b = statistics.median(once(py) for _ in range(logins))
    ratios.append(a / b)
    print("%-8d %12.3f %14.3f %7.2fx" % (r + 1, a, b, a / b))
print("median ratio FtpLite / pyftpdlib: %.2fx (target <= 1.0x)" % statistics.median(ratios))
PY
