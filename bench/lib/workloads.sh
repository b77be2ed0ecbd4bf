# One measurement each: run against server KEY, print one number (or nothing on failure). Sourced by run.sh.
# Sizes come from run.sh: BIG_MIB, SMALL_FILES, SWARM_CLIENTS, LOGIN_COUNT.

url() { echo "ftp://${SRV_USER[$1]}:${SRV_PASS[$1]}@127.0.0.1:${SRV_PORT[$1]}"; }
mib_per_s() { awk -v t="$1" -v m="${2:-$BIG_MIB}" 'BEGIN { if (t > 0) printf "%.1f\n", m / t }'; }
files_per_s() { awk -v t="$1" -v n="$SMALL_FILES" 'BEGIN { if (t > 0) printf "%.1f\n", n / t }'; }
lftp_run() { # KEY, commands...
    local key=$1; shift
    lftp -u "${SRV_USER[$key]},${SRV_PASS[$key]}" -p "${SRV_PORT[$key]}" \
        -e "set net:max-retries 1; set net:timeout 30; set xfer:clobber on; set ftp:ssl-allow no; $*; quit" 127.0.0.1
}
lftp_tls_run() {
    local key=$1; shift
    lftp -u "${SRV_USER[$key]},${SRV_PASS[$key]}" -p "${SRV_PORT[$key]}" \
        -e "set net:max-retries 1; set net:timeout 30; set xfer:clobber on; set ftp:ssl-force yes; set ftp:ssl-protect-data yes; set ssl:verify-certificate no; $*; quit" 127.0.0.1
}
fresh_upload_dir() { rm -rf "${SRV_ROOT[$1]}/up"; mkdir -p "${SRV_ROOT[$1]}/up"; chmod 777 "${SRV_ROOT[$1]}/up"; }
bench_dll() { "$BENCH_BIN/FtpLite.Bench" "$@" 2>>"$WORK/errors.log"; }

# --- server rows (curl, lftp and the raw drivers against each server) ---
w_retr() { local t; t=$(time_cmd curl -sS --fail -o /dev/null "$(url "$1")/big.bin") && mib_per_s "$t"; }
w_stor() {
    local t; fresh_upload_dir "$1"
    t=$(time_cmd curl -sS --fail -T "$WORK/data/big.bin" "$(url "$1")/up/big.bin") && mib_per_s "$t"
    fresh_upload_dir "$1"
}
w_small_down() { # KEY PARALLEL
    local t dest="$WORK/dl/$1"; rm -rf "$dest"
    t=$(time_cmd lftp_run "$1" "mirror --parallel=$2 small $dest") && files_per_s "$t"
    rm -rf "$dest"
}
w_small_up() {
    local t; fresh_upload_dir "$1"
    t=$(time_cmd lftp_run "$1" "mirror -R --parallel=$2 $WORK/data/small up/small") && files_per_s "$t"
    fresh_upload_dir "$1"
}
# A script's way: one ftplib session, one STOR (or RETR) after another, no parallelism, no mirror logic.
w_ftplib_up() {
    local t; fresh_upload_dir "$1"
    t=$(/usr/bin/python3 "$BENCH_DIR/peers/ftplib_per_file.py" up "${SRV_PORT[$1]}" "${SRV_USER[$1]}" "${SRV_PASS[$1]}" \
        "$WORK/data/small" up 2>>"$WORK/errors.log") && files_per_s "$t"
    fresh_upload_dir "$1"
}
w_ftplib_down() {
    local t dest="$WORK/dl/$1"; rm -rf "$dest"
    t=$(/usr/bin/python3 "$BENCH_DIR/peers/ftplib_per_file.py" down "${SRV_PORT[$1]}" "${SRV_USER[$1]}" "${SRV_PASS[$1]}" \
        "$WORK/data/small" small "$dest" 2>>"$WORK/errors.log") && files_per_s "$t"
    rm -rf "$dest"
}
w_swarm() { # prints "seconds failures"
    local out; out=$(bench_dll swarm --port "${SRV_PORT[$1]}" --clients "$SWARM_CLIENTS" --file f1m.bin --size 1048576 \
        --user "${SRV_USER[$1]}" --pass "${SRV_PASS[$1]}") || return 1
    echo "$(result_of swarm_seconds <<<"$out") $(result_of swarm_failures <<<"$out")"
}
w_login() {
    bench_dll latency --port "${SRV_PORT[$1]}" --count "$LOGIN_COUNT" --user "${SRV_USER[$1]}" --pass "${SRV_PASS[$1]}" | result_of login_ms
}
w_login_anon() {
    bench_dll latency --port "${SRV_PORT[$1]}" --count "$LOGIN_COUNT" --user anonymous --pass bench | result_of login_ms
}
w_idle() { # KEY SESSIONS; prints "kib_per_session login_ms held"
    local out; out=$(bench_dll idle --port "${SRV_PORT[$1]}" --pid "${SRV_PID[$1]}" --sessions "$2" \
        --user "${SRV_USER[$1]}" --pass "${SRV_PASS[$1]}") || return 1
    echo "$(result_of idle_kib_per_session <<<"$out") $(result_of idle_login_ms <<<"$out") $(result_of idle_held <<<"$out")"
}
w_ftps_retr_curl() { local t; t=$(time_cmd curl -sS --fail -k --ssl-reqd -o /dev/null "$(url "$1")/tls.bin") && mib_per_s "$t" "$TLS_MIB"; }
w_ftps_stor_curl() {
    local t; fresh_upload_dir "$1"
    t=$(time_cmd curl -sS --fail -k --ssl-reqd -T "$WORK/data/tls.bin" "$(url "$1")/up/tls.bin") && mib_per_s "$t" "$TLS_MIB"
    fresh_upload_dir "$1"
}
w_ftps_retr_lftp() { local t; t=$(time_cmd lftp_tls_run "$1" "get tls.bin -o /dev/null") && mib_per_s "$t" "$TLS_MIB"; }
w_ftps_stor_lftp() {
    local t; fresh_upload_dir "$1"
    t=$(time_cmd lftp_tls_run "$1" "put $WORK/data/tls.bin -o up/tls.bin") && mib_per_s "$t" "$TLS_MIB"
    fresh_upload_dir "$1"
}
w_loopback() { # iperf3, one stream, MiB/s received
    local port out; port=$(free_port)
    with_peer_libs "$PEERS/usr/bin/iperf3" -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    local pid=$!; remember_pid "$pid"; sleep 0.3
    out=$(with_peer_libs "$PEERS/usr/bin/iperf3" -c 127.0.0.1 -p "$port" -t "$IPERF_SECONDS" -P 1 -J 2>>"$WORK/errors.log")
    wait "$pid" 2>/dev/null
    /usr/bin/python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 8 / 1048576))' <<<"$out"
}

# --- verification cost: \`ftplite get/put\` (the CLI, whole process) of the big file against FtpLite's server, which
# answers HASH: CHECK is hash (the default: a hash taken while the bytes stream, compared with the server's) or none ---
ftplite_cli() { "$FTPLITE_CLI" "$@"; }
v_down() { # CHECK KEY
    local t dest="$WORK/dl/verify"; rm -rf "$dest"; mkdir -p "$dest"
    t=$(FTPLITE_PASSWORD=${SRV_PASS[$2]} time_cmd ftplite_cli get -H 127.0.0.1 --port "${SRV_PORT[$2]}" -u "${SRV_USER[$2]}" \
        --verify "$1" --to "$dest" big.bin)
    rm -rf "$dest"
    [ -n "${t:-}" ] && mib_per_s "$t"
}
v_up() {
    local t; fresh_upload_dir "$2"
    t=$(FTPLITE_PASSWORD=${SRV_PASS[$2]} time_cmd ftplite_cli put -H 127.0.0.1 --port "${SRV_PORT[$2]}" -u "${SRV_USER[$2]}" \
        --verify "$1" --to up/big.bin "$WORK/data/big.bin")
    fresh_upload_dir "$2"
    [ -n "${t:-}" ] && mib_per_s "$t"
}

# The cmdlets' first call in a fresh \`dotnet pwsh\` (7.6.10, the repo's tool manifest): the module imported, then
# the call timed inside that shell (the process start-up and import are not in the number, the first call's JIT is).
# With WARMUP, that script runs first, untimed: what is timed is then a session's second call (no JIT left to pay).
pwsh_first_call() { # SCRIPT [WARMUP]
    (cd "$BENCH_DIR/.." && timeout 600 dotnet pwsh -NoProfile -NonInteractive -Command "
        \$ErrorActionPreference = 'Stop'; Import-Module '$MODULE_DIR'
        \$null = & { ${2:-} }
        \$clock = [Diagnostics.Stopwatch]::StartNew(); \$null = & { $1 }; \$clock.Stop()
        'RESULT client_seconds ' + \$clock.Elapsed.TotalSeconds.ToString([Globalization.CultureInfo]::InvariantCulture)") 2>>"$WORK/errors.log"
}

# --- client rows: each client against vsftpd (KEY), CLIENT one of ftplite cmdlets curl lftp ncftp ---
# (ftplite runs with progress on; ftplite-noprogress, big files only, measures what progress costs; cmdlets-warm,
# small files at 8 sessions only, times the cmdlet's second call in its session.)
ncftp_bin() { with_peer_libs "$PEERS/usr/bin/$1" "${@:2}"; }
cmdlets_run() { bench_dll cmdlets --module "$MODULE_DIR" "$@"; }
c_down() {
    local c=$1 key=$2 t out P=${SRV_PORT[$2]}
    case $c in
        ftplite) out=$(bench_dll client --do get --port "$P" --path big.bin) && t=$(result_of client_seconds <<<"$out") ;;
        ftplite-noprogress) out=$(bench_dll client --do get --port "$P" --path big.bin --no-progress) && t=$(result_of client_seconds <<<"$out") ;;
        # \`ftplite get\` as a user runs it: the whole process, start-up included; it writes a file (tmpfs), as cmdlets do.
        ftplite-cli) rm -rf "$WORK/dl/cli"; mkdir -p "$WORK/dl/cli"
                     t=$(time_cmd ftplite_cli get -H 127.0.0.1 --port "$P" --to "$WORK/dl/cli" big.bin)
                     rm -rf "$WORK/dl/cli" ;;
        # A cmdlet writes a file (tmpfs here), never /dev/null: it pays a copy the others do not.
        cmdlets) rm -rf "$WORK/dl/cmdlets"; mkdir -p "$WORK/dl/cmdlets"
                 out=$(cmdlets_run --do get --port "$P" --path big.bin --local "$WORK/dl/cmdlets") && t=$(result_of client_seconds <<<"$out")
                 rm -rf "$WORK/dl/cmdlets" ;;
        curl) t=$(time_cmd curl -sS --fail -o /dev/null "$(url "$key")/big.bin") ;;
        lftp) t=$(time_cmd lftp_run "$key" "get big.bin -o /dev/null") ;;
        ncftp) t=$(time_cmd sh -c "LD_LIBRARY_PATH=$PEERS/usr/lib/x86_64-linux-gnu '$PEERS/usr/bin/ncftpget' -V -P $P -c 127.0.0.1 big.bin >/dev/null") ;;
    esac
    [ -n "${t:-}" ] && mib_per_s "$t"
}
c_up() {
    local c=$1 key=$2 t out P=${SRV_PORT[$2]}; fresh_upload_dir "$key"
    case $c in
        ftplite) out=$(bench_dll client --do put --port "$P" --local "$WORK/data/big.bin" --path up/big.bin) && t=$(result_of client_seconds <<<"$out") ;;
        ftplite-noprogress) out=$(bench_dll client --do put --port "$P" --local "$WORK/data/big.bin" --path up/big.bin --no-progress) && t=$(result_of client_seconds <<<"$out") ;;
        ftplite-cli) t=$(time_cmd ftplite_cli put -H 127.0.0.1 --port "$P" --to up/big.bin "$WORK/data/big.bin") ;;
        cmdlets) out=$(cmdlets_run --do put --port "$P" --local "$WORK/data/big.bin" --path up) && t=$(result_of client_seconds <<<"$out") ;;
        curl) t=$(time_cmd curl -sS --fail -T "$WORK/data/big.bin" "$(url "$key")/up/big.bin") ;;
        lftp) t=$(time_cmd lftp_run "$key" "put $WORK/data/big.bin -o up/big.bin") ;;
        ncftp) t=$(time_cmd ncftp_bin ncftpput -V -P "$P" 127.0.0.1 up "$WORK/data/big.bin") ;;
    esac
    fresh_upload_dir "$key"
    [ -n "${t:-}" ] && mib_per_s "$t"
}
curl_many_config() { # DIRECTION(down|up) KEY DEST
    local f name base; base=$(url "$2")
    for f in "$WORK/data/small/"*; do
        name=$(basename "$f")
        if [ "$1" = down ]; then echo "url = \"$base/small/$name\""; echo "output = \"$3/$name\""
        else echo "upload-file = \"$f\""; echo "url = \"$base/up/small/$name\""; fi
    done
}
c_small_down() { # CLIENT KEY PARALLEL
    local c=$1 key=$2 n=$3 t out P=${SRV_PORT[$2]} dest="$WORK/dl/client-$1"; rm -rf "$dest"; mkdir -p "$dest"
    case $c in
        ftplite) out=$(bench_dll client --do mget --port "$P" --path small --local "$dest" --parallel "$n") && t=$(result_of client_seconds <<<"$out") ;;
        cmdlets) out=$(cmdlets_run --do mget --port "$P" --path small --local "$dest" --parallel "$n") && t=$(result_of client_seconds <<<"$out") ;;
        cmdlets-warm) out=$(cmdlets_run --do mget --port "$P" --path small --local "$dest" --parallel "$n" --warm) && t=$(result_of client_seconds <<<"$out") ;;
        cmdlets-pwsh) out=$(pwsh_first_call "Receive-FtpLiteFile -PassThru -Path 'small/*' -Destination '$dest' -Force -ThrottleLimit $n -Server 127.0.0.1 -Port $P") \
                          && t=$(result_of client_seconds <<<"$out") ;;
        curl) curl_many_config down "$key" "$dest" >"$WORK/curl.cfg"
              if [ "$n" = 1 ]; then t=$(time_cmd curl -sS --fail -K "$WORK/curl.cfg")
              else t=$(time_cmd curl -sS --fail -Z --parallel-max "$n" -K "$WORK/curl.cfg"); fi ;;
        lftp) t=$(time_cmd lftp_run "$key" "mirror --parallel=$n small $dest") ;;
        ncftp) [ "$n" = 1 ] && t=$(time_cmd ncftp_bin ncftpget -V -T -P "$P" -R 127.0.0.1 "$dest" small) ;;
    esac
    rm -rf "$dest"
    [ -n "${t:-}" ] && files_per_s "$t"
}
c_small_up() {
    local c=$1 key=$2 n=$3 t out P=${SRV_PORT[$2]}; fresh_upload_dir "$key"
    case $c in
        ftplite) out=$(bench_dll client --do mput --port "$P" --local "$WORK/data/small" --path up/small --parallel "$n") && t=$(result_of client_seconds <<<"$out") ;;
        cmdlets) out=$(cmdlets_run --do mput --port "$P" --local "$WORK/data/small" --path up/small --parallel "$n") && t=$(result_of client_seconds <<<"$out") ;;
        cmdlets-warm) out=$(cmdlets_run --do mput --port "$P" --local "$WORK/data/small" --path up/small --parallel "$n" --warm) && t=$(result_of client_seconds <<<"$out") ;;
        cmdlets-pwsh) out=$(pwsh_first_call "New-FtpLiteDirectory up/small -Server 127.0.0.1 -Port $P; Send-FtpLiteFile -PassThru -LiteralPath (Get-ChildItem -File '$WORK/data/small').FullName -Destination up/small -Force -ThrottleLimit $n -Server 127.0.0.1 -Port $P") \
                          && t=$(result_of client_seconds <<<"$out") ;;
        curl) curl_many_config up "$key" >"$WORK/curl.cfg"
              if [ "$n" = 1 ]; then t=$(time_cmd curl -sS --fail --ftp-create-dirs -K "$WORK/curl.cfg")
              else t=$(time_cmd curl -sS --fail --ftp-create-dirs -Z --parallel-max "$n" -K "$WORK/curl.cfg"); fi ;;
        lftp) t=$(time_cmd lftp_run "$key" "mirror -R --parallel=$n $WORK/data/small up/small") ;;
        ncftp) [ "$n" = 1 ] && t=$(time_cmd ncftp_bin ncftpput -V -P "$P" -R 127.0.0.1 up "$WORK/data/small") ;;
    esac
    fresh_upload_dir "$key"
    [ -n "${t:-}" ] && files_per_s "$t"
}

# --- mirror rows: a tree of TREE_FOLDERS x TREE_FILES small files mirrored whole, 8 sessions, against vsftpd (KEY:
# vsftpd-anon, every client logging in the same way) ---
# CLIENT: ftplite-cli ("ftplite mirror -j 8", a process per run as lftp is), cmdlets (Sync-FtpLiteDirectory
# -ThrottleLimit 8, the first call in a fresh pwsh), cmdlets-warm (the same session's second call: the first mirrors to
# another target, untimed), lftp ("mirror --parallel=8"). Each timed run starts from an empty target.
m_mirror() { # DIRECTION(up|down) CLIENT KEY
    local dir=$1 c=$2 key=$3 t out P=${SRV_PORT[$3]} dest="$WORK/dl/mirror-$2" files=$((TREE_FOLDERS * TREE_FILES))
    local sync="Sync-FtpLiteDirectory -PassThru -ThrottleLimit 8 -Server 127.0.0.1 -Port $P" warmup=""
    rm -rf "$dest" "$dest-warm"; fresh_upload_dir "$key"
    if [ "$dir" = down ]; then
        [ "$c" = cmdlets-warm ] && warmup="$sync Download '$dest-warm' tree; Remove-Item -Recurse -Force '$dest-warm'"
        case $c in
            ftplite-cli) t=$(time_cmd ftplite_cli mirror --down tree "$dest" -j 8 -H 127.0.0.1 --port "$P") ;;
            cmdlets*) out=$(pwsh_first_call "$sync Download '$dest' tree" "$warmup") && t=$(result_of client_seconds <<<"$out") ;;
            lftp) t=$(time_cmd lftp_run "$key" "mirror --parallel=8 tree $dest") ;;
        esac
        [ "$(find "$dest" -type f 2>/dev/null | wc -l)" = "$files" ] || { echo "mirror down $c: not $files files" >>"$WORK/errors.log"; t=""; }
    else
        [ "$c" = cmdlets-warm ] && warmup="$sync Upload '$WORK/data/tree' up/tree-warm"
        case $c in
            ftplite-cli) t=$(time_cmd ftplite_cli mirror --up "$WORK/data/tree" up/tree -j 8 -H 127.0.0.1 --port "$P") ;;
            cmdlets*) out=$(pwsh_first_call "$sync Upload '$WORK/data/tree' up/tree" "$warmup") && t=$(result_of client_seconds <<<"$out") ;;
            lftp) t=$(time_cmd lftp_run "$key" "mirror -R --parallel=8 $WORK/data/tree up/tree") ;;
        esac
        [ "$(find "${SRV_ROOT[$key]}/up/tree" -type f 2>/dev/null | wc -l)" = "$files" ] || { echo "mirror up $c: not $files files" >>"$WORK/errors.log"; t=""; }
    fi
    rm -rf "$dest" "$dest-warm"; fresh_upload_dir "$key"
    [ -n "${t:-}" ] && echo "$files $t" | awk '{ printf "%.1f\n", $1 / $2 }'
}
