#!/usr/bin/env bash
# One big file up and down through FtpLite over S3, beside the `aws` command line talking to the same store directly
# (issue #13: FtpLite's rate at least 0.8x the direct client's). Run by hand (not by CI):
#   bash bench/s3-throughput.sh [size-MiB=1024] [reps=3]
# Starts a throw-away Swift with the S3 API (tests/support/swift.sh, Debian's python3-swift: tests/peers/get-swift.sh)
# in a scratch folder, builds `ftplite` in Release and serves the bucket with `--store s3` (keys in its environment)
# and one password account. Each repetition, in alternating order: curl uploads the file through FtpLite (`curl -T`)
# and `aws s3 cp` uploads it directly; curl downloads it through FtpLite and `aws s3 cp` directly. Both download into
# a file on the scratch folder (aws cannot write to /dev/null: it renames a temporary file over the target), and every
# transfer is checked afterwards (downloads by SHA-256, uploads by the object's size). aws gets the store's part size
# (8 MiB, S3Upload.PartSize) as its multipart threshold and chunk size, in a config file of its own; its concurrency
# stays at its default (10 parts at once), while FtpLite sends up to 3 at once (S3Upload.MaxPartsInFlight).
# Prints MiB/s per repetition, the medians and the ratio FtpLite/direct, with the load average before and after.
set -euo pipefail
size_mib=${1:-1024}
reps=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
base=/tmp
# Room for the file, two downloads and Swift's copies of three objects.
if [ -d /dev/shm ] && [ "$(df --output=avail -k /dev/shm | tail -n 1)" -gt $(( size_mib * 1024 * 7 )) ]; then base=/dev/shm; fi
scratch=$(mktemp -d "${BENCH_TMP:-$base}/ftplite-s3.XXXXXX")
pids=()
cleanup() {
    local status=$?
    # A failed run shows what the server and Swift last said before their folder goes.
    if [ "$status" != 0 ]; then tail -n 5 "$scratch/serve.log" "$scratch"/swift/log/*.log >&2 2>/dev/null || true; fi
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
    if [ -d "$scratch/swift" ]; then sh "$here/tests/support/swift.sh" stop "$scratch/swift" >/dev/null 2>&1 || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

command -v aws >/dev/null || { echo "s3-throughput.sh: the aws command line is needed (pip install awscli)" >&2; exit 1; }
command -v curl >/dev/null || { echo "s3-throughput.sh: curl is needed (apt-get install curl)" >&2; exit 1; }
dotnet publish -c Release -o "$scratch/bin" "$here/src/FtpLite.Cli" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }

sh "$here/tests/support/swift.sh" start "$scratch/swift" >"$scratch/swift.env" || { echo "s3-throughput.sh: Swift did not start" >&2; exit 1; }
endpoint=$(sed -n 's/^endpoint=//p' "$scratch/swift.env")
region=$(sed -n 's/^region=//p' "$scratch/swift.env")
export AWS_ACCESS_KEY_ID=$(sed -n 's/^access_key=//p' "$scratch/swift.env")
export AWS_SECRET_ACCESS_KEY=$(sed -n 's/^secret_key=//p' "$scratch/swift.env")
export AWS_DEFAULT_REGION=$region
# aws reads and writes only files of this run, never the machine's ~/.aws.
export AWS_CONFIG_FILE=$scratch/aws-config AWS_SHARED_CREDENTIALS_FILE=$scratch/aws-credentials
aws configure set default.s3.multipart_threshold 8MB
aws configure set default.s3.multipart_chunksize 8MB
s3() { aws --endpoint-url "$endpoint" "$@"; }
bucket=ftplite-bench
s3 s3 mb "s3://$bucket" >/dev/null

user=bench password=bench-password-1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
FTPLITE_PASSWORD=$password dotnet "$scratch/bin/FtpLite.Cli.dll" serve --address 127.0.0.1 --port "$port" \
    --store s3 --bucket "$bucket" --endpoint "$endpoint" --region "$region" --user "$user" >"$scratch/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q "FtpLite serving" "$scratch/serve.log" && break; sleep 0.1; done
grep -q "FtpLite serving" "$scratch/serve.log" || { echo "s3-throughput.sh: ftplite serve did not start" >&2; cat "$scratch/serve.log" >&2; exit 1; }
ftp="ftp://127.0.0.1:$port"

big="$scratch/big.bin"
head -c $(( size_mib * 1024 * 1024 )) /dev/urandom >"$big"
bytes=$(stat -c %s "$big")
digest=$(sha256sum "$big" | cut -d' ' -f1)
# The object both downloads read, put there once by aws (untimed).
s3 s3 cp --only-show-errors "$big" "s3://$bucket/big.bin"

timed() { # command...: prints MiB/s of the file over the command's wall time
    local start end
    start=$(date +%s.%N)
    # A failed transfer stops the run (rate=$(run ...) fails under set -e) rather than printing a rate.
    "$@" >/dev/null || { echo "s3-throughput.sh: $1 failed (exit $?)" >&2; return 1; }
    end=$(date +%s.%N)
    echo "$start $end" | awk -v b="$bytes" '{ printf "%.1f", b / 1048576 / ($2 - $1) }'
}
check_object() { # key: the object has the file's size
    local got
    got=$(s3 s3api head-object --bucket "$bucket" --key "$1" --query ContentLength --output text)
    [ "$got" = "$bytes" ] || { echo "s3-throughput.sh: object $1 has $got bytes, not $bytes" >&2; exit 1; }
}
check_file() { # path: the download is the file, byte for byte
    [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$digest" ] || { echo "s3-throughput.sh: $1 differs from the file sent" >&2; exit 1; }
    rm -f "$1"
}
run() { # subject direction
    case "$1 $2" in
        "ftplite up") timed curl -sS --fail -u "$user:$password" -T "$big" "$ftp/up-ftplite.bin" && check_object up-ftplite.bin ;;
        "direct up") timed s3 s3 cp --only-show-errors "$big" "s3://$bucket/up-direct.bin" && check_object up-direct.bin ;;
        "ftplite down") timed curl -sS --fail -u "$user:$password" -o "$scratch/down.bin" "$ftp/big.bin" && check_file "$scratch/down.bin" ;;
        "direct down") timed s3 s3 cp --only-show-errors "s3://$bucket/big.bin" "$scratch/down.bin" && check_file "$scratch/down.bin" ;;
    esac
}

results="$scratch/results.txt"
echo "file: $size_mib MiB; reps: $reps; load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf "%-4s %-8s %-5s %8s\n" rep subject dir "MiB/s"
for r in $(seq 1 "$reps"); do
    # Odd repetitions go FtpLite first, even ones direct first, so drift on a shared machine hits both alike.
    if [ $(( r % 2 )) = 1 ]; then order="ftplite direct"; else order="direct ftplite"; fi
    for dir in up down; do
        for subject in $order; do
            rate=$(run "$subject" "$dir")
            printf "%-4s %-8s %-5s %8s\n" "$r" "$subject" "$dir" "$rate" | tee -a "$results"
        done
    done
done
echo
echo "medians (MiB/s) and FtpLite/direct:"
awk '{ v[$2 " " $3] = v[$2 " " $3] " " $4 }
     function median(list,   a, n, i, j, t) { n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }; return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     END { for (d = 1; d <= 2; d++) { dir = d == 1 ? "up" : "down"; f = median(v["ftplite " dir]); s = median(v["direct " dir])
           printf "  %-5s ftplite %7.1f  direct %7.1f  ratio %.2fx\n", dir, f, s, f / s } }' "$results"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
