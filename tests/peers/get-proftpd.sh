#!/usr/bin/env bash
# Fetches ProFTPD (proftpd-core, and proftpd-mod-crypto for mod_tls.so, a loadable module in Debian's build) as
# Debian packages and unpacks them, without installing anything, into the cache the client tests look in; the
# libraries proftpd links that a fresh image lacks (hiredis, memcached, pcre2-posix, libssl) come the same way.
# Idempotent: a second run does nothing. Prints the binary's path.
# Usage: tests/peers/get-proftpd.sh
set -euo pipefail

cache="${FTPLITE_PEERS_CACHE:-$HOME/.cache/ftplite-peers}"
dest="$cache/proftpd"
binary="$dest/usr/sbin/proftpd"

if [ -x "$binary" ] && [ -e "$dest/usr/lib/proftpd/mod_tls.so" ]; then
    echo "$binary"
    exit 0
fi

# shellcheck source=tests/peers/lib/unpack-debs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/unpack-debs.sh"
mkdir -p "$cache"
unpack_into "$dest" "proftpd-core proftpd-mod-crypto" "usr/sbin/proftpd usr/lib/proftpd/mod_tls.so" \
    "libhiredis.so.0.14=libhiredis0.14 libmemcached.so.11=libmemcached11 libmemcachedutil.so.2=libmemcachedutil2 libhashkit.so.2=libhashkit2 libpcre2-posix.so.3=libpcre2-posix3 libpcre2-8.so.0=libpcre2-8-0 libssl.so.3=libssl3 libcrypto.so.3=libssl3 libacl.so.1=libacl1 libsodium.so.23=libsodium23"
echo "$binary"
