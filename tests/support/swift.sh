#!/bin/sh
# A throw-away Swift with the S3 API on 127.0.0.1 (see swift-loopback.py beside this file).
# Usage: tests/support/swift.sh start DIR   (prints endpoint=..., access_key=..., secret_key=..., region=...)
#        tests/support/swift.sh stop DIR
# Debian's python3 on purpose: it is the one python3-swift (tests/peers/get-swift.sh) installs into.
exec /usr/bin/python3 "$(dirname "$0")/swift-loopback.py" "$@"
