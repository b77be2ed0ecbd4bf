#!/usr/bin/python3
"""One ftplib session moves every file of a folder one command at a time (STOR, or RETR, per file), as a script
written with Python's ftplib does. Prints the seconds from connect to QUIT.

usage: ftplib_per_file.py up|down PORT USER PASSWORD LOCAL_DIR REMOTE_DIR [TARGET_DIR]
  up:   every file of LOCAL_DIR is stored into REMOTE_DIR (which must exist)
  down: every file named in LOCAL_DIR is retrieved from REMOTE_DIR into TARGET_DIR
"""
import ftplib
import os
import sys
import time


def main():
    direction, port, user, password, local_dir, remote_dir = sys.argv[1:7]
    target = sys.argv[7] if len(sys.argv) > 7 else None
    names = sorted(os.listdir(local_dir))
    start = time.perf_counter()
    ftp = ftplib.FTP()
    ftp.connect("127.0.0.1", int(port), timeout=60)
    ftp.login(user, password)
    ftp.cwd(remote_dir)
    if direction == "up":
        for name in names:
            with open(os.path.join(local_dir, name), "rb") as source:
                ftp.storbinary("STOR " + name, source)
    else:
        os.makedirs(target, exist_ok=True)
        for name in names:
            with open(os.path.join(target, name), "wb") as sink:
                ftp.retrbinary("RETR " + name, sink.write)
    ftp.quit()
    print("%.6f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
