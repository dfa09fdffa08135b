#!/usr/bin/env python3
"""Write the benchmark's data files into a directory (Python standard library).

    python3 bench/gendata.py DIR

DIR/1g (1 GiB), DIR/64m (64 MiB), DIR/16k (16 KiB), DIR/100 (100 bytes) and
DIR/empty (0 bytes: what nginx's addition filter appends to /chunked/).  The
content is deterministic: a 1 MiB block from SHA-256 in counter mode, with
the MiB's number in its first 8 bytes, so every run serves the same bytes
and no two MiB of the big file are alike.
"""

import hashlib
import os
import struct
import sys

MIB = 1 << 20


def block():
    out = bytearray()
    n = 0
    while len(out) < MIB:
        out += hashlib.sha256(b"httpc-bench %d" % n).digest()
        n += 1
    return out[:MIB]


def write(path, size, base):
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        buf = bytearray(base)
        done = 0
        i = 0
        while done < size:
            buf[0:8] = struct.pack(">Q", i)
            n = min(MIB, size - done)
            view = memoryview(buf)[:n]
            while view:
                w = os.write(fd, view)
                view = view[w:]
            done += n
            i += 1
    finally:
        os.close(fd)
    os.rename(tmp, path)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gendata.py DIR")
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    base = block()
    for name, size in (("100", 100), ("16k", 16 * 1024), ("64m", 64 * MIB),
                       ("1g", 1024 * MIB), ("empty", 0)):
        write(os.path.join(d, name), size, base)


if __name__ == "__main__":
    main()
