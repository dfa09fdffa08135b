#!/usr/bin/env python3
"""Compare httpc with curl on -F/--form-string and -w, byte for byte.

    python3 tests/unit/cmp_curl.py ./httpc [curl]

Starts a loopback listener that records each request and answers with a
fixed response, runs curl and httpc with the same arguments in a scratch
directory of fixture files, and compares what the listener received
(request body with the multipart boundary replaced, Content-Type,
Content-Length or chunked), the exit codes, curl's "Warning:" lines,
and for -w the output ("curl: " read as "httpc: ").  Deterministic -w
variables only: times and ports differ from run to run.  Prints one line
per case and exits non-zero if any differ.  Needs curl 7.88 (Debian 12);
known, deliberate differences are listed in cmd/form.c and
cmd/writeout.c and are not among the cases.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading

RESPONSE = (b'HTTP/1.1 200 OK\r\nX-B: cafe\r\nSet-Cookie: a=1\r\n'
            b'Content-Type: text/plain\r\nContent-Length: 2\r\n'
            b'Connection: close\r\n\r\nok')
BOUNDARY = re.compile(rb'-{24}[0-9a-f]{16}')

FORM_CASES = [
    ['-F', 'a=1', '-F', 'b=@a.txt', '-F', 'c=<b.html', '-F', 'd=@c.bin',
     '-F', 'e=@noext', '-F', 'g=<noext'],
    ['-F', 'a=@"we\\"ird;na,me.TXT"', '-F', 'q"x=y', '-F', 'n\r\nl=1',
     '-F', '=noname'],
    ['-F', 'a=v ;type=text/x-foo ; charset=utf-8;filename= "n a m e.html" ',
     '-F', 'b=@a.txt;type=image/png;headers="X-H: 1";headers=@hdrs',
     '-F', 'c= " quoted \\" val " x;type=a/b',
     '-F', 'd=<a.txt;filename=zz.txt;type=q/r'],
    ['-F', 'e=x;headers=Content-Type: my/type',
     '-F', 'f=x;headers=Content-Disposition: inline', '-F', 'g=x;bogus=1',
     '-F', 'h=x;filename=y.txt'],
    ['--form-string', 'a=@a.txt;type=x/y', '--form-string', '=)'],
    ['-F', 'a=x;type=a/b;type=c/d', '-F', 'b=x;TYPE=a/b;FileName=X.PDF',
     '-F', 'c=  value  ', '-F', 'd=" value "', '-F', 'e=',
     '-F', 'f="unterminated', '-F', 'g="a\\b\\\\c\\"d"'],
    ['-F', 'a=@big.bin', '-F', 'b=@empty', '-F', 'c=<empty'],
    ['-F', 'a=x;headers=@long'],
    ['-F', 'a="q" junk', '-F', 'b=<a.txt;filename=x',
     '-F', 'c=x;headers=@nope'],
    ['-F', 'noequals'],
    ['-F', 'a=x;type=bad'],
    ['-F', 'a=@nope'],
]
STDIN_CASES = [
    (['-F', 'a=@-', '-F', 'b=<-'], b'piped\n'),
    (['-F', 'a=@-;filename=x.txt', '-F', 'b=<-;type=a/b'], b'in\x00bin'),
]
WRITEOUT_CASES = [
    '%{http_code} %{response_code} %{http_version} %{method} %{scheme}\\n',
    '%{size_download} %{num_headers} %{content_type} %{exitcode}\\n',
    '%{url} %{url_effective} %{remote_ip} %{num_connects}\\n',
    '[%header{x-b}][%header{Content-Type}][%header{nope}]\\n',
    'a%{stderr}b%{stdout}c%{onerror}d\\n',
    '%%%Q%{nope}%{%{%header{x\\q\\t|\\',
    '%{HTTP_CODE}%{http_connect}[%{redirect_url}][%{errormsg}]',
]


class Listener(threading.Thread):
    """Records the last request (headers, de-chunked body)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.last = None

    def run(self):
        while True:
            c, _ = self.sock.accept()
            try:
                self.serve(c)
            except (OSError, ValueError) as e:
                self.last = (b'', repr(e).encode())
            finally:
                c.close()

    def serve(self, c):
        c.settimeout(10)
        data = b''
        while b'\r\n\r\n' not in data:
            d = c.recv(65536)
            if not d:
                self.last = (data, b'')
                return
            data += d
        head, _, body = data.partition(b'\r\n\r\n')
        low = head.lower()
        if b'expect: 100-continue' in low:
            c.sendall(b'HTTP/1.1 100 Continue\r\n\r\n')
        if b'transfer-encoding: chunked' in low:
            while not body.endswith(b'0\r\n\r\n'):
                d = c.recv(65536)
                if not d:
                    break
                body += d
            out, rest = b'', body
            while True:
                line, _, rest = rest.partition(b'\r\n')
                n = int(line.split(b';')[0], 16)
                if n == 0:
                    break
                out, rest = out + rest[:n], rest[n + 2:]
            body = out
        else:
            m = re.search(rb'(?im)^content-length:\s*(\d+)', head)
            want = int(m.group(1)) if m else 0
            while len(body) < want:
                d = c.recv(65536)
                if not d:
                    break
                body += d
        # Recorded before the reply: the client may exit right after it.
        self.last = (head, body)
        c.sendall(RESPONSE)


def fixtures(d):
    def put(name, data):
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
    put('a.txt', b'hello\n')
    put('b.html', b'<p>x</p>')
    put('c.bin', b'\x00\x01bin')
    put('noext', b'noext')
    put('we"ird;na,me.TXT', b'hello\n')
    put('hdrs', b'X-One: 1\r\n# comment\n  folded\nX-Two: 2  \n')
    put('long', b'X-Long: ' + b'y' * 1200 + b'\nX-After: 1\n')
    put('empty', b'')
    put('big.bin', bytes((i * 7 + i // 251) & 0xff
                         for i in range(3 * 1024 * 1024 + 7)))


def run(cmd, args, url, cwd, stdin, listener):
    # -s hides curl's warnings, so the form cases go without it and
    # the progress meter is filtered out; -w cases are silent.
    quiet = ['-s'] if args[0] == '-w' else []
    listener.last = None
    p = subprocess.run([cmd] + quiet + ['-o', '/dev/null'] + args + [url],
                       cwd=cwd, input=stdin if stdin is not None else b'',
                       capture_output=True, timeout=60)
    head, body = listener.last or (b'', b'')
    ctype = re.search(rb'(?im)^content-type:\s*(.*?)\r?$', head)
    clen = re.search(rb'(?im)^content-length:\s*(\d+)', head)
    chunked = re.search(rb'(?im)^transfer-encoding:\s*chunked', head)
    warns = [l for l in re.split(r'[\r\n]',
                                 p.stderr.decode('utf-8', 'replace'))
             if l.startswith('Warning: ')]
    return {
        'exit': p.returncode,
        'warnings': warns,
        'body': BOUNDARY.sub(b'BOUNDARY', body),
        'content-type': BOUNDARY.sub(b'BOUNDARY', ctype.group(1))
        if ctype else None,
        'length': clen.group(1) if clen else (b'chunked' if chunked
                                              else None),
        'stdout': p.stdout,
        'stderr': p.stderr.replace(b'curl: ', b'httpc: '),
    }


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    httpc = os.path.abspath(sys.argv[1])
    curl = sys.argv[2] if len(sys.argv) > 2 else 'curl'
    listener = Listener()
    listener.start()
    url = 'http://127.0.0.1:%d/' % listener.port
    bad = total = 0
    with tempfile.TemporaryDirectory() as d:
        fixtures(d)
        cases = [(a, None, ('exit', 'warnings', 'body', 'content-type',
                            'length')) for a in FORM_CASES]
        cases += [(a, s, ('exit', 'warnings', 'body', 'content-type',
                          'length')) for a, s in STDIN_CASES]
        cases += [(['-w', w], None, ('exit', 'stdout', 'stderr'))
                  for w in WRITEOUT_CASES]
        for args, stdin, keys in cases:
            total += 1
            want = run(curl, args, url, d, stdin, listener)
            got = run(httpc, args, url, d, stdin, listener)
            diff = [k for k in keys if want[k] != got[k]]
            print('%s %r' % ('ok  ' if not diff else 'DIFF', args))
            for k in diff:
                print('    %s: curl %r' % (k, want[k][:400]
                                          if want[k] else want[k]))
                print('    %s: ours %r' % (k, got[k][:400]
                                          if got[k] else got[k]))
            bad += bool(diff)
    print('# cmp_curl: %d passed, %d failed' % (total - bad, bad))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
