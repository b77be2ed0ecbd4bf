"""pyftpdlib for the benchmark on 127.0.0.1: a read-write account (password from PYFTPD_PASSWORD) and anonymous
read-write beside it, at most --max-sessions sessions in total and as many per address, optional explicit FTPS (TLS
required for login and data). Runs until SIGTERM.
Usage: pyftpd_server.py --port N --root DIR --user NAME --max-sessions N [--cert PEM --key PEM]"""
import argparse
import logging
import os
import signal
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--max-sessions", type=int, required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    options = parser.parse_args()

    authorizer = DummyAuthorizer()
    authorizer.add_user(options.user, os.environ["PYFTPD_PASSWORD"], options.root, perm="elradfmwMT")
    authorizer.add_anonymous(options.root, perm="elradfmwMT")
    handler = FTPHandler
    if options.cert:
        from pyftpdlib.handlers import TLS_FTPHandler
        handler = TLS_FTPHandler
        handler.certfile = options.cert
        handler.keyfile = options.key
        handler.tls_control_required = True
        handler.tls_data_required = True
    handler.authorizer = authorizer
    handler.timeout = 3600
    handler.banner = "pyftpdlib ready"

    server = FTPServer(("127.0.0.1", options.port), handler)
    server.max_cons = options.max_sessions
    server.max_cons_per_ip = options.max_sessions
    # Per-command logging off, as for the other servers (pyftpdlib configures INFO only when nothing is set up).
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
