#!/usr/bin/env bash
# Start-up as a user sees it: whole-process wall time of short `ftplite` commands and of the module's first cmdlet call
# in a fresh `dotnet pwsh`, for FtpLite built from a git ref ("before") and from the work tree ("after"), each the way
# bench/run.sh builds it at that commit (the CLI and out/FtpLite). One loop alternates before and after (the order flips
# every repetition); the table gives per row the median seconds and after/before. Against one `ftplite serve` (the
# work tree's, 127.0.0.1, an OS-chosen port) with hello.txt (4 KiB) and small/ (100 files of 4 KiB).
# Rows: cli-help (--help), cli-ls (ls /), cli-get (get hello.txt), cli-mirror (mirror --down small, -j 8),
# pwsh-process (dotnet pwsh: Import-Module, Get-FtpLiteListing /, exit), pwsh-import and pwsh-first-call (the import
# and the first Get-FtpLiteListing, timed inside that same pwsh). VARIANTS adds columns: "after" run with extra
# environment, e.g. --variant nopgo=DOTNET_TieredPGO=0.
# Usage: bash bench/startup.sh REF [--reps N] [--variant NAME=VAR=VALUE]...
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
REF=${1:?give the git ref to compare against, e.g. main}; shift
REPS=9
VARIANTS=()
while [ $# -gt 0 ]; do
    case $1 in
        --reps) REPS=$2; shift ;;
        --variant) VARIANTS+=("$2"); shift ;;
        *) echo "usage: bash bench/startup.sh REF [--reps N] [--variant NAME=VAR=VALUE]..." >&2; exit 2 ;;
    esac
    shift
done
WORK=$(mktemp -d /tmp/ftplite-startup.XXXXXX)
source "$BENCH_DIR/lib/common.sh"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# The CLI as run.sh builds it: from REF with REF's own bench/run.sh line (a Release `dotnet build` before ReadyToRun,
# `dotnet publish` after), so "before" is what the bench measured and "after" what it measures now.
build_tree() { # SRC DEST
    local src=$1 dest=$2
    if grep -q 'dotnet publish -c Release "$BENCH_DIR/../src/FtpLite.Cli"' "$src/bench/run.sh"; then
        dotnet publish -c Release "$src/src/FtpLite.Cli" -o "$dest/cli" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    else
        dotnet build -c Release "$src/src/FtpLite.Cli" -o "$dest/cli" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    fi
    dotnet build -c Release "$src/src/FtpLite.PowerShell" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    cp -r "$src/out/FtpLite" "$dest/FtpLite"
}
log "building $REF (before)"
mkdir -p "$WORK/before-src" "$WORK/before" "$WORK/after"
git -C "$REPO" archive "$REF" | tar -x -C "$WORK/before-src"
build_tree "$WORK/before-src" "$WORK/before"
log "building the work tree (after)"
build_tree "$REPO" "$WORK/after"

mkdir -p "$WORK/root/small"
head -c 4096 /dev/urandom >"$WORK/root/hello.txt"
for i in $(seq -w 1 100); do head -c 4096 /dev/urandom >"$WORK/root/small/f$i.bin"; done
: >"$WORK/serve.log"   # before the server's own redirect, which its background shell may not have made yet
"$WORK/after/cli/FtpLite.Cli" serve --root "$WORK/root" --port 0 >"$WORK/serve.log" 2>&1 </dev/null &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's|.* on ftp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.log" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { echo "ftplite serve did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
log "ftplite serve on port $PORT (pid $SERVER_PID)"
cd "$REPO" && dotnet tool restore >/dev/null

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.6f", e - s }'; }
# One measurement of every row for one build. NAME: the column; DIR: the build; ENV: VAR=VALUE or empty.
measure() { # NAME DIR ENV
    local name=$1 dir=$2 envs=() start out
    [ -n "$3" ] && envs=("$3")
    cli() { env "${envs[@]}" "$dir/cli/FtpLite.Cli" "$@" >/dev/null 2>>"$WORK/stderr.log"; }
    start=$EPOCHREALTIME; cli --help; echo "cli-help,$name,$(seconds "$start" "$EPOCHREALTIME")"
    start=$EPOCHREALTIME; cli ls -H 127.0.0.1 --port "$PORT" /; echo "cli-ls,$name,$(seconds "$start" "$EPOCHREALTIME")"
    rm -rf "$WORK/dl"; mkdir -p "$WORK/dl"
    start=$EPOCHREALTIME; cli get -H 127.0.0.1 --port "$PORT" --to "$WORK/dl" hello.txt; echo "cli-get,$name,$(seconds "$start" "$EPOCHREALTIME")"
    cmp -s "$WORK/dl/hello.txt" "$WORK/root/hello.txt" || { echo "cli-get $name: wrong file" >&2; exit 1; }
    rm -rf "$WORK/dl"
    start=$EPOCHREALTIME; cli mirror --down small "$WORK/dl" -j 8 -H 127.0.0.1 --port "$PORT"; echo "cli-mirror,$name,$(seconds "$start" "$EPOCHREALTIME")"
    [ "$(find "$WORK/dl" -type f | wc -l)" = 100 ] || { echo "cli-mirror $name: not 100 files" >&2; exit 1; }
    start=$EPOCHREALTIME
    out=$(env "${envs[@]}" dotnet pwsh -NoProfile -NonInteractive -Command "
        \$ErrorActionPreference = 'Stop'
        \$import = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$dir/FtpLite'; \$import.Stop()
        \$call = [Diagnostics.Stopwatch]::StartNew(); \$items = @(Get-FtpLiteListing -Path / -Server 127.0.0.1 -Port $PORT); \$call.Stop()
        if (\$items.Count -ne 2) { throw \"listed \$(\$items.Count) items, not 2\" }
        \$c = [Globalization.CultureInfo]::InvariantCulture
        \$import.Elapsed.TotalSeconds.ToString(\$c) + ' ' + \$call.Elapsed.TotalSeconds.ToString(\$c)" 2>>"$WORK/stderr.log")
    echo "pwsh-process,$name,$(seconds "$start" "$EPOCHREALTIME")"
    read -r import call <<<"$out"
    echo "pwsh-import,$name,$import"
    echo "pwsh-first-call,$name,$call"
}

COLUMNS_=("before|$WORK/before|" "after|$WORK/after|")
for v in "${VARIANTS[@]}"; do COLUMNS_+=("after+${v%%=*}|$WORK/after|${v#*=}"); done
log "$REPS repetitions of ${#COLUMNS_[@]} builds, alternating"
echo "row,build,seconds" >"$WORK/results.csv"
for rep in $(seq 1 "$REPS"); do
    n=${#COLUMNS_[@]}
    for i in $(seq 0 $((n - 1))); do
        # The order rotates every repetition, so neither build always runs first (or right after the other).
        IFS='|' read -r name dir envs <<<"${COLUMNS_[$(((i + rep) % n))]}"
        measure "$name" "$dir" "$envs" >>"$WORK/results.csv"
    done
    log "repetition $rep done"
done
cp "$WORK/results.csv" "${STARTUP_CSV:-/tmp/ftplite-startup.csv}"
python3 - "$WORK/results.csv" "${COLUMNS_[@]%%|*}" <<'PY'
import csv, statistics, sys
rows, builds, cells = [], sys.argv[2:], {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["row"] not in rows: rows.append(r["row"])
    cells.setdefault((r["row"], r["build"]), []).append(float(r["seconds"]))
# Two ratios per build: of the medians, and the median of each repetition's own ratio (the runs of one repetition are
# seconds apart, so a burst of load elsewhere on the machine tends to hit both).
print("| row | " + " | ".join(f"{b} (median s)" for b in builds) + " | "
      + " | ".join(f"{b} / before (medians) | {b} / before (paired)" for b in builds[1:]) + " | reps |")
print("|---" * (1 + len(builds) + 2 * (len(builds) - 1) + 1) + "|")
for row in rows:
    med = {b: statistics.median(cells[(row, b)]) for b in builds}
    paired = {b: statistics.median(a / z for a, z in zip(cells[(row, b)], cells[(row, "before")])) for b in builds[1:]}
    print(f"| {row} | " + " | ".join(f"{med[b]:.3f}" for b in builds) + " | "
          + " | ".join(f"{med[b] / med['before']:.2f}x | {paired[b]:.2f}x" for b in builds[1:]) + f" | {len(cells[(row, 'before')])} |")
PY
