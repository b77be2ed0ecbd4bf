#!/usr/bin/env bash
# Fetches the peer servers and client tools as Debian packages and unpacks them side by side (apt-get download +
# dpkg -x, nothing installed: vsftpd, pure-ftpd and ProFTPD conflict as installed packages) into one cache folder.
# Libraries the image lacks are fetched the same way; every binary is then checked with ldd.
# Idempotent: a complete cache is reused. Prints the cache's root (the folder that holds usr/).
# Usage: bench/peers/fetch.sh
set -euo pipefail

cache="${FTPLITE_BENCH_CACHE:-$HOME/.cache/ftplite-bench}"
root="$cache/root"
stamp="$root/.complete-v1"

packages=(
    vsftpd libwrap0
    pure-ftpd pure-ftpd-common
    proftpd-core proftpd-mod-crypto libhiredis0.14 libmemcached11 libmemcachedutil2 libhashkit2 libpcre2-posix3 libsodium23
    iperf3 libiperf0 libsctp1
    ncftp
)
binaries=(usr/sbin/vsftpd usr/sbin/pure-ftpd usr/sbin/proftpd usr/lib/proftpd/mod_tls.so usr/bin/iperf3 usr/bin/ncftpget usr/bin/ncftpput)

if [ -e "$stamp" ]; then
    echo "$root"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download "${packages[@]}" >/dev/null 2>&1; then
    # A fresh image has no package lists yet.
    if [ "$(id -u)" = 0 ]; then apt-get update >/dev/null; else sudo -n apt-get update >/dev/null; fi
    apt-get download "${packages[@]}" >/dev/null
fi

rm -rf "$root.partial"
mkdir -p "$root.partial"
for deb in ./*.deb; do dpkg -x "$deb" "$root.partial"; done

# Everything must load with the cache's own library folders on the search path.
export LD_LIBRARY_PATH="$root.partial/usr/lib/x86_64-linux-gnu:$root.partial/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
missing=0
for b in "${binaries[@]}"; do
    if [ ! -e "$root.partial/$b" ]; then echo "fetch.sh: $b is not in the packages" >&2; missing=1; continue; fi
    if ldd "$root.partial/$b" | grep "not found" >&2; then echo "fetch.sh: $b lacks the libraries above" >&2; missing=1; fi
done
[ "$missing" = 0 ] || exit 1

rm -rf "$root"
mv "$root.partial" "$root"
touch "$stamp"
echo "$root"
