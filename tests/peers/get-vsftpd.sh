#!/bin/sh
# Fetches vsftpd (and libwrap0, which a minimal image may lack) as Debian/Ubuntu packages and unpacks them,
# without installing anything, into a cache the client tests look in. Idempotent: a second run does nothing.
# Usage: tests/peers/get-vsftpd.sh   (prints the binary's path)
set -eu

cache="${FTPLITE_PEERS_CACHE:-$HOME/.cache/ftplite-peers}"
dest="$cache/vsftpd"
binary="$dest/usr/sbin/vsftpd"

if [ -x "$binary" ]; then
    echo "$binary"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

download() {
    apt-get download vsftpd libwrap0 >/dev/null
}

if ! download; then
    # A fresh CI image has no package lists yet.
    if [ "$(id -u)" = 0 ]; then apt-get update >/dev/null; else sudo -n apt-get update >/dev/null; fi
    download
fi

mkdir -p "$cache"
rm -rf "$dest.partial"
for deb in ./*.deb; do
    dpkg -x "$deb" "$dest.partial"
done
# Appears whole or not at all, so a run that was interrupted is simply repeated.
rm -rf "$dest"
mv "$dest.partial" "$dest"
echo "$binary"
