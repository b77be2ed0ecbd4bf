#!/bin/sh
# Installs OpenStack Swift's Python package (Debian's python3-swift: the servers as a library, with the s3api and
# tempauth middleware) for the S3 store tests, which run a throw-away Swift on loopback through
# tests/support/swift.sh. Only the library: the swift-proxy/-object/... packages would add system services.
# Idempotent: does nothing when Debian's python3 can already import it. Needs root (as CI runs it) to install.
set -eu

probe() {
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import swift.common.middleware.s3api.s3api, swift.common.middleware.tempauth, swift.common.ring' 2>/dev/null
}

if probe; then
    echo "get-swift.sh: python3-swift present"
    exit 0
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "get-swift.sh: python3-swift is missing; install it as root (apt-get install python3-swift) or the S3 tests skip" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() {
    apt-get install -y -q --no-install-recommends python3-swift </dev/null >/dev/null
}
if ! install; then
    # A fresh CI image has no package lists yet.
    apt-get update -q </dev/null >/dev/null
    install
fi

probe || { echo "get-swift.sh: python3-swift installed but /usr/bin/python3 cannot import it" >&2; exit 1; }
echo "get-swift.sh: python3-swift installed"
