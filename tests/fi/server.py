#!/usr/bin/env python3
"""server.py -- the peer of tests/fi/run.sh: a small keep-alive HTTP/1.1
server, over TLS with --cert/--key, whose replies depend only on the
request path, so that a client failing anywhere in a run never puts the
next run out of step (tests/server/httpd.py plays requests in order).

    server.py --port-file F [--cert PEM --key PEM]

Paths (any method; a request body is read and dropped):
    /redirect   302 to /final, with a cookie and a small body
    /final      200, chunked in three chunks, a cookie, a trailer
    /interim    103 Early Hints, then 200 with Content-Length
    /gzip       200, a gzip Content-Encoding
    /upload     201, the size of the body received
    anything else: 404
Serves until killed (or 300 s without a connection).
"""

import argparse
import gzip
import os
import socket
import ssl
import sys
import threading

BODY = b''.join(b'%05d the quick brown fox jumps over the lazy dog\n' % i
                for i in range(400))
GZ = gzip.compress(BODY)


def read_head(f):
    lines = []
    while True:
        line = f.readline(65537)
        if not line:
            return None
        if line in (b'\r\n', b'\n'):
            return lines
        lines.append(line.decode('latin-1').rstrip('\r\n'))


def read_body(f, headers):
    te = headers.get('transfer-encoding', '')
    if 'chunked' in te.lower():
        n = 0
        while True:
            size = int(f.readline(1024).split(b';')[0], 16)
            if size == 0:
                while f.readline(65537) not in (b'\r\n', b'\n', b''):
                    pass
                return n
            n += len(f.read(size))
            f.readline(8)
    length = int(headers.get('content-length', '0'))
    return len(f.read(length)) if length else 0


def reply(path, got):
    if path.startswith('/redirect'):
        body = b'moved\n'
        return (b'HTTP/1.1 302 Found\r\nLocation: /final?from=redirect\r\n'
                b'Set-Cookie: hop=1; Path=/\r\nContent-Type: text/plain\r\n'
                b'Content-Length: %d\r\n\r\n' % len(body) + body)
    if path.startswith('/final'):
        third = len(BODY) // 3
        parts = [BODY[:third], BODY[third:2 * third], BODY[2 * third:]]
        out = (b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n'
               b'Set-Cookie: sid=abc123; Path=/; Max-Age=3600; HttpOnly\r\n'
               b'Transfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n')
        for p in parts:
            out += b'%x;ext=1\r\n' % len(p) + p + b'\r\n'
        return out + b'0\r\nX-Sum: ok\r\n\r\n'
    if path.startswith('/interim'):
        return (b'HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload'
                b'\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n'
                b'Content-Length: %d\r\n\r\n' % len(BODY) + BODY)
    if path.startswith('/gzip'):
        return (b'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n'
                b'Content-Type: text/plain\r\nVary: Accept-Encoding\r\n'
                b'Content-Length: %d\r\n\r\n' % len(GZ) + GZ)
    if path.startswith('/upload'):
        body = b'got %d bytes\n' % got
        return (b'HTTP/1.1 201 Created\r\nContent-Length: %d\r\n\r\n'
                % len(body) + body)
    return b'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'


def serve(conn):
    try:
        conn.settimeout(30)
        f = conn.makefile('rb')
        while True:
            head = read_head(f)
            if not head:
                break
            parts = head[0].split(' ')
            if len(parts) != 3:
                break
            headers = {}
            for h in head[1:]:
                k, _, v = h.partition(':')
                headers[k.strip().lower()] = v.strip()
            if headers.get('expect', '').lower() == '100-continue':
                conn.sendall(b'HTTP/1.1 100 Continue\r\n\r\n')
            got = read_body(f, headers)
            conn.sendall(reply(parts[1], got))
            if headers.get('connection', '').lower() == 'close':
                break
    except (OSError, ValueError, ssl.SSLError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port-file', required=True)
    ap.add_argument('--cert')
    ap.add_argument('--key')
    a = ap.parse_args()
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('127.0.0.1', 0))
    ls.listen(64)
    ls.settimeout(300)
    ctx = None
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)
    tmp = a.port_file + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % ls.getsockname()[1])
    os.rename(tmp, a.port_file)
    while True:
        try:
            c, _ = ls.accept()
        except socket.timeout:
            return 0
        if ctx is not None:
            try:
                c.settimeout(10)
                c = ctx.wrap_socket(c, server_side=True)
            except (OSError, ssl.SSLError):
                c.close()
                continue
        threading.Thread(target=serve, args=(c,), daemon=True).start()


if __name__ == '__main__':
    sys.exit(main())
