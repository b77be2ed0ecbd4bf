# Shared helpers for bench/run.sh: logging, free ports, readiness, process bookkeeping and cleanup.
# Sourced, not run. Expects WORK (a scratch folder) and PEERS (the unpacked packages' root) to be set.

STARTED_PIDS=()

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# A TCP port nobody listens on, below the ephemeral range so that no client's socket can take it meanwhile.
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 9000))
        if ! ss -Htln "sport = :$port" | grep -q . && [[ " ${USED_PORTS:-} " != *" $port "* ]]; then
            USED_PORTS="${USED_PORTS:-} $port"
            echo "$port"
            return 0
        fi
    done
    echo "no free port" >&2
    return 1
}

# Waits (at most ~20 s) until something on 127.0.0.1:$1 greets with 220.
wait_ftp() {
    local port=$1 line
    for _ in $(seq 1 100); do
        if { exec 9<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            line=""
            read -r -t 2 line <&9 || true
            exec 9>&- 9<&-
            [[ $line == 220* ]] && return 0
        fi
        sleep 0.2
    done
    echo "no FTP greeting on port $port" >&2
    return 1
}

# Runs a command with the unpacked packages' libraries on the search path.
with_peer_libs() {
    LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"
}

remember_pid() { STARTED_PIDS+=("$1"); }

# The process and all its descendants (forking servers), children first.
process_tree() {
    local pid=$1 child
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do process_tree "$child"; done
    echo "$pid"
}

# Stops everything this run started, by process id: TERM, a moment's grace, then KILL.
stop_all() {
    local pid tree=()
    for pid in "${STARTED_PIDS[@]}"; do tree+=($(process_tree "$pid")); done
    [ ${#tree[@]} -eq 0 ] && return 0
    kill -TERM "${tree[@]}" 2>/dev/null || true
    for _ in $(seq 1 30); do
        local alive=0
        for pid in "${tree[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ $alive = 0 ] && break
        sleep 0.1
    done
    kill -KILL "${tree[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
    STARTED_PIDS=()
}

# Wall time of a command in seconds (bash's clock, microseconds), its output discarded; fails if the command does.
time_cmd() {
    local start end
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>>"$WORK/errors.log" || { echo "FAILED: $*" >>"$WORK/errors.log"; return 1; }
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f\n", e - s }'
}

# Waits (at most 70 s) until fewer than 3000 TCP sockets sit in TIME_WAIT. Every small-file run leaves ~1000 (one
# per data connection, for a minute), and servers that bind passive port 0 slow down five-fold once ~12,000 pile up:
# each row starts from the same calm state, whatever ran before it.
settle() {
    local i
    for ((i = 0; i < 70; i++)); do
        [ "$(ss -tan state time-wait 2>/dev/null | tail -n +2 | wc -l)" -lt 3000 ] && return 0
        sleep 1
    done
}

# "RESULT name value" from a driver's output.
result_of() { awk -v n="$1" '$1 == "RESULT" && $2 == n { print $3 }'; }

# vsftpd's password login goes through PAM to a system account: one made for the run (MD5-crypt password, no shell,
# no home of its own) with a PAM service file that checks it with pam_unix alone; both removed by drop_system_account.
PAM_SERVICE=ftplite-bench-$$
make_system_account() {
    id "$BENCH_USER" >/dev/null 2>&1 && { echo "account $BENCH_USER exists already (a previous run's?); userdel it first" >&2; return 1; }
    useradd --no-create-home --home-dir "$WORK" --shell /usr/sbin/nologin --password "$BENCH_HASH" "$BENCH_USER"
    printf 'auth required pam_unix.so\naccount required pam_unix.so\nsession required pam_permit.so\n' >"/etc/pam.d/$PAM_SERVICE"
    SYSTEM_ACCOUNT=1
}
drop_system_account() {
    [ "${SYSTEM_ACCOUNT:-0}" = 1 ] || return 0
    userdel "$BENCH_USER" 2>/dev/null || true
    rm -f "/etc/pam.d/$PAM_SERVICE"
}
