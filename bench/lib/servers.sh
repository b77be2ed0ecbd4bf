# Starting the servers under test, each on 127.0.0.1, each with its own root folder holding hard links to the same
# data (so the page cache is shared). Sourced by run.sh. Sets, per KEY: SRV_PORT, SRV_PID (the process whose tree is
# the server), SRV_ROOT, SRV_USER, SRV_PASS. TLS instances get a KEY ending in "-tls" and require TLS.
# Expects WORK, PEERS, BENCH_BIN (FtpLite.Bench build output), BENCH_DIR and CERT/KEY (PEM) to be set.

declare -A SRV_PORT SRV_PID SRV_ROOT SRV_USER SRV_PASS

make_root() {
    local key=$1 root="$WORK/srv/$1"
    mkdir -p "$root/small" "$root/up"
    ln "$WORK/data/big.bin" "$WORK/data/f1m.bin" "$WORK/data/tls.bin" "$root/"
    ln "$WORK/data/small/"* "$root/small/"
    [ -d "$WORK/data/tree" ] && cp -al "$WORK/data/tree" "$root/tree" && chmod -R a+rwX "$root/tree"
    chmod 777 "$root" "$root/small" "$root/up"
    SRV_ROOT[$key]=$root
    SRV_USER[$key]=anonymous
    SRV_PASS[$key]=bench
}

started() {
    local key=$1 port=$2 pid=$3
    remember_pid "$pid"
    SRV_PORT[$key]=$port
    SRV_PID[$key]=$pid
    wait_ftp "$port" || { echo "$key did not start; see $WORK/state/$key" >&2; return 1; }
    log "started $key on port $port (pid $pid)"
}

# FtpLite, hosted alone in its process by FtpLite.Bench (Release), anonymous read-write.
start_ftplite() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    local extra=()
    [ "$tls" = 1 ] && extra=(--cert "$CERT" --key "$KEY" --require-tls)
    "$BENCH_BIN/FtpLite.Bench" host --root "${SRV_ROOT[$key]}" --port "$port" --max-sessions 20000 "${extra[@]}" \
        >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# vsftpd standalone as the launching user (root here), anonymous with write access, no chroot, no client limits.
start_vsftpd() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state/empty"; port=$(free_port)
    cat >"$state/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
seccomp_sandbox=NO
run_as_launching_user=YES
ftp_username=nobody
secure_chroot_dir=$state/empty
anonymous_enable=YES
no_anon_password=YES
anon_root=${SRV_ROOT[$key]}
anon_world_readable_only=NO
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_other_write_enable=YES
anon_umask=022
local_enable=NO
pasv_enable=YES
connect_from_port_20=NO
xferlog_enable=NO
dirmessage_enable=NO
max_clients=0
max_per_ip=0
idle_session_timeout=3600
CONF
    if [ "$tls" = 1 ]; then
        cat >>"$state/vsftpd.conf" <<CONF
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
rsa_cert_file=$CERT
rsa_private_key_file=$KEY
require_ssl_reuse=NO
ssl_ciphers=HIGH
CONF
    fi
    (cd "$state" && exec env LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu" \
        "$PEERS/usr/sbin/vsftpd" "$state/vsftpd.conf") >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# pure-ftpd: anonymous login needs a system account "ftp" this image lacks, so a virtual user (PureDB, mapped to
# nobody, chrooted) logs in instead, with an MD5-crypt password hash (cheap, like no hash at all next to a login).
start_pure_ftpd() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    SRV_USER[$key]=bench; SRV_PASS[$key]=bench
    local hash; hash=$(openssl passwd -1 bench)
    echo "bench:$hash:65534:65534::${SRV_ROOT[$key]}/./::::::::::::" >"$state/pureftpd.passwd"
    with_peer_libs "$PEERS/usr/bin/pure-pw" mkdb "$state/pureftpd.pdb" -f "$state/pureftpd.passwd" >/dev/null
    local extra=()
    [ "$tls" = 1 ] && extra=(-Y 2 -2 "$CERT,$KEY" -J HIGH)
    # -E no anonymous, -H no DNS, -A chroot, -c/-C client limits, -I idle minutes, -u lowest uid, -f none: no syslog.
    (exec env LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu" \
        "$PEERS/usr/sbin/pure-ftpd" -S "127.0.0.1,$port" -l "puredb:$state/pureftpd.pdb" -E -H -A -c 20000 -C 20000 -I 60 -u 1 \
        -f none "${extra[@]}") >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# ProFTPD standalone in the foreground, an <Anonymous> block served as nobody. mod_delay (which pads every login
# to a learned time against user probing) is off: with it a login took ~400 ms, which measures the padding.
start_proftpd() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
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
MaxInstances 20000
TimeoutIdle 3600
AuthPAM off
AuthOrder mod_auth_unix.c
$tls_conf
<Anonymous ${SRV_ROOT[$key]}>
  User nobody
  Group nogroup
  UserAlias anonymous nobody
  RequireValidShell off
  MaxClients none
  AllowOverwrite on
  <Limit WRITE>
    AllowAll
  </Limit>
</Anonymous>
CONF
    (exec env LD_LIBRARY_PATH="$PEERS/usr/lib/x86_64-linux-gnu:$PEERS/lib/x86_64-linux-gnu" \
        "$PEERS/usr/sbin/proftpd" -n -q -c "$state/proftpd.conf") >"$state/out.log" 2>&1 </dev/null &
    started "$key" "$port" $!
}

# pyftpdlib (Debian's python3-pyftpdlib) with the system Python.
start_pyftpdlib() {
    local key=$1 tls=$2 port state="$WORK/state/$1"
    make_root "$key"; mkdir -p "$state"; port=$(free_port)
    local extra=()
    [ "$tls" = 1 ] && extra=(--cert "$CERT" --key "$KEY")
    /usr/bin/python3 "$BENCH_DIR/peers/pyftpd_server.py" --port "$port" --root "${SRV_ROOT[$key]}" "${extra[@]}" \
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
