#!/usr/bin/env bash
# Fetches HAProxy (Debian's haproxy package) and unpacks it, without installing anything, into the cache the
# scale-out tests look in; the libraries it links that a fresh image lacks (Lua, opentracing, pcre2, libssl) come the
# same way. Unpacked, not installed: no system haproxy service is created or started to hold ports, and the tests run
# their own haproxy process with their own configuration. Idempotent: a second run does nothing. Prints the binary's path.
# Usage: tests/peers/get-haproxy.sh
set -euo pipefail

cache="${FTPLITE_PEERS_CACHE:-$HOME/.cache/ftplite-peers}"
dest="$cache/haproxy"
binary="$dest/usr/sbin/haproxy"

if [ -x "$binary" ]; then
    echo "$binary"
    exit 0
fi

# shellcheck source=tests/peers/lib/unpack-debs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/unpack-debs.sh"
mkdir -p "$cache"
unpack_into "$dest" "haproxy" "usr/sbin/haproxy" \
    "liblua5.3.so.0=liblua5.3-0 libopentracing-c-wrapper.so.0=libopentracing-c-wrapper0 libopentracing.so.1=libopentracing1 libpcre2-8.so.0=libpcre2-8-0 libssl.so.3=libssl3 libcrypto.so.3=libssl3 libcrypt.so.1=libcrypt1 libsystemd.so.0=libsystemd0 libstdc++.so.6=libstdc++6 liblzma.so.5=liblzma5 libzstd.so.1=libzstd1 liblz4.so.1=liblz4-1 libcap.so.2=libcap2 libgcrypt.so.20=libgcrypt20 libgpg-error.so.0=libgpg-error0"
echo "$binary"
