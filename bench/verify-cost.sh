#!/usr/bin/env bash
# What -Verify Hash adds to a big Send-FtpLiteFile, against FtpLite's server built from a git ref ("before") and from
# the work tree ("after"), the module from the work tree, in one PowerShell session; the order rotates every repetition.
# Prints per cell the median seconds and the cost of Hash over None.
# Usage: bash bench/verify-cost.sh REF [--reps N] [--mib N]
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
REF=${1:?give the git ref to compare against}; shift
REPS=3; MIB=2048
while [ $# -gt 0 ]; do case $1 in --reps) REPS=$2; shift ;; --mib) MIB=$2; shift ;; *) exit 2 ;; esac; shift; done
QUICK=0
WORK=$(mktemp -d /dev/shm/ftplite-verify.XXXXXX); chmod 755 "$WORK"
source "$BENCH_DIR/lib/common.sh"; source "$BENCH_DIR/lib/servers.sh"
trap 'stop_all; rm -rf "$WORK"' EXIT
log "building the module and the host (work tree), and the host at $REF"
dotnet build -c Release "$REPO/src/FtpLite.PowerShell" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build -c Release "$BENCH_DIR/FtpLite.Bench" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
mkdir -p "$WORK/before-src"; git -C "$REPO" archive "$REF" | tar -x -C "$WORK/before-src"
dotnet build -c Release "$WORK/before-src/bench/FtpLite.Bench" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
mkdir -p "$WORK/data/small" "$WORK/state"
head -c "$((MIB * 1048576))" /dev/urandom >"$WORK/data/big.bin"
for f in f1m.bin tls.bin small/f1.bin; do head -c 4096 /dev/urandom >"$WORK/data/$f"; done   # make_root links these
chmod 644 "$WORK/data/"*.bin "$WORK/data/small/f1.bin"
BENCH_BIN="$WORK/before-src/bench/FtpLite.Bench/bin/Release/net10.0" start_ftplite before 0
BENCH_BIN="$BENCH_DIR/FtpLite.Bench/bin/Release/net10.0" start_ftplite after 0
cat >"$WORK/run.ps1" <<'PS'
param($Module, $File, $Reps, $BeforePort, $AfterPort, $BeforePid, $AfterPid)
# Server CPU seconds (utime + stime) from /proc, so a busy machine's noise in wall time can be told apart.
function Cpu($id) { $f = (Get-Content "/proc/$id/stat") -replace '^.*\) ', '' -split ' '; ([long]$f[11] + [long]$f[12]) / 100.0 }
Import-Module $Module
$servers = @(@('before', $BeforePort, $BeforePid), @('after', $AfterPort, $AfterPid))
$cells = @()
foreach ($s in $servers) { foreach ($v in 'None', 'Hash') { $cells += ,@($s[0], $s[1], $v, $s[2]) } }
$results = @()
for ($rep = 0; $rep -lt $Reps; $rep++) {
    for ($i = 0; $i -lt $cells.Count; $i++) {
        $c = $cells[($i + $rep) % $cells.Count]
        $cpu0 = Cpu $c[3]
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = Send-FtpLiteFile -LiteralPath $File -Destination up -Force -Verify $c[2] -PassThru -Server 127.0.0.1 -Port $c[1]
        $clock.Stop()
        $cpu = (Cpu $c[3]) - $cpu0
        $results += [pscustomobject]@{ Server = $c[0]; Verify = $c[2]; Seconds = $clock.Elapsed.TotalSeconds; Cpu = $cpu; Checked = $r.Verification }
        [Console]::Error.WriteLine("rep $rep $($c[0]) $($c[2]) $($clock.Elapsed.TotalSeconds) server-cpu $cpu $($r.Verification)")
    }
}
foreach ($g in $results | Group-Object Server, Verify) {
    $sorted = $g.Group.Seconds | Sort-Object
    $cpus = $g.Group.Cpu | Sort-Object
    $mid = [int][Math]::Floor($sorted.Count / 2)
    "{0} {1} {2}" -f $g.Name, $sorted[$mid], $cpus[$mid]
}
PS
cd "$REPO" && dotnet tool restore >/dev/null
dotnet pwsh -NoProfile -File "$WORK/run.ps1" -Module "$REPO/out/FtpLite" -File "$WORK/data/big.bin" -Reps "$REPS" \
    -BeforePort "${SRV_PORT[before]}" -AfterPort "${SRV_PORT[after]}" \
    -BeforePid "${SRV_PID[before]}" -AfterPid "${SRV_PID[after]}" | tee "$WORK/medians.txt"
awk '{ gsub(",", ""); t[$1 " " $2] = $3; c[$1 " " $2] = $4 } END {
    printf "| server | None s | Hash s | Hash adds | server CPU s None | server CPU s Hash |\n|---|---|---|---|---|---|\n"
    split("before after", names, " ")
    for (i = 1; i <= 2; i++) { n = names[i]; printf "| %s | %.2f | %.2f | %+.0f%% | %.2f | %.2f |\n", n, t[n " None"], t[n " Hash"], (t[n " Hash"] / t[n " None"] - 1) * 100, c[n " None"], c[n " Hash"] }
}' "$WORK/medians.txt"
