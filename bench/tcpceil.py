#!/usr/bin/env python3
"""Ceilings on this machine, measured without an HTTP client in the way.

    python3 bench/tcpceil.py tcp [MIB]
        raw loopback TCP: a sender process writes MIB MiB (default 4096) in
        1 MiB send() calls, a receiver recv_into()s a 1 MiB buffer and drops it
    python3 bench/tcpceil.py http HOST PORT PATH
        what the server can push: one GET, the response read with 1 MiB
        recv_into() calls and thrown away, framing not parsed

Each prints one line: BYTES SECONDS MB/s (10^6 bytes a second).
"""

import os
import socket
import sys
import time

MIB = 1 << 20


def sink(sock, buf):
    """Reads sock to EOF into buf; returns the byte count."""
    view = memoryview(buf)
    total = 0
    while True:
        n = sock.recv_into(view)
        if n == 0:
            return total
        total += n


def tcp(mib):
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(1)
    port = lsock.getsockname()[1]
    pid = os.fork()
    if pid == 0:
        lsock.close()
        s = socket.create_connection(("127.0.0.1", port))
        data = memoryview(bytes(MIB))
        for _ in range(mib):
            s.sendall(data)
        s.close()
        os._exit(0)
    conn, _ = lsock.accept()
    lsock.close()
    buf = bytearray(MIB)
    t0 = time.perf_counter()
    total = sink(conn, buf)
    dt = time.perf_counter() - t0
    os.waitpid(pid, 0)
    return total, dt


def http(host, port, path):
    s = socket.create_connection((host, int(port)))
    buf = bytearray(MIB)
    t0 = time.perf_counter()
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
               % (path, host)).encode())
    total = sink(s, buf)
    dt = time.perf_counter() - t0
    s.close()
    return total, dt


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "tcp":
        total, dt = tcp(int(sys.argv[2]) if len(sys.argv) > 2 else 4096)
    elif len(sys.argv) == 5 and sys.argv[1] == "http":
        total, dt = http(*sys.argv[2:])
    else:
        sys.exit(__doc__)
    print("%d %.6f %.0f" % (total, dt, total / dt / 1e6))


if __name__ == "__main__":
    main()
