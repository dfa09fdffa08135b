#!/usr/bin/env python3
"""httpd.py -- a scripted HTTP/1.1 server for httpc's command-line tests.

It replays exact bytes (broken ones too), records exactly what the client
sent, and can pause, trickle, close or reset, so that a test can check both
sides of an exchange.  Python 3 standard library only.

Usage:
    httpd.py --script FILE --port-file F --log-dir D [options]
    httpd.py --mode echo   --port-file F --log-dir D [options]
    httpd.py --mode proxy  --port-file F --log-dir D [options]
    httpd.py --generate N          # print N bytes of the `sendbig` pattern

Options:
    --port N           port on 127.0.0.1 (default 0: the kernel picks one)
    --unix PATH        listen on a Unix domain socket at PATH instead (an
                       existing socket file there is replaced), or, when
                       PATH starts with '@', on the abstract name after it
                       (Linux); the port file then says 0
    --port-file F      the chosen port is written here (atomically: a
                       temporary file renamed into place) once listening
    --pid-file P       our PID is written here, atomically too
    --log-dir D        where the records below go (created if missing)
    --base DIR         directory that relative file names in the script are
                       resolved against (default: the script's directory)
    --max-conns N      stop accepting after N connections (the listening
                       socket is closed, so a further connect is refused),
                       finish the open ones, then exit
    --idle-timeout S   exit after S seconds (default 60) with no connection
                       open and none accepted, so a forgotten server dies
    --read-timeout S   give up on a client that sends nothing for S seconds
                       (default 30)
    --max-send BYTES   cap for `endless` steps, per connection (default 10 GiB)
    --connect-status N (proxy mode) answer every CONNECT with status N and a
                       short body, then close, instead of tunnelling
    --connect-reply DATA
                       (proxy mode) answer every CONNECT with DATA exactly (a
                       "quoted string" with the script's escapes, or a file),
                       then close: e.g. a 407 with a body
    --proxy-auth USER:PASS
                       (proxy mode) answer 407 with `Proxy-Authenticate:
                       Basic realm="httpd.py"` to any request (CONNECT or
                       not) whose Proxy-Authorization is not Basic USER:PASS

The script
----------
A text file: one step a line, `#` starts a comment (outside quotes).  Steps
are grouped in blocks, one block per request; a block starts with a
`request` line.  Requests are numbered 1, 2, ... in the order their headers
arrive, across all connections, and request N plays block N.  A request
beyond the last block gets a 500 naming the problem, and its connection is
closed.  When a block ends without `close` or `reset`, the connection stays
open for the next request (keep-alive).

  request            read one whole request: headers, then a body framed by
                     Content-Length or chunked.  `Expect: 100-continue` gets
                     no interim reply, so the client sends after its own wait.
  request continue   read the headers; if they carry Expect: 100-continue,
                     send `HTTP/1.1 100 Continue`; then read the body
  request headers    read the headers only; later steps decide (`continue`,
                     `body`, or an early final reply without reading it)
  continue           send "HTTP/1.1 100 Continue\\r\\n\\r\\n"
  body               read the request body (after `request headers`)
  send DATA          send DATA exactly
  sendraw DATA       the same (kept as the name for quoted strings)
  trickle N SECS DATA
                     send DATA N bytes at a time, pausing SECS after each
  pause SECS         sleep (a float)
  close              close after a FIN: shut down our side, wait (at most
                     2 s) for the client to close, then close
  reset              close with an RST (SO_LINGER 0)
  echo               reply 200 with the request's bytes (headers and body as
                     received) as a Content-Length framed body (for HEAD,
                     the headers only)
  sendbig N|endless [chunked [SIZE]]
                     N bytes of a deterministic pattern (see --generate); with
                     `chunked`, framed as chunks of SIZE bytes (default 8192)
                     and, unless endless, ended by the last chunk
                     `0\\r\\n\\r\\n`.
                     `endless` stops when the client leaves, or closes the
                     connection after --max-send bytes.
  repeat N|endless DATA
                     send DATA N times (header floods, endless status lines)

DATA is either a file name (relative to --base) or a double-quoted string
with C escapes: \\r \\n \\t \\0 \\\\ \\" \\xHH.  File bytes are sent as
they are; write fixtures with real CRLFs.

--mode echo acts as a script of endless `request` + `echo` blocks.

--mode proxy is an HTTP forward proxy whose only targets are 127.0.0.1 and
localhost (taken as 127.0.0.1; nothing is ever resolved): any other target
gets a 403, and nothing is forwarded.
  - An absolute-form request (`GET http://127.0.0.1:PORT/x HTTP/1.1`) is sent
    to the origin in origin form on a new connection, without the hop-by-hop
    fields (Connection, Keep-Alive, Proxy-Connection, Proxy-Authorization,
    Proxy-Authenticate, TE, Trailer, Upgrade) and with `Connection: close`;
    the reply (1xx heads, then the final one) is relayed as the origin
    framed it, so the client's connection stays open for its next request
    unless the reply ended with the origin's close.
  - `CONNECT 127.0.0.1:PORT` (or localhost:PORT) is answered
    `HTTP/1.1 200 Connection established`, then the bytes are relayed both
    ways until both sides have closed (or --read-timeout of silence).
Each request is logged as in the other modes, as the proxy received it:
requests.log and req-N.bin (head and body), so a test can see that
Proxy-Authorization reached the proxy -- and, from the origin's log, that
it went no further.

The log directory
-----------------
  conns          number of connections accepted so far (rewritten on each
                 accept, atomically)
  requests.log   one line per request, written when its headers arrive:
                 "REQ CONN REQUEST-LINE", e.g. "2 1 GET /b HTTP/1.1" means
                 request 2 came on connection 1 (keep-alive reuse)
  req-N.bin      the raw bytes of request N as received: headers, then the
                 body bytes exactly as framed on the wire (chunked stays
                 chunked).  Complete before any reply to it is sent.
  server.log     what happened: connections, steps, clients that went away
                 early, timeouts, errors with tracebacks.  Nothing goes to
                 stderr once the port file is written.
"""

import argparse
import base64
import os
import select
import socket
import stat
import struct
import sys
import threading
import time
import traceback

HEADER_LIMIT = 1 << 20          # a request head larger than this is refused
PATTERN_PERIOD = 65521          # prime, so no power-of-two misplacement of a
                                # block can go unseen by cmp
DEFAULT_CHUNK = 8192
CLOSE_DRAIN_SECS = 2.0


class ScriptError(Exception):
    pass


class ClientGone(Exception):
    """The client closed or reset the connection, or stopped talking."""


# ---------------------------------------------------------------- the script

def tokenize(line, lineno):
    """Split a script line into words.

    A double-quoted word is decoded (C escapes) into bytes and returned as a
    bytes object; other words stay str.  `#` outside quotes ends the line.
    """
    words = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c.isspace():
            i += 1
        elif c == '#':
            break
        elif c == '"':
            out = bytearray()
            i += 1
            while True:
                if i >= n:
                    raise ScriptError("line %d: unterminated string" % lineno)
                c = line[i]
                if c == '"':
                    i += 1
                    break
                if c != '\\':
                    out += c.encode('utf-8')
                    i += 1
                    continue
                if i + 1 >= n:
                    raise ScriptError("line %d: lone backslash" % lineno)
                e = line[i + 1]
                simple = {'r': b'\r', 'n': b'\n', 't': b'\t', '0': b'\0',
                          '\\': b'\\', '"': b'"', 'e': b'\x1b'}
                if e in simple:
                    out += simple[e]
                    i += 2
                elif e == 'x':
                    h = line[i + 2:i + 4]
                    try:
                        if len(h) != 2:
                            raise ValueError
                        out.append(int(h, 16))
                    except ValueError:
                        raise ScriptError("line %d: bad \\x escape" % lineno)
                    i += 4
                else:
                    raise ScriptError("line %d: unknown escape \\%s"
                                      % (lineno, e))
            words.append(bytes(out))
        else:
            j = i
            while j < n and not line[j].isspace() and line[j] != '"':
                j += 1
            words.append(line[i:j])
            i = j
    return words


def parse_script(path, base):
    """Read a script file into a list of blocks, one per request.

    A block is a dict: `mode` ('full', 'continue' or 'headers'), `steps` (a
    list of tuples whose first item is the step name) and `line`.  Files
    named in steps are read now, so a typo fails at start-up, not mid-test.
    """
    blocks = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    for lineno, raw in enumerate(lines, 1):
        w = tokenize(raw, lineno)
        if not w:
            continue
        op = w[0]
        if not isinstance(op, str):
            raise ScriptError("line %d: a step name cannot be quoted" % lineno)
        args = w[1:]

        def need(k, what):
            if len(args) != k:
                raise ScriptError("line %d: %s takes %s" % (lineno, op, what))

        def data(word):
            if isinstance(word, bytes):
                return word
            p = word if os.path.isabs(word) else os.path.join(base, word)
            try:
                with open(p, 'rb') as fh:
                    return fh.read()
            except OSError as e:
                raise ScriptError("line %d: %s: %s" % (lineno, p, e.strerror))

        def number(word, kind, allow_endless=False):
            if allow_endless and word == 'endless':
                return None
            try:
                v = kind(word)
            except (TypeError, ValueError):
                raise ScriptError("line %d: %s: bad number %r"
                                  % (lineno, op, word))
            if v < 0:
                raise ScriptError("line %d: %s: negative" % (lineno, op))
            return v

        if op == 'request':
            mode = 'full'
            if args:
                need(1, "one of: headers, continue")
                if args[0] not in ('headers', 'continue'):
                    raise ScriptError("line %d: request %s?"
                                      % (lineno, args[0]))
                mode = args[0]
            blocks.append({'mode': mode, 'steps': [], 'line': lineno})
            continue
        if not blocks:
            raise ScriptError("line %d: %s before the first request"
                              % (lineno, op))
        if op in ('send', 'sendraw'):
            need(1, "one DATA argument")
            step = ('send', data(args[0]))
        elif op == 'trickle':
            need(3, "N SECS DATA")
            n = number(args[0], int)
            if n == 0:
                raise ScriptError("line %d: trickle 0" % lineno)
            step = ('trickle', n, number(args[1], float), data(args[2]))
        elif op == 'pause':
            need(1, "SECS")
            step = ('pause', number(args[0], float))
        elif op in ('close', 'reset', 'continue', 'body', 'echo'):
            need(0, "no argument")
            step = (op,)
        elif op == 'sendbig':
            if len(args) not in (1, 2, 3) or (len(args) > 1
                                              and args[1] != 'chunked'):
                raise ScriptError("line %d: sendbig N|endless [chunked [SIZE]]"
                                  % lineno)
            size = None
            if len(args) > 1:
                size = DEFAULT_CHUNK
                if len(args) == 3:
                    size = number(args[2], int)
                    if size == 0:
                        raise ScriptError("line %d: chunk size 0" % lineno)
            step = ('sendbig', number(args[0], int, True), size)
        elif op == 'repeat':
            need(2, "N|endless DATA")
            step = ('repeat', number(args[0], int, True), data(args[1]))
        else:
            raise ScriptError("line %d: unknown step %r" % (lineno, op))
        blocks[-1]['steps'].append(step)
    if not blocks:
        raise ScriptError("no request in the script")
    return blocks


ECHO_BLOCK = {'mode': 'full', 'steps': [('echo',)], 'line': 0}


# ------------------------------------------------------------- the pattern

def pattern_window():
    """Return PATTERN_PERIOD pattern bytes, twice over.

    Byte i of the stream is window[i % PATTERN_PERIOD]; the window is doubled
    so that any run of up to PATTERN_PERIOD bytes is one slice.  A plain LCG
    keeps it the same on every Python version.
    """
    out = bytearray(PATTERN_PERIOD)
    x = 12345
    for i in range(PATTERN_PERIOD):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        out[i] = (x >> 16) & 0xff
    return bytes(out) * 2


_WINDOW = None
_WINDOW_LOCK = threading.Lock()


def pattern(offset, n):
    """Return n pattern bytes from stream offset (a memoryview when n is at
    most PATTERN_PERIOD, to spare a copy on the bulk path)."""
    global _WINDOW
    with _WINDOW_LOCK:
        if _WINDOW is None:
            _WINDOW = memoryview(pattern_window())
    if n > PATTERN_PERIOD:
        parts = []
        while n > 0:
            k = min(n, PATTERN_PERIOD)
            parts.append(pattern(offset, k))
            offset += k
            n -= k
        return b''.join(parts)
    o = offset % PATTERN_PERIOD
    return _WINDOW[o:o + n]


def generate(n, out):
    off = 0
    while off < n:
        k = min(PATTERN_PERIOD, n - off)
        out.write(pattern(off, k))
        off += k
    out.flush()


# -------------------------------------------------------------- the server

class Server:
    def __init__(self, args, blocks):
        self.args = args
        self.blocks = blocks
        self.logdir = args.log_dir
        self.lock = threading.Lock()
        self.nconns = 0
        self.nreqs = 0
        self.active = 0
        self.last_activity = time.monotonic()
        self.t0 = time.monotonic()
        self.logf = open(os.path.join(self.logdir, 'server.log'), 'a')
        self.reqlog = open(os.path.join(self.logdir, 'requests.log'), 'a')

    def log(self, fmt, *a):
        msg = fmt % a if a else fmt
        with self.lock:
            self.logf.write("%8.3f %s\n" % (time.monotonic() - self.t0, msg))
            self.logf.flush()

    def new_conn(self):
        with self.lock:
            self.nconns += 1
            self.active += 1
            self.last_activity = time.monotonic()
            n = self.nconns
            write_atomic(os.path.join(self.logdir, 'conns'), "%d\n" % n)
        return n

    def end_conn(self):
        with self.lock:
            self.active -= 1
            self.last_activity = time.monotonic()

    def new_request(self, conn, reqline):
        """Number a request whose headers have arrived; log it."""
        with self.lock:
            self.nreqs += 1
            n = self.nreqs
            self.reqlog.write("%d %d %s\n" % (n, conn,
                              reqline.decode('latin-1')))
            self.reqlog.flush()
        return n

    def block_for(self, n):
        if self.blocks is None:
            return ECHO_BLOCK
        if n <= len(self.blocks):
            return self.blocks[n - 1]
        return None

    def serve(self, ls):
        """Accept until --max-conns or --idle-timeout; then return."""
        a = self.args
        while a.max_conns is None or self.nconns < a.max_conns:
            r, _, _ = select.select([ls], [], [], 0.5)
            if r:
                try:
                    s, peer = ls.accept()
                except OSError as e:
                    self.log("accept: %s", e)
                    continue
                n = self.new_conn()
                if isinstance(peer, tuple):
                    self.log("conn %d: accepted from %s:%d", n, peer[0],
                             peer[1])
                else:
                    self.log("conn %d: accepted on the unix socket", n)
                cls = ProxyConnection if a.mode == 'proxy' else Connection
                t = threading.Thread(target=cls(self, s, n).run,
                                     daemon=True)
                t.start()
                continue
            with self.lock:
                idle = (self.active == 0 and
                        time.monotonic() - self.last_activity >= a.idle_timeout)
            if idle:
                self.log("idle for %gs: exiting", a.idle_timeout)
                return
        # Refuse new connections at once, then let the open ones finish:
        # each is bounded by --read-timeout and by its script.
        ls.close()
        self.log("max-conns %d reached: no longer listening", a.max_conns)
        while True:
            with self.lock:
                if self.active == 0:
                    break
            time.sleep(0.05)
        self.log("last connection done: exiting")


class Connection:
    def __init__(self, server, sock, num):
        self.srv = server
        self.sock = sock
        self.num = num
        self.buf = bytearray()
        self.closed = False
        self.sent = 0               # bytes sent by `endless` steps
        sock.settimeout(server.args.read_timeout)
        # Trickle and pause tests want each send on the wire at once.
        if sock.family != socket.AF_UNIX:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log(self, fmt, *a):
        self.srv.log("conn %d: " % self.num + fmt, *a)

    def run(self):
        try:
            while not self.closed:
                if not self.one_request():
                    break
        except ClientGone as e:
            self.log("client gone: %s", e)
        except Exception:
            self.log("internal error:\n%s", traceback.format_exc())
        finally:
            if not self.closed:
                try:
                    self.sock.close()
                except OSError:
                    pass
            self.log("closed")
            self.srv.end_conn()

    # -- input

    def fill(self, what):
        """Read more bytes into self.buf or raise ClientGone."""
        try:
            d = self.sock.recv(65536)
        except socket.timeout:
            raise ClientGone("nothing received for %gs while reading %s"
                             % (self.srv.args.read_timeout, what))
        except OSError as e:
            raise ClientGone("%s while reading %s" % (e, what))
        if not d:
            raise ClientGone("EOF while reading %s (%d bytes pending)"
                             % (what, len(self.buf)))
        self.buf += d

    def take(self, n):
        b = bytes(self.buf[:n])
        del self.buf[:n]
        return b

    def read_line(self, what):
        while True:
            i = self.buf.find(b'\n')
            if i >= 0:
                return self.take(i + 1)
            if len(self.buf) > HEADER_LIMIT:
                raise ClientGone("%s longer than %d bytes"
                                 % (what, HEADER_LIMIT))
            self.fill(what)

    def read_head(self):
        """Return the request head (through the empty line), or None when the
        client closed cleanly between requests."""
        while True:
            # RFC 9112 2.2: ignore empty lines before a request line.
            while self.buf[:2] == b'\r\n':
                del self.buf[:2]
            i = self.buf.find(b'\r\n\r\n')
            if i >= 0:
                return self.take(i + 4)
            if len(self.buf) > HEADER_LIMIT:
                raise ClientGone("request head over %d bytes" % HEADER_LIMIT)
            if not self.buf:
                try:
                    d = self.sock.recv(65536)
                except socket.timeout:
                    self.log("no request for %gs: closing",
                             self.srv.args.read_timeout)
                    return None
                except OSError as e:
                    self.log("%s while waiting for a request", e)
                    return None
                if not d:
                    return None
                self.buf += d
            else:
                self.fill("the request head")

    def read_body(self, head, out):
        """Read the body the head announces, writing its raw bytes to out."""
        length, chunked = None, False
        for line in head.split(b'\r\n')[1:]:
            name, sep, value = line.partition(b':')
            if not sep:
                continue
            name = name.strip().lower()
            value = value.strip()
            if name == b'transfer-encoding' and b'chunked' in value.lower():
                chunked = True
            elif name == b'content-length':
                try:
                    length = int(value)
                except ValueError:
                    raise ClientGone("bad Content-Length %r" % value)
        total = 0
        if chunked:
            while True:
                line = self.read_line("a chunk size")
                out.write(line)
                try:
                    size = int(line.split(b';')[0].strip(), 16)
                except ValueError:
                    raise ClientGone("bad chunk size line %r" % line)
                if size == 0:
                    while True:         # trailers, then the empty line
                        t = self.read_line("the trailers")
                        out.write(t)
                        if t in (b'\r\n', b'\n'):
                            return total
                self.copy(size + 2, out, "chunk data")
                total += size
        elif length:
            self.copy(length, out, "the body")
            total = length
        return total

    def copy(self, n, out, what):
        while n > 0:
            if not self.buf:
                self.fill(what)
            k = min(n, len(self.buf))
            out.write(self.take(k))
            n -= k

    # -- one request

    def one_request(self):
        head = self.read_head()
        if head is None:
            return False
        reqline = head.split(b'\r\n', 1)[0]
        n = self.srv.new_request(self.num, reqline)
        self.reqpath = os.path.join(self.srv.logdir, 'req-%d.bin' % n)
        self.log("request %d: %s", n, reqline.decode('latin-1'))
        block = self.srv.block_for(n)
        with open(self.reqpath, 'wb') as out:
            out.write(head)
            if block is None:
                out.flush()
                msg = b"httpd.py: no script step for request %d\n" % n
                self.log("request %d: beyond the script: 500, closing", n)
                self.sendall(b"HTTP/1.1 500 No Script\r\nContent-Length: %d"
                             b"\r\nConnection: close\r\n\r\n%s"
                             % (len(msg), msg))
                self.close()
                return False
            mode = block['mode']
            if mode == 'continue' and expects_continue(head):
                self.log("request %d: 100 Continue", n)
                self.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
            if mode in ('full', 'continue'):
                self.read_body(head, out)
        self.head = head
        for step in block['steps']:
            if self.closed:
                break
            self.step(step)
        return not self.closed

    def step(self, st):
        op = st[0]
        if op == 'send':
            self.log("send %d bytes", len(st[1]))
            self.sendall(st[1])
        elif op == 'trickle':
            k, secs, data = st[1], st[2], st[3]
            self.log("trickle %d bytes, %d every %gs", len(data), k, secs)
            for i in range(0, len(data), k):
                self.sendall(data[i:i + k])
                if i + k < len(data):
                    time.sleep(secs)
        elif op == 'pause':
            self.log("pause %gs", st[1])
            time.sleep(st[1])
        elif op == 'continue':
            self.log("100 Continue")
            self.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        elif op == 'body':
            with open(self.reqpath, 'ab') as out:
                k = self.read_body(self.head, out)
            self.log("read a body of %d bytes", k)
        elif op == 'echo':
            self.echo()
        elif op == 'close':
            self.close()
        elif op == 'reset':
            self.log("reset")
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack('ii', 1, 0))
            self.sock.close()
            self.closed = True
        elif op == 'sendbig':
            self.sendbig(st[1], st[2])
        elif op == 'repeat':
            self.repeat(st[1], st[2])

    def repeat(self, count, data):
        self.log("repeat %s x %d bytes",
                 'endless' if count is None else count, len(data))
        if not data:
            return
        # Small DATA (a header line) goes out in ~64 KiB batches, not a
        # system call each.
        per = max(1, 65536 // len(data))
        batch = data * per
        while count is None or count > 0:
            if count is None:
                k = self.budget(len(batch))
                if k == 0:
                    return
                self.sendall(batch[:k])
            else:
                n = min(count, per)
                self.sendall(batch[:n * len(data)])
                count -= n

    def echo(self):
        size = os.path.getsize(self.reqpath)
        self.log("echo %d bytes", size)
        self.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-"
                     b"stream\r\nContent-Length: %d\r\n\r\n" % size)
        if self.head.startswith(b'HEAD '):
            return              # a reply to HEAD has no body (RFC 9110 9.3.2)
        with open(self.reqpath, 'rb') as f:
            while True:
                d = f.read(65536)
                if not d:
                    break
                self.sendall(d)

    def budget(self, n):
        """Account n bytes of an endless step against --max-send.

        Returns how many of them may still be sent; at the cap, closes the
        connection (a close-delimited body then ends) and returns 0.
        """
        k = min(n, self.srv.args.max_send - self.sent)
        if k <= 0:
            self.log("endless: --max-send %d reached", self.srv.args.max_send)
            self.close()
            return 0
        self.sent += k
        return k

    def sendbig(self, n, chunk):
        self.log("sendbig %s%s", 'endless' if n is None else n,
                 ' chunked %d' % chunk if chunk else '')
        off = 0
        step = chunk or PATTERN_PERIOD
        while n is None or off < n:
            k = step if n is None else min(step, n - off)
            if n is None:
                k = self.budget(k)
                if k == 0:
                    return
            data = pattern(off, k)
            if chunk:
                self.sendall(b"%x\r\n" % k + bytes(data) + b"\r\n")
            else:
                self.sendall(data)
            off += k
        if chunk:
            self.sendall(b"0\r\n\r\n")

    # -- output

    def sendall(self, data):
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise ClientGone("client stopped reading for %gs"
                             % self.srv.args.read_timeout)
        except OSError as e:
            raise ClientGone("%s while sending" % e)

    def close(self):
        """Close with a FIN, then wait for the client's.

        Closing a socket with unread input makes the kernel send an RST,
        which may destroy the reply in flight before the client reads it.
        So shut down our side first and read until the client closes
        (nginx's lingering close), for at most CLOSE_DRAIN_SECS.
        """
        self.log("close")
        try:
            self.sock.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + CLOSE_DRAIN_SECS
            drained = 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.sock.settimeout(left)
                d = self.sock.recv(65536)
                if not d:
                    break
                drained += len(d)
            if drained or self.buf:
                self.log("discarded %d bytes sent after the close",
                         drained + len(self.buf))
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass
        self.closed = True


# ------------------------------------------------------------ --mode proxy

PROXY_HOSTS = ('127.0.0.1', 'localhost')   # the only targets, both 127.0.0.1
HOP_BY_HOP = (b'connection', b'keep-alive', b'proxy-connection',
              b'proxy-authorization', b'proxy-authenticate', b'te',
              b'trailer', b'upgrade')


class Tee:
    """A file-like sink that writes to a file and keeps a copy."""

    def __init__(self, f):
        self.f = f
        self.data = bytearray()

    def write(self, b):
        self.f.write(b)
        self.data += b


class Upstream:
    """A connection to an origin on 127.0.0.1, read through a buffer."""

    def __init__(self, port, timeout):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout)
        self.buf = bytearray()

    def fill(self):
        d = self.sock.recv(65536)
        if not d:
            raise EOFError("origin closed")
        self.buf += d

    def take(self, n):
        b = bytes(self.buf[:n])
        del self.buf[:n]
        return b

    def line(self):
        while b'\n' not in self.buf:
            if len(self.buf) > HEADER_LIMIT:
                raise EOFError("origin line too long")
            self.fill()
        return self.take(self.buf.index(b'\n') + 1)

    def head(self):
        while b'\r\n\r\n' not in self.buf:
            if len(self.buf) > HEADER_LIMIT:
                raise EOFError("origin head too long")
            self.fill()
        return self.take(self.buf.index(b'\r\n\r\n') + 4)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def header_values(head, name):
    """The values of the fields called name (lower-case bytes) in head."""
    out = []
    for line in head.split(b'\r\n')[1:]:
        n, sep, v = line.partition(b':')
        if sep and n.strip().lower() == name:
            out.append(v.strip())
    return out


def split_target(hostport, default=None):
    """'host[:port]' or '[v6][:port]' -> (host, port); ValueError if bad
    or if the port is missing and there is no default."""
    if hostport.startswith('['):
        host, _, rest = hostport[1:].partition(']')
        if rest and not rest.startswith(':'):
            raise ValueError(hostport)
        port = rest[1:]
    else:
        host, _, port = hostport.partition(':')
    if not port and default is None:
        raise ValueError(hostport)
    return host, int(port) if port else default


class ProxyConnection(Connection):
    """--mode proxy: a forward proxy to 127.0.0.1 only.

    Absolute-form requests (GET http://127.0.0.1:PORT/x) are forwarded, one
    origin connection each, without the hop-by-hop fields (Proxy-
    Authorization among them: a proxy consumes it); the reply is relayed as
    framed, so the client's connection stays open for the next one.
    CONNECT 127.0.0.1:PORT (or localhost:PORT) answers 200 and relays bytes
    both ways until either side closes.  Any other target gets a 403.
    Every request is logged as in the other modes (req-N.bin, requests.log).
    """

    def one_request(self):
        head = self.read_head()
        if head is None:
            return False
        reqline = head.split(b'\r\n', 1)[0]
        n = self.srv.new_request(self.num, reqline)
        self.reqpath = os.path.join(self.srv.logdir, 'req-%d.bin' % n)
        self.log("request %d: %s", n, reqline.decode('latin-1'))
        parts = reqline.split(b' ')
        with open(self.reqpath, 'wb') as f:
            f.write(head)
            body = Tee(f)
            if len(parts) == 3 and parts[0] != b'CONNECT':
                self.read_body(head, body)
        if len(parts) != 3:
            return self.refuse(400, "Bad Request", "bad request line")
        method, target, _ = parts
        a = self.srv.args
        if a.proxy_auth is not None:
            want = b'Basic ' + base64.b64encode(a.proxy_auth.encode())
            if want not in header_values(head, b'proxy-authorization'):
                return self.refuse(407, "Proxy Authentication Required",
                                   "proxy credentials wanted",
                                   b'Proxy-Authenticate: Basic '
                                   b'realm="httpd.py"\r\n')
        if method == b'CONNECT':
            return self.tunnel(n, target.decode('latin-1'))
        return self.forward(n, head, bytes(body.data))

    def refuse(self, code, reason, why, extra=b''):
        """Answer code with a short body and close; returns False."""
        self.log("%d: %s", code, why)
        msg = ("httpd.py proxy: %s\n" % why).encode()
        self.sendall(b"HTTP/1.1 %d %s\r\n%sContent-Type: text/plain\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                     % (code, reason.encode(), extra, len(msg), msg))
        self.close()
        return False

    def tunnel(self, n, target):
        a = self.srv.args
        if a.connect_reply is not None:
            self.log("request %d: scripted CONNECT reply, %d bytes", n,
                     len(a.connect_reply))
            self.sendall(a.connect_reply)
            self.close()
            return False
        if a.connect_status is not None:
            return self.refuse(a.connect_status, "Refused",
                               "CONNECT answered %d by --connect-status"
                               % a.connect_status)
        try:
            host, port = split_target(target)
        except ValueError:
            return self.refuse(400, "Bad Request", "bad CONNECT target")
        if host not in PROXY_HOSTS:
            return self.refuse(403, "Forbidden",
                               "only 127.0.0.1 targets, not %s" % host)
        try:
            up = Upstream(port, a.read_timeout)
        except OSError as e:
            return self.refuse(502, "Bad Gateway", "connect: %s" % e)
        self.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.log("request %d: tunnel to 127.0.0.1:%d", n, port)
        try:
            self.relay(up.sock)
        finally:
            up.close()
        self.closed = True
        try:
            self.sock.close()
        except OSError:
            pass
        return False

    def relay(self, up):
        """Bytes both ways until both sides are done, or a silence of
        --read-timeout."""
        if self.buf:                    # the client did not wait for 200
            up.sendall(bytes(self.buf))
            del self.buf[:]
        ends = {self.sock: up, up: self.sock}
        open_ = [self.sock, up]
        total = 0
        while open_:
            r, _, _ = select.select(open_, [], [], self.srv.args.read_timeout)
            if not r:
                self.log("tunnel idle: closing")
                break
            for s in r:
                try:
                    d = s.recv(65536)
                except OSError:
                    d = b''
                if d:
                    try:
                        ends[s].sendall(d)
                    except OSError:
                        return
                    total += len(d)
                    continue
                open_.remove(s)
                try:
                    ends[s].shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        self.log("tunnel done, %d bytes relayed", total)

    def forward(self, n, head, body):
        lines = head.split(b'\r\n')
        method, target, version = lines[0].split(b' ')
        url = target.decode('latin-1')
        if not url.startswith('http://'):
            return self.refuse(400, "Bad Request",
                               "not an absolute http:// URL: %s" % url)
        hostport, _, path = url[len('http://'):].partition('/')
        try:
            host, port = split_target(hostport, 80)
        except ValueError:
            return self.refuse(400, "Bad Request", "bad URL %s" % url)
        if host not in PROXY_HOSTS:
            return self.refuse(403, "Forbidden",
                               "only 127.0.0.1 targets, not %s" % host)
        out = [b'%s /%s %s' % (method, path.encode('latin-1'), version)]
        close = False
        for line in lines[1:]:
            name, sep, value = line.partition(b':')
            if not sep:
                continue
            lname = name.strip().lower()
            if lname == b'connection' and b'close' in value.lower():
                close = True
            if lname in HOP_BY_HOP:
                continue
            out.append(line)
        out.append(b'Connection: close')
        try:
            up = Upstream(port, self.srv.args.read_timeout)
        except OSError as e:
            return self.refuse(502, "Bad Gateway", "connect: %s" % e)
        self.relayed = False
        try:
            up.sock.sendall(b'\r\n'.join(out) + b'\r\n\r\n' + body)
            keep = self.relay_reply(up, method == b'HEAD')
        except (OSError, EOFError, ValueError, IndexError) as e:
            if not self.relayed:
                return self.refuse(502, "Bad Gateway", "origin: %s" % e)
            # Half a reply went out: all the client can get is the close.
            self.log("request %d: origin failed mid-reply: %s", n, e)
            self.close()
            return False
        finally:
            up.close()
        self.log("request %d: forwarded to 127.0.0.1:%d", n, port)
        if close or not keep:
            self.close()
            return False
        return True

    def relay_reply(self, up, head_only):
        """Relays the origin's reply, 1xx heads first, framed as it says.
        Returns False when it ended with the origin's close."""
        while True:
            h = up.head()
            code = int(h.split(b' ', 2)[1])
            self.relayed = True
            self.sendall(h)
            if code >= 200 or code == 101:
                break
        if head_only or code < 200 or code in (204, 304):
            return True
        if any(b'chunked' in v.lower()
               for v in header_values(h, b'transfer-encoding')):
            while True:
                line = up.line()
                self.sendall(line)
                size = int(line.split(b';')[0].strip(), 16)
                if size == 0:
                    while True:
                        t = up.line()
                        self.sendall(t)
                        if t in (b'\r\n', b'\n'):
                            return True
                self.copy_up(up, size + 2)
        cl = header_values(h, b'content-length')
        if cl:
            self.copy_up(up, int(cl[0]))
            return True
        while True:                     # until the origin closes
            if up.buf:
                self.sendall(up.take(len(up.buf)))
            try:
                up.fill()
            except EOFError:
                return False

    def copy_up(self, up, n):
        while n > 0:
            if not up.buf:
                up.fill()
            d = up.take(min(n, len(up.buf)))
            self.sendall(d)
            n -= len(d)


def expects_continue(head):
    for line in head.split(b'\r\n')[1:]:
        name, sep, value = line.partition(b':')
        if sep and name.strip().lower() == b'expect' and \
                value.strip().lower() == b'100-continue':
            return True
    return False


def write_atomic(path, text):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, 'w') as f:
        f.write(text)
    os.rename(tmp, path)


def listen_unix(path):
    """--unix: a socket file at PATH (a stale socket there is removed, any
    other file is left alone), or the abstract name after a leading '@'."""
    ls = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        if path.startswith('@'):
            ls.bind('\0' + path[1:])
        else:
            try:
                if stat.S_ISSOCK(os.lstat(path).st_mode):
                    os.unlink(path)
            except FileNotFoundError:
                pass
            ls.bind(path)
    except OSError as e:
        print("httpd.py: bind %s: %s" % (path, e.strerror), file=sys.stderr)
        ls.close()
        return None
    return ls


def main():
    p = argparse.ArgumentParser(
        description="Scripted HTTP/1.1 test server (see the docstring).")
    p.add_argument('--script', help="the script file")
    p.add_argument('--mode', choices=('script', 'echo', 'proxy'),
                   default='script')
    p.add_argument('--connect-status', type=int, metavar='N',
                   help="proxy mode: answer CONNECT with status N")
    p.add_argument('--connect-reply', metavar='DATA',
                   help="proxy mode: answer CONNECT with DATA exactly")
    p.add_argument('--proxy-auth', metavar='USER:PASS',
                   help="proxy mode: 407 unless Proxy-Authorization is "
                   "Basic USER:PASS")
    p.add_argument('--base', help="directory for relative DATA file names")
    p.add_argument('--port', type=int, default=0)
    p.add_argument('--unix', metavar='PATH',
                   help="listen on this Unix socket ('@name': abstract)")
    p.add_argument('--port-file')
    p.add_argument('--pid-file')
    p.add_argument('--log-dir')
    p.add_argument('--max-conns', type=int)
    p.add_argument('--idle-timeout', type=float, default=60.0)
    p.add_argument('--read-timeout', type=float, default=30.0)
    p.add_argument('--max-send', type=int, default=10 << 30)
    p.add_argument('--generate', type=int, metavar='N',
                   help="write N pattern bytes to stdout and exit")
    a = p.parse_args()

    if a.generate is not None:
        try:
            generate(a.generate, sys.stdout.buffer)
        except BrokenPipeError:
            # e.g. `| head -c 10`: not an error for a generator
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if not a.port_file or not a.log_dir:
        p.error("--port-file and --log-dir are required")
    if (a.mode == 'script') == (a.script is None):
        p.error("give --script FILE, or --mode echo or proxy without "
                "--script")
    if a.mode != 'proxy' and (a.connect_status is not None or
                              a.connect_reply is not None or
                              a.proxy_auth is not None):
        p.error("--connect-status, --connect-reply and --proxy-auth are "
                "for --mode proxy")
    if a.connect_reply is not None:
        # The script's DATA: a "quoted string" with C escapes, or a file.
        try:
            w = tokenize(a.connect_reply, 0)
            if len(w) != 1:
                raise ScriptError("--connect-reply: one DATA word")
            if isinstance(w[0], bytes):
                a.connect_reply = w[0]
            else:
                with open(w[0], 'rb') as f:
                    a.connect_reply = f.read()
        except (ScriptError, OSError) as e:
            print("httpd.py: %s" % e, file=sys.stderr)
            return 2

    blocks = None
    if a.script:
        base = a.base or os.path.dirname(os.path.abspath(a.script))
        try:
            blocks = parse_script(a.script, base)
        except (ScriptError, OSError) as e:
            print("httpd.py: %s: %s" % (a.script, e), file=sys.stderr)
            return 2
    os.makedirs(a.log_dir, exist_ok=True)

    if a.unix:
        ls = listen_unix(a.unix)
        if ls is None:
            return 2
        where, port = a.unix, 0
    else:
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            ls.bind(('127.0.0.1', a.port))
        except OSError as e:
            print("httpd.py: bind 127.0.0.1:%d: %s" % (a.port, e.strerror),
                  file=sys.stderr)
            return 2
        port = ls.getsockname()[1]
        where = "127.0.0.1:%d" % port
    ls.listen(64)
    srv = Server(a, blocks)
    srv.log("listening on %s, pid %d", where, os.getpid())
    if a.pid_file:
        write_atomic(a.pid_file, "%d\n" % os.getpid())
    write_atomic(a.port_file, "%d\n" % port)
    try:
        srv.serve(ls)
    except KeyboardInterrupt:
        srv.log("interrupted")
    return 0


if __name__ == '__main__':
    sys.exit(main())
