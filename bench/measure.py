#!/usr/bin/env python3
"""Run one command and measure it (Python standard library only).

    python3 bench/measure.py run [--stdout FILE] [--pipe-cat] [--rm FILE]
                                 [--stderr FILE] -- ARGV...
        Runs ARGV once, stdin from /dev/null, stdout to FILE (default
        /dev/null) or, with --pipe-cat, into a pipe read by `cat >/dev/null`
        (the pipeline's wall time counts, until both have exited).  Prints
        "WALL_SECONDS MAXRSS_KIB STATUS": the wall time (monotonic clock,
        fork to the last exit), the peak resident set of ARGV (ru_maxrss
        from wait4(2): the figure /usr/bin/time -f %M prints) and its exit
        status (128+N for signal N).  --rm FILE removes FILE afterwards,
        outside the timed part.

    python3 bench/measure.py loop --runs N -- ARGV...
        The fallback when hyperfine is missing: runs ARGV N times (plus two
        warm-up runs), prints "MEDIAN_SECONDS STATUS" (STATUS: the first
        non-zero exit status, else 0).

    python3 bench/measure.py hyperfine FILE
        Prints "MEDIAN_SECONDS 0" from hyperfine's --export-json FILE.

    python3 bench/measure.py callgrind FILE
        Prints the instruction count from valgrind's "Collected : N" line
        in FILE (its stderr), or "-" when there is none.
"""

import json
import os
import re
import statistics
import sys
import tempfile
import time


def status(ws):
    if os.WIFEXITED(ws):
        return os.WEXITSTATUS(ws)
    if os.WIFSIGNALED(ws):
        return 128 + os.WTERMSIG(ws)
    return 255


def spawn(argv, stdin, stdout, stderr):
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(stdin, 0)
            os.dup2(stdout, 1)
            os.dup2(stderr, 2)
            os.execvp(argv[0], argv)
        except OSError as e:
            os.write(2, ("measure.py: %s: %s\n" % (argv[0], e)).encode())
        os._exit(127)
    return pid


TIME = "/usr/bin/time"


def run_once(argv, out="/dev/null", pipe_cat=False, errfile="/dev/null",
             rss=False):
    """Returns (wall seconds, maxrss KiB, status) for one run of argv."""
    rssfile = None
    if rss and os.access(TIME, os.X_OK):
        fd, rssfile = tempfile.mkstemp(prefix="measure-rss.")
        os.close(fd)
        argv = [TIME, "-f", "%M", "-q", "-o", rssfile] + list(argv)
    devnull = os.open("/dev/null", os.O_RDWR)
    err = os.open(errfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    if pipe_cat:
        r, w = os.pipe()
        t0 = time.perf_counter()
        pid = spawn(argv, devnull, w, err)
        cat = spawn(["cat"], r, devnull, err)
        os.close(r)
        os.close(w)
    else:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        t0 = time.perf_counter()
        pid = spawn(argv, devnull, fd, err)
        cat = None
        os.close(fd)
    rss = 0
    st = None
    left = {pid} if cat is None else {pid, cat}
    while left:
        p, ws, ru = os.wait4(-1, 0)
        if p in left:
            left.discard(p)
        if p == pid:
            rss = ru.ru_maxrss
            st = status(ws)
        elif p == cat and status(ws) != 0 and st == 0:
            st = status(ws)
    wall = time.perf_counter() - t0
    if rssfile is not None:
        try:
            with open(rssfile) as f:
                rss = int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            rss = 0
        try:
            os.unlink(rssfile)
        except OSError:
            pass
    os.close(devnull)
    os.close(err)
    return wall, rss, st


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    cmd = args.pop(0)
    opts = {}
    while args and args[0] != "--" and cmd in ("run", "loop"):
        o = args.pop(0)
        if o == "--pipe-cat":
            opts[o] = True
        elif o in ("--stdout", "--rm", "--stderr", "--runs") and args:
            opts[o] = args.pop(0)
        else:
            sys.exit("measure.py: bad option %s" % o)
    if cmd in ("run", "loop"):
        if not args or args[0] != "--" or len(args) < 2:
            sys.exit("measure.py: -- ARGV expected")
        argv = args[1:]
    if cmd == "run":
        wall, rss, st = run_once(argv, opts.get("--stdout", "/dev/null"),
                                 opts.get("--pipe-cat", False),
                                 opts.get("--stderr", "/dev/null"), True)
        if "--rm" in opts:
            try:
                os.unlink(opts["--rm"])
            except FileNotFoundError:
                pass
        print("%.6f %d %d" % (wall, rss, st))
    elif cmd == "loop":
        n = int(opts.get("--runs", "30"))
        times = []
        first = 0
        for i in range(n + 2):
            wall, _, st = run_once(argv)
            if st != 0 and first == 0:
                first = st
            if i >= 2:
                times.append(wall)
        print("%.6f %d" % (statistics.median(times), first))
    elif cmd == "hyperfine" and len(args) == 1:
        with open(args[0]) as f:
            r = json.load(f)["results"][0]
        print("%.6f 0" % r["median"])
    elif cmd == "callgrind" and len(args) == 1:
        with open(args[0], errors="replace") as f:
            m = re.search(r"Collected\s*:\s*(\d+)", f.read())
        print(m.group(1) if m else "-")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
