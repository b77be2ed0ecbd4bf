#!/usr/bin/python3
# A throw-away OpenStack Swift with the S3 API, on 127.0.0.1, for the S3 store tests.
#
#   swift-loopback.py start DIR   builds it in DIR (empty or missing), starts it, waits until an S3 client can use it,
#                                 prints "endpoint=http://127.0.0.1:PORT" and the test credentials; exit 0 when ready
#   swift-loopback.py stop DIR    stops what "start DIR" started (the folder stays; the caller removes it)
#
# One replica, one "device" that is a plain folder (mount_check off), the account, container and object servers and
# the proxy each one process (workers = 0) on its own free port. Auth is tempauth: S3 access key "test:tester",
# secret "testing" (signatures are checked against it). Run with Debian's /usr/bin/python3, which has the swift
# package (tests/peers/get-swift.sh installs it).
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

ACCESS_KEY = "test:tester"
SECRET_KEY = "testing"
REGION = "us-east-1"
KINDS = ("account", "container", "object", "proxy")
READY_SECONDS = 90  # generous: CI starts it while other test projects load both cores


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def supports_xattrs(folder):
    probe = os.path.join(folder, "xattr-probe")
    try:
        write(probe, "")
        os.setxattr(probe, "user.ftplite", b"1")
        return True
    except OSError:
        return False
    finally:
        try:
            os.remove(probe)
        except OSError:
            pass


def devices_folder(root):
    # The object server keeps metadata in user extended attributes, which some file systems lack (tmpfs before
    # Linux 6.6): the "device" goes in the first place that has them, recorded so that stop removes it.
    candidates = [os.path.join(root, "srv"), os.path.join("/var/tmp", "ftplite-swift-%d-%d" % (os.getpid(), time.time_ns())),
                  os.path.join(os.path.expanduser("~"), ".cache", "ftplite-swift-%d-%d" % (os.getpid(), time.time_ns()))]
    for devices in candidates:
        try:
            os.makedirs(os.path.join(devices, "d1"), exist_ok=True)
        except OSError:
            continue
        if supports_xattrs(os.path.join(devices, "d1")):
            write(os.path.join(root, "devices"), devices)
            return devices
        if devices != candidates[0]:
            shutil.rmtree(devices, ignore_errors=True)
    sys.exit("swift-loopback: no folder with user extended attributes for the object server (tried %s)" % ", ".join(candidates))


def build_rings(etc, ports):
    from swift.common.ring import RingBuilder
    for kind in ("account", "container", "object"):
        builder = RingBuilder(4, 1, 1)  # 16 partitions, 1 replica, 1 hour between moves
        builder.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": ports[kind],
                         "device": "d1", "weight": 100, "meta": ""})
        builder.rebalance()
        builder.get_ring().save(os.path.join(etc, kind + ".ring.gz"))


def write_configs(root, etc, ports, devices):
    common = ("[DEFAULT]\nbind_ip = 127.0.0.1\nbind_port = %d\nworkers = 0\nswift_dir = %s\n"
              "devices = %s\nmount_check = false\nlog_level = WARNING\nlog_facility = LOG_LOCAL0\n")
    # A fixed suffix: the ring and the data live and die together in this folder.
    write(os.path.join(etc, "swift.conf"),
          "[swift-hash]\nswift_hash_path_suffix = ftplite-tests\nswift_hash_path_prefix = ftplite\n\n"
          "[storage-policy:0]\nname = Policy-0\ndefault = yes\n")
    for kind, egg in (("account", "account"), ("container", "container"), ("object", "object")):
        write(os.path.join(etc, kind + "-server.conf"),
              common % (ports[kind], etc, devices)
              + "\n[pipeline:main]\npipeline = %s-server\n\n[app:%s-server]\nuse = egg:swift#%s\n" % (kind, kind, egg)
              + ("\n[%s-replicator]\n\n[%s-updater]\n\n[%s-auditor]\n" % (kind, kind, kind)))
    write(os.path.join(etc, "proxy-server.conf"),
          common % (ports["proxy"], etc, devices)
          + "\n[pipeline:main]\n"
          # s3api before tempauth (it turns the S3 signature into auth details tempauth checks); slo under it for
          # multipart uploads, copy for copy-object. cache: tempauth insists on a memcache client even for S3
          # requests; none listens on port 1, so every lookup misses and each request is authenticated afresh.
            "pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth"
            " copy slo dlo proxy-logging proxy-server\n\n"
            "[app:proxy-server]\nuse = egg:swift#proxy\naccount_autocreate = true\n\n"
            "[filter:catch_errors]\nuse = egg:swift#catch_errors\n\n"
            "[filter:gatekeeper]\nuse = egg:swift#gatekeeper\n\n"
            "[filter:healthcheck]\nuse = egg:swift#healthcheck\n\n"
            "[filter:proxy-logging]\nuse = egg:swift#proxy_logging\n\n"
            "[filter:cache]\nuse = egg:swift#memcache\nmemcache_servers = 127.0.0.1:1\n\n"
            "[filter:listing_formats]\nuse = egg:swift#listing_formats\n\n"
            "[filter:s3api]\nuse = egg:swift#s3api\nlocation = %s\n\n"
            "[filter:tempauth]\nuse = egg:swift#tempauth\nuser_test_tester = %s .admin\n\n"
            "[filter:copy]\nuse = egg:swift#copy\n\n"
            "[filter:slo]\nuse = egg:swift#slo\n\n"
            "[filter:dlo]\nuse = egg:swift#dlo\n" % (REGION, SECRET_KEY))


def launch(root, kind):
    conf = os.path.join(root, "etc", kind + "-server.conf")
    log = open(os.path.join(root, "log", kind + ".log"), "ab")
    process = subprocess.Popen([sys.executable, os.path.abspath(__file__), "serve", kind, conf],
                               stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, close_fds=True)
    write(os.path.join(root, "run", kind + ".pid"), str(process.pid))


def serve(kind, conf):
    # Runs one server in this process, reading swift.conf from the scratch folder rather than /etc/swift.
    from swift.common import utils
    from swift.common.wsgi import run_wsgi
    utils.set_swift_dir(os.path.dirname(conf))
    options = {}
    if kind == "object":
        from swift.obj import server
        options["global_conf_callback"] = server.global_conf_callback
    sys.exit(run_wsgi(conf, kind + "-server", verbose=False, **options))


def request(port, method, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


def signed(method, path):
    # An S3 signature version 2 header: enough for the probe, and a check that s3api and tempauth agree on the keys.
    import base64, email.utils, hashlib, hmac
    date = email.utils.formatdate(usegmt=True)
    text = "%s\n\n\n%s\n%s" % (method, date, path)
    signature = base64.b64encode(hmac.new(SECRET_KEY.encode(), text.encode(), hashlib.sha1).digest()).decode()
    return {"Date": date, "Authorization": "AWS %s:%s" % (ACCESS_KEY, signature)}


def ready(port):
    # Ready means usable end to end through S3: a bucket created (the account autocreated) and deleted, signed.
    # (tempauth's own /auth/v1.0 tokens would need a memcached; S3 requests are checked without one.)
    try:
        status, _ = request(port, "PUT", "/ftplite-ready-probe", signed("PUT", "/ftplite-ready-probe"))
        if status not in (200, 409):  # 409: a probe before this one made it
            return False
        status, _ = request(port, "DELETE", "/ftplite-ready-probe", signed("DELETE", "/ftplite-ready-probe"))
        return status in (204, 404)
    except (OSError, http.client.HTTPException):
        return False


def alive(root):
    for kind in KINDS:
        pid = read_pid(root, kind)
        if pid is None:
            return kind
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            finished = pid
        if finished == pid:
            return kind
    return None


def read_pid(root, kind):
    try:
        with open(os.path.join(root, "run", kind + ".pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def tail(root, kind):
    try:
        with open(os.path.join(root, "log", kind + ".log"), errors="replace") as f:
            return "".join(f.readlines()[-15:])
    except OSError:
        return ""


def start(root):
    began = time.monotonic()
    root = os.path.abspath(root)
    for sub in ("etc", "run", "log"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    devices = devices_folder(root)
    ports = {kind: free_port() for kind in KINDS}
    etc = os.path.join(root, "etc")
    build_rings(etc, ports)
    write_configs(root, etc, ports, devices)
    write(os.path.join(root, "endpoint"), "http://127.0.0.1:%d\n" % ports["proxy"])
    for kind in KINDS:
        launch(root, kind)
    deadline = began + READY_SECONDS
    while time.monotonic() < deadline:
        dead = alive(root)
        if dead is not None:
            stop(root)
            sys.exit("swift-loopback: the %s server exited while starting:\n%s" % (dead, tail(root, dead)))
        if ready(ports["proxy"]):
            print("endpoint=http://127.0.0.1:%d" % ports["proxy"])
            print("access_key=%s" % ACCESS_KEY)
            print("secret_key=%s" % SECRET_KEY)
            print("region=%s" % REGION)
            print("ready_seconds=%.1f" % (time.monotonic() - began))
            return
        time.sleep(0.2)
    logs = "".join("--- %s ---\n%s" % (kind, tail(root, kind)) for kind in KINDS)
    stop(root)
    sys.exit("swift-loopback: not ready within %d s\n%s" % (READY_SECONDS, logs))


def stop(root):
    root = os.path.abspath(root)
    pids = [pid for pid in (read_pid(root, kind) for kind in KINDS) if pid is not None]
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGTERM)  # each server leads its own session: its group is its own
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    for pid in pids:
        while time.monotonic() < deadline and exists(pid):
            time.sleep(0.1)
        if exists(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    for kind in KINDS:
        try:
            os.remove(os.path.join(root, "run", kind + ".pid"))
        except OSError:
            pass
    try:
        with open(os.path.join(root, "devices")) as f:
            devices = f.read().strip()
        if devices and not devices.startswith(root + os.sep):
            shutil.rmtree(devices, ignore_errors=True)  # the data lived outside DIR: the caller removes only DIR
    except OSError:
        pass


def exists(pid):
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == pid:
            return False
    except ChildProcessError:
        pass  # not our child (stop from another process): ask the kernel
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def main(argv):
    if len(argv) == 4 and argv[1] == "serve":
        serve(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "start":
        start(argv[2])
    elif len(argv) == 3 and argv[1] == "stop":
        stop(argv[2])
    else:
        sys.exit("usage: swift-loopback.py start|stop DIR")


if __name__ == "__main__":
    main(sys.argv)
