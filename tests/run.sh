#!/usr/bin/env bash
# The test command: installs the FTP peers the interop tests drive (when root and missing), restores the pinned pwsh
# and Pester, runs every xunit project of the solution with a TRX logger, then the Pester suite under pwsh against
# the built module, and ends with one line "N passed, N failed, N skipped" summing both.
# Exit status: non-zero when the build failed, a test failed, or the run was cut short.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

note() { echo "run.sh: $*" >&2; }

# Under CI a missing peer program is a failure, not a skip: a green run must mean the peers were there.
if [ "${CI:-}" = "true" ]; then
  export FTPLITE_REQUIRE_PEERS=1
fi

# --- peers -------------------------------------------------------------------------------------------------
peers_missing() {
  local missing=()
  for program in curl lftp tnftp python3; do
    command -v "$program" >/dev/null 2>&1 || missing+=("$program")
  done
  # pyftpdlib is imported by Debian's own python3, which may not be the python3 first on PATH.
  if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 -c 'import pyftpdlib' >/dev/null 2>&1 || missing+=("pyftpdlib")
    # pyftpdlib's FTPS (the client's FTPS tests against it) needs pyOpenSSL.
    /usr/bin/python3 -c 'import OpenSSL' >/dev/null 2>&1 || missing+=("pyopenssl")
  else
    missing+=("pyftpdlib" "pyopenssl")
  fi
  echo "${missing[*]:-}"
}

missing="$(peers_missing)"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    note "installing FTP peers (missing: $missing)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -q && apt-get install -y -q curl lftp tnftp python3-pyftpdlib python3-openssl; } </dev/null; then
      note "apt-get could not install the peers; the interop tests will say which are missing"
    fi
  else
    note "missing FTP peers: $missing (run as root to install them); their interop tests will skip, or fail under CI"
  fi
fi

# Other helpers that fetch or build peers (peers/get-vsftpd.sh, get-pure-ftpd.sh, get-proftpd.sh, get-haproxy.sh): each that exists is run; a failing one
# is reported, and the tests that need its peer decide whether that is a skip or a failure.
shopt -s nullglob
for helper in "$repo"/tests/peers/*.sh; do
  note "running ${helper#"$repo"/}"
  bash "$helper" </dev/null || note "${helper#"$repo"/} failed with status $?"
done
shopt -u nullglob

# --- PowerShell and Pester ----------------------------------------------------------------------------------------
# pwsh 7.6.10 is a local .NET tool (.config/dotnet-tools.json) and Pester 5.7.1 a NuGet package download
# (tests/tools/TestTools.csproj): both pinned, both from NuGet, nothing installed machine-wide.
pester_ready=1
if ! dotnet tool restore </dev/null >/dev/null; then
  note "dotnet tool restore failed: no pwsh for the Pester tests"
  pester_ready=0
fi
if ! dotnet restore "$repo/tests/tools/TestTools.csproj" </dev/null >/dev/null; then
  note "could not restore Pester 5.7.1 (tests/tools/TestTools.csproj)"
  pester_ready=0
fi

# --- tests ---------------------------------------------------------------------------------------------------
# A fresh folder per run, so the summary counts this run's TRX files and no stale ones.
results="$repo/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"

# Build once, then run each xunit project on its own, so that a failing (or crashing) project cannot keep the next
# one from running: every project's TRX file reaches the summary below.
test_status=0
if ! dotnet build "$repo/FtpLite.PowerShell.sln" </dev/null; then
  note "the build failed"
  test_status=1
else
  while IFS= read -r project; do
    # The hang timeout turns a deadlocked test into a failure (with a dump) instead of a CI run that never ends.
    dotnet test "$project" --no-build \
      --logger "trx" \
      --results-directory "$results" \
      --blame-hang-timeout 15m \
      </dev/null || test_status=1
  done < <(find "$repo/tests" -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
fi

# The Pester suite runs under the real pwsh against the module folder the build above left in out/FtpLite.
pester_passed=0 pester_failed=0 pester_skipped=0
if [ "$pester_ready" = 1 ]; then
  pester_log="$results/pester.log"
  dotnet pwsh -NoProfile -NonInteractive -File "$repo/tests/pester.ps1" -ResultPath "$results/pester.xml" </dev/null \
    2>&1 | tee "$pester_log"
  pester_line="$(grep -a '^Pester: [0-9]* passed, [0-9]* failed, [0-9]* skipped' "$pester_log" | tail -n 1)"
  if [ -n "$pester_line" ]; then
    read -r pester_passed pester_failed pester_skipped < <(echo "$pester_line" | grep -o '[0-9]\+' | tr '\n' ' ')
  else
    note "the Pester run printed no totals: counted as one failure"
    pester_failed=1
  fi
elif [ "${CI:-}" = "true" ]; then
  note "under CI a missing pwsh or Pester is a failure"
  pester_failed=1
else
  note "pwsh or Pester missing: the Pester tests were skipped"
fi

# --- summary -------------------------------------------------------------------------------------------------
# Each TRX file has one <Counters total=".." executed=".." passed=".." failed=".." error=".." .../>. Errors, timeouts
# and aborts count as failed. xunit's skipped tests are not executed, yet the TRX puts them in no counter of their
# own (notExecuted stays 0), so skipped is what is neither passed nor failed: the three always sum to the total.
counter() { # file attribute -> number (0 when absent)
  local value
  value="$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+')"
  echo "${value:-0}"
}

passed=0 failed=0 skipped=0 trx_count=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  file_passed=$(counter "$trx" passed)
  file_failed=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
  passed=$((passed + file_passed))
  failed=$((failed + file_failed))
  skipped=$((skipped + $(counter "$trx" total) - file_passed - file_failed))
done < <(find "$results" -name '*.trx' -print0)

echo "xunit: $passed passed, $failed failed, $skipped skipped"
echo "Pester: $pester_passed passed, $pester_failed failed, $pester_skipped skipped"
passed=$((passed + pester_passed))
failed=$((failed + pester_failed))
skipped=$((skipped + pester_skipped))

if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  note "dotnet test exited with status $test_status without a failed test: the build failed or a test run was cut short (TRX files: $trx_count)"
fi
echo "$passed passed, $failed failed, $skipped skipped"

if [ "$test_status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$trx_count" -eq 0 ]; then
  exit 1
fi
exit 0
