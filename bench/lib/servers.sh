# Starting the servers under test, each on 127.0.0.1, each with its own root folder holding hard links to the same
# data (so the page cache is shared). Sourced by run.sh. Sets, per KEY: SRV_PORT, SRV_PID (the process whose tree is
# the server), SRV_ROOT, SRV_USER, SRV_PASS (the password account every row logs in with), SRV_ANON (1 where the
# server also lets "anonymous" in: the anonymous login row and the client rows). TLS instances get a KEY ending in
# "-tls" and require TLS. Expects WORK, PEERS, FTPLITE_CLI (ftplite's Release build), BENCH_DIR and CERT/KEY to be set.
#
# Alike for every server: one password account (BENCH_USER / BENCH_PASS) with read-write access to its root; at most
# LIMIT_SESSIONS sessions in total and as many from one address (every client here is 127.0.0.1); idle timeout one
# hour; no DNS lookups; no per-command or transfer logging. The stored password is an MD5-crypt hash for the C servers
# (pure-ftpd's PureDB, ProFTPD's AuthUserFile, vsftpd's system account through PAM), plain text for pyftpdlib
# (DummyAuthorizer) and FtpLite's own PBKDF2 for FtpLite. PIN (e.g. "taskset -c 0") prefixes every server's command.

declare -A SRV_PORT SRV_PID SRV_ROOT SRV_USER SRV_PASS SRV_ANON
BENCH_USER=ftplitebench
BENCH_PASS=bench-password-1
LIMIT_SESSIONS=20000
BENCH_HASH=$(openssl passwd -1 "$BENCH_PASS")

make_root() {
    local key=$1 root="$WORK/srv/$1"
    rm -rf "$root"; mkdir -p "$root/small" "$root/up"
    ln "$WORK/data/big.bin" "$WORK/data/f1m.bin" "$WORK/data/tls.bin" "$root/"
    ln "$WORK/data/small/"* "$root/small/"
    [ -d "$WORK/data/tree" ] && cp -al "$WORK/data/tree" "$root/tree" && chmod -R a+rwX "$root/tree"
    chmod 777 "$root" "$root/small" "$root/up"
    SRV_ROOT[$key]=$root
    SRV_USER[$key]=$BENCH_USER
    SRV_PASS[$key]=$BENCH_PASS
    SRV_ANON[$key]=1
}

started() {
    local key=$1 port=$2 pid=$3
    remember_pid "$pid"
    SRV_PORT[$key]=$port
    SRV_PID[$key]=$pid
    wait_ftp "$port" || { echo "$key did not start:" >&2; tail -5 "$WORK/state/$key/"*.log >&2; return 1; }
    log "started $key on port $port (pid $pid)"
}

# FtpLite: `ftplite serve` as a user runs it (the CLI, Release), the account from FTPLITE_PASSWORD, anonymous read-only
# beside it (for the anonymous login row). Its session log (one line per session event) goes to a file, as the
# peers' logs would: the peers are told not to log, and serve has no switch for that.
start_ftplite() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    local extra=()
    [ "$tls" = 1 ] && extra=(--certificate "$CERT" --certificate-key "$KEY" --require-tls)
    FTPLITE_PASSWORD=$BENCH_PASS $PIN "$FTPLITE_CLI" serve --root "${SRV_ROOT[$key]}" --port "$port" --user "$BENCH_USER" --anonymous \
        --max-sessions "$LIMIT_SESSIONS" --max-sessions-per-address "$LIMIT_SESSIONS" --idle-timeout 3600 "${extra[@]}" \
        >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# vsftpd standalone, started as root as it is meant to run (a privileged parent per session, the session itself as
# the user), because its password logins go through PAM to a system account: run.sh makes BENCH_USER (home: the
# scratch folder, shell nologin, MD5-crypt password) and a PAM service file, and removes both on exit. Anonymous (as
# the account too: nobody's home does not exist) with write access beside it, for the anonymous login row and the
# client rows. No chroot for the account.
start_vsftpd() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state/empty"; port=$(free_port)
    chmod 755 "${SRV_ROOT[$key]}" # Anonymous sessions are chrooted, and vsftpd refuses a writable chroot; uploads go to up/.
    cat >"$state/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
nopriv_user=nobody
ftp_username=$BENCH_USER
secure_chroot_dir=$state/empty
pam_service_name=$PAM_SERVICE
anonymous_enable=YES
no_anon_password=YES
anon_root=${SRV_ROOT[$key]}
anon_world_readable_only=NO
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_other_write_enable=YES
anon_umask=022
local_enable=YES
local_root=${SRV_ROOT[$key]}
local_umask=022
pasv_enable=YES
connect_from_port_20=NO
xferlog_enable=NO
dirmessage_enable=NO
max_clients=$LIMIT_SESSIONS
max_per_ip=$LIMIT_SESSIONS
idle_session_timeout=3600
CONF
    if [ "$tls" = 1 ]; then
        cat >>"$state/vsftpd.conf" <<CONF
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
force_local_logins_ssl=YES
force_local_data_ssl=YES
rsa_cert_file=$CERT
rsa_private_key_file=$KEY
require_ssl_reuse=NO
ssl_ciphers=HIGH
CONF
    fi
    (cd "$state" && exec env LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu" \
        $PIN "$PEERS/usr/sbin/vsftpd" "$state/vsftpd.conf") >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# pure-ftpd: the account is a virtual user (PureDB, mapped to nobody, chrooted) with an MD5-crypt hash. Anonymous
# login needs a system account "ftp" this image lacks, so it has none (its anonymous login cell stays empty).
start_pure_ftpd() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    SRV_ANON[$key]=0
    echo "$BENCH_USER:$BENCH_HASH:65534:65534::${SRV_ROOT[$key]}/./::::::::::::" >"$state/pureftpd.passwd"
    with_peer_libs "$PEERS/usr/bin/pure-pw" mkdb "$state/pureftpd.pdb" -f "$state/pureftpd.passwd" >/dev/null
    local extra=()
    [ "$tls" = 1 ] && extra=(-Y 2 -2 "$CERT,$KEY" -J HIGH)
    # -E no anonymous, -H no DNS, -A chroot, -c/-C client limits, -I idle minutes, -u lowest uid, -f none: no syslog.
    (exec env LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu" \
        $PIN "$PEERS/usr/sbin/pure-ftpd" -S "127.0.0.1,$port" -l "puredb:$state/pureftpd.pdb" -E -H -A -c "$LIMIT_SESSIONS" -C "$LIMIT_SESSIONS" -I 60 -u 1 \
        -f none "${extra[@]}") >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# ProFTPD standalone in the foreground: the account from an AuthUserFile (MD5-crypt, mapped to nobody), an <Anonymous>
# block served as nobody beside it. mod_delay (which pads every login
# to a learned time against user probing) is off: with it a login took ~400 ms, which measures the padding.
start_proftpd() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    echo "$BENCH_USER:$BENCH_HASH:65534:65534::${SRV_ROOT[$key]}:/bin/sh" >"$state/passwd"
    echo "nogroup:x:65534:" >"$state/group"
    chmod 600 "$state/passwd" "$state/group"
    local tls_conf=""
    if [ "$tls" = 1 ]; then
        tls_conf="ModulePath $PEERS/usr/lib/proftpd
LoadModule mod_tls.c
TLSEngine on
TLSRequired on
TLSRSACertificateFile $CERT
TLSRSACertificateKeyFile $KEY
TLSProtocol TLSv1.2 TLSv1.3
TLSVerifyClient off
TLSOptions NoSessionReuseRequired
TLSLog $state/tls.log"
    fi
    cat >"$state/proftpd.conf" <<CONF
ServerName "bench"
ServerType standalone
DefaultServer on
Port $port
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
PidFile $state/proftpd.pid
ScoreboardFile $state/proftpd.scoreboard
DelayTable none
DelayEngine off
WtmpLog off
UseReverseDNS off
SystemLog $state/system.log
TransferLog none
User nobody
Group nogroup
MaxInstances $LIMIT_SESSIONS
MaxClients $LIMIT_SESSIONS
MaxClientsPerHost $LIMIT_SESSIONS
TimeoutIdle 3600
AuthPAM off
AuthOrder mod_auth_file.c mod_auth_unix.c
AuthUserFile $state/passwd
AuthGroupFile $state/group
RequireValidShell off
AllowOverwrite on
UseFtpUsers off
$tls_conf
<Anonymous ${SRV_ROOT[$key]}>
  User nobody
  Group nogroup
  UserAlias anonymous nobody
  RequireValidShell off
  MaxClients $LIMIT_SESSIONS
  AllowOverwrite on
  <Limit WRITE>
    AllowAll
  </Limit>
</Anonymous>
CONF
    (exec env LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu" \
        $PIN "$PEERS/usr/sbin/proftpd" -n -q -c "$state/proftpd.conf") >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# pyftpdlib (Debian's python3-pyftpdlib) with the system Python.
start_pyftpdlib() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    local extra=()
    [ "$tls" = 1 ] && extra=(--cert "$CERT" --key "$KEY")
    PYFTPD_PASSWORD=$BENCH_PASS $PIN /usr/bin/python3 "$BENCH_DIR/peers/pyftpd_server.py" --port "$port" --root "${SRV_ROOT[$key]}" \
        --user "$BENCH_USER" --max-sessions "$LIMIT_SESSIONS" "${extra[@]}" \
        >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

start_server() {
    local name=$1 tls=$2 key=$1
    [ "$tls" = 1 ] && key="$1-tls"
    case $name in
        ftplite) start_ftplite "$key" "$tls" ;;
        vsftpd) start_vsftpd "$key" "$tls" ;;
        pure-ftpd) start_pure_ftpd "$key" "$tls" ;;
        proftpd) start_proftpd "$key" "$tls" ;;
        pyftpdlib) start_pyftpdlib "$key" "$tls" ;;
        *) echo "unknown server $name" >&2; return 1 ;;
    esac
}

# vsftpd-anon: the same vsftpd as key "vsftpd", logged in to anonymously (the client and mirror rows: every client the same way).
alias_vsftpd_anonymous() {
    SRV_PORT[vsftpd-anon]=${SRV_PORT[vsftpd]}; SRV_ROOT[vsftpd-anon]=${SRV_ROOT[vsftpd]}
    SRV_USER[vsftpd-anon]=anonymous; SRV_PASS[vsftpd-anon]=bench
}
