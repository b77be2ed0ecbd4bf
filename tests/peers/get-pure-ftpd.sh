#!/usr/bin/env bash
# Fetches pure-ftpd (and pure-pw, which builds its user database) as Debian packages and unpacks them, without
# installing anything, into the cache the client tests look in; libraries a fresh image lacks (libsodium, libssl)
# come the same way. Idempotent: a second run does nothing. Prints the binary's path.
# Usage: tests/peers/get-pure-ftpd.sh
set -euo pipefail

cache="${FTPLITE_PEERS_CACHE:-$HOME/.cache/ftplite-peers}"
dest="$cache/pure-ftpd"
binary="$dest/usr/sbin/pure-ftpd"

if [ -x "$binary" ] && [ -x "$dest/usr/bin/pure-pw" ]; then
    echo "$binary"
    exit 0
fi

# shellcheck source=tests/peers/lib/unpack-debs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/unpack-debs.sh"
mkdir -p "$cache"
unpack_into "$dest" "pure-ftpd pure-ftpd-common" "usr/sbin/pure-ftpd usr/bin/pure-pw" \
    "libsodium.so.23=libsodium23 libssl.so.3=libssl3 libcrypto.so.3=libssl3 libcap.so.2=libcap2"
echo "$binary"
