#!/usr/bin/env python3
"""Write bench/run.sh's results as Markdown (Python standard library only).

    python3 bench/report.py RESULTS-DIR > report.md

RESULTS-DIR holds what run.sh wrote, tab-separated:
    machine.tsv    KEY VALUE                      the machine and the tools
    builds.tsv     LABEL VERSION VERSION-LINE     the httpc builds measured
    scenarios.tsv  ID BUILD KIND AMOUNT TARGET TITLE
    runs.tsv       ID BUILD CLIENT ROUND SECONDS RSS-KIB STATUS
    conns.tsv      ID BUILD CLIENT CONNECTIONS    (the 1000-request checks)
    icount.tsv     ID BUILD HTTPC-IR CURL-IR TARGET TITLE
    cipher.tsv     BUILD AEAD BUFFER MB/S         (bench/cipher_speed.c)
    ceilings.tsv   NAME MB/S                      (several lines a name)
    notes.txt      free text, one note a line
    profile-ID-BUILD.txt  callgrind_annotate output of httpc's runs

KIND: bytes (AMOUNT bytes: throughput, MB/s = 10^6 bytes a second), reqs
(AMOUNT requests: requests a second) or latency (SECONDS is the median of
one small GET).  TARGET:
    thr>=X, reqs>=X     median of the per-round ratios (curl's time /
                        httpc's time) at least X
    time<=X             median of httpc's time / curl's time at most X
    cipher>=F:AEAD      httpc's throughput at least F times this build's
                        mbedTLS AEAD on 16 KiB records: the median of the
                        per-round ratios when runs.tsv has CLIENT "cipher"
                        rows (the AEAD timed in each round, SECONDS being
                        its time for AMOUNT bytes), else against the
                        median of cipher.tsv
    ir<=X               httpc's instructions / curl's at most X
    -                   no target
Peak RSS: the median of httpc's / curl's in each scenario, at most 0.25.
"""

import os
import re
import statistics
import sys

RSS_TARGET = 0.25

# The server ceiling (a ceilings.tsv name prefix) that bounds each plain
# HTTP bulk scenario, for the note on how much room the target leaves.
SERVER_CEILING = {
    "http-null": "nginx /1g ",
    "http-pipe": "nginx /1g ",
    "http-file": "nginx /1g ",
    "http-chunked": "nginx /chunked/1g ",
}


def rows(path):
    try:
        with open(path) as f:
            return [l.rstrip("\n").split("\t") for l in f if l.strip()]
    except FileNotFoundError:
        return []


def fnum(x, digits=3):
    """A number with about `digits` significant digits, no exponent."""
    if x is None:
        return "–"
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 10 ** digits:
        return "{:,.0f}".format(x)
    dec = max(0, digits - 1 - int(f"{a:e}".split("e")[1]))
    return f"{x:.{dec}f}"


def ratio_txt(r):
    return "–" if r is None else f"{r:.2f}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    machine = [(r[0], r[1] if len(r) > 1 else "")
               for r in rows(os.path.join(d, "machine.tsv"))]
    mach = dict(machine)
    builds = rows(os.path.join(d, "builds.tsv"))
    scen = rows(os.path.join(d, "scenarios.tsv"))
    runs = rows(os.path.join(d, "runs.tsv"))
    conns = rows(os.path.join(d, "conns.tsv"))
    icount = rows(os.path.join(d, "icount.tsv"))
    cipher = rows(os.path.join(d, "cipher.tsv"))
    ceil = rows(os.path.join(d, "ceilings.tsv"))
    try:
        with open(os.path.join(d, "notes.txt")) as f:
            notes = [l.strip() for l in f if l.strip()]
    except FileNotFoundError:
        notes = []

    # cipher speeds: (build, aead, bufsize) -> MB/s, median of the runs
    csl = {}
    for r in cipher:
        if len(r) == 4:
            csl.setdefault((r[0], r[1], r[2]), []).append(float(r[3]))
    cs = {k: statistics.median(v) for k, v in csl.items()}

    # runs: (id, build) -> {client: {round: (secs, rss, status)}}
    data = {}
    for r in runs:
        if len(r) != 7:
            continue
        sid, b, c, rnd, secs, rss, st = r
        data.setdefault((sid, b), {}).setdefault(c, {})[int(rnd)] = (
            float(secs), int(rss), int(st))

    out = []
    w = out.append
    w("# httpc against curl: `make bench`")
    w("")
    w(f"{mach.get('date', '?')}, {mach.get('mode', '?')}, "
      f"{mach.get('duration', '?')}. Each figure is the median over the "
      "rounds; in each round httpc ran, then curl (A B A B ...), and the "
      "ratio is taken per round, so the min–max column shows how much the "
      "machine moved.")
    w("")
    w("| machine | |")
    w("| --- | --- |")
    for k, v in machine:
        if k in ("date", "mode", "duration"):
            continue
        w(f"| {k} | {v} |")
    for b in builds:
        w(f"| httpc [{b[0]}] | {b[2] if len(b) > 2 else b[1]} |")
    for (b, a, n), v in sorted(cs.items()):
        if n == "16384":
            w(f"| mbedTLS {b} {a} (16 KiB records, decrypt) | {fnum(v)} MB/s |")
    w("")

    failures = []
    rss_rows = []
    speed_rows = []
    summary = []
    headroom = []
    for s in scen:
        sid, b, kind, amount, target, title = s
        amount = float(amount)
        per = data.get((sid, b), {})
        h, c = per.get("httpc", {}), per.get("curl", {})
        bad = {cl: [(rnd, v[2]) for rnd, v in sorted(per.get(cl, {}).items())
                    if v[2] != 0] for cl in ("httpc", "curl")}
        for cl in ("httpc", "curl"):
            if bad[cl]:
                failures.append(f"{title} [{b}]: {cl} exited "
                                + ", ".join(f"{st} (round {rnd})"
                                            for rnd, st in bad[cl]))
        okr = sorted(rnd for rnd in h if rnd in c
                     and h[rnd][2] == 0 and c[rnd][2] == 0)
        hs = [h[r][0] for r in okr]
        cs_ = [c[r][0] for r in okr]
        if not okr:
            speed_rows.append((title, b, "failed", "failed", "–", "–",
                               target, "failed"))
            summary.append(("failed", title, b))
            continue
        if kind == "latency":
            hv, cv = statistics.median(hs) * 1e3, statistics.median(cs_) * 1e3
            unit = "ms"
            ratios = [h[r][0] / c[r][0] for r in okr]
        else:
            hv = statistics.median([amount / x for x in hs])
            cv = statistics.median([amount / x for x in cs_])
            if kind == "bytes":
                hv, cv, unit = hv / 1e6, cv / 1e6, "MB/s"
            else:
                unit = "req/s"
            ratios = [c[r][0] / h[r][0] for r in okr]
        rmed = statistics.median(ratios)
        rng = f"{min(ratios):.2f}–{max(ratios):.2f}"
        tdesc, verdict = judge(target, rmed, hv, b, cs)
        # Against the cipher timed in the same rounds, when it was.
        ci = per.get("cipher", {})
        cr = [ci[r][0] / h[r][0] for r in okr if r in ci]
        if target.startswith("cipher>=") and cr:
            f = float(target[len("cipher>="):].split(":", 1)[0])
            aead = target.split(":", 1)[1]
            cv_ = statistics.median([amount / ci[r][0] / 1e6
                                     for r in okr if r in ci])
            m = statistics.median(cr)
            tdesc = (f"≥ {f:.0%} of mbedTLS {aead} "
                     f"({fnum(cv_)} MB/s in the same rounds)")
            verdict = (("met" if m >= f else "**missed**")
                       + f" ({m:.0%}, {min(cr):.0%}–{max(cr):.0%})")
        speed_rows.append((title, b, f"{fnum(hv)} {unit}",
                           f"{fnum(cv)} {unit}", ratio_txt(rmed), rng,
                           tdesc, verdict))
        summary.append((verdict, title, b))
        cname = SERVER_CEILING.get(sid)
        cvals = [float(r[1]) for r in ceil if cname and r[0].startswith(cname)]
        if cvals and target.startswith("thr>="):
            need = float(target[len("thr>="):]) * cv
            sc = statistics.median(cvals)
            headroom.append(
                f"{title}: {target[len('thr>='):]}× curl's median is "
                f"{fnum(need)} MB/s; a raw reader (no parsing, one copy "
                f"into user space) gets {fnum(sc)} MB/s from nginx here" + (
                    ": the target is above that, only a path without the "
                    "copy (splice(2)) could reach it" if need > sc else
                    f" ({need / sc:.0%} of it)") + ".")
        hr = [h[r][1] for r in okr if h[r][1] > 0]
        cr = [c[r][1] for r in okr if c[r][1] > 0]
        if hr and cr:
            rr = [h[r][1] / c[r][1] for r in okr
                  if h[r][1] > 0 and c[r][1] > 0]
            rm = statistics.median(rr)
            v = "met" if rm <= RSS_TARGET else "**missed**"
            rss_rows.append((title, b, statistics.median(hr),
                             statistics.median(cr), rm,
                             f"{min(rr):.3f}–{max(rr):.3f}", v))
            summary.append((v, "peak RSS, " + title, b))

    w("## Speed")
    w("")
    w("Throughput is MB/s (10^6 bytes a second) and requests a second "
      "(higher is better; the ratio is httpc's over curl's); latency is "
      "milliseconds for the whole process (lower is better; the ratio is "
      "httpc's time over curl's).")
    w("")
    w("| scenario | build | httpc | curl | httpc/curl | min–max | target "
      "| verdict |")
    w("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |")
    for r in speed_rows:
        w("| " + " | ".join(str(x) for x in r) + " |")
    w("")
    if headroom:
        w("Room under the server: " + " ".join(headroom))
        w("")
    if conns:
        w("Connections used by the 1000-request runs (untimed check): "
          + "; ".join(f"{r[0]} [{r[1]}] {r[2]} {r[3]}" for r in conns)
          + ".")
        w("")

    w("## Peak RSS")
    w("")
    w("KiB, from `/usr/bin/time -f %M` around each measured run "
      f"(median over the rounds; target: httpc/curl ≤ {RSS_TARGET}). "
      f"GNU time floor: {mach.get('GNU time floor', '?').split(' ')[0]} KiB.")
    w("")
    w("| scenario | build | httpc | curl | httpc/curl | min–max | verdict |")
    w("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for t, b, hv, cv, rm, rng, v in rss_rows:
        w(f"| {t} | {b} | {hv:.0f} | {cv:.0f} | {rm:.3f} | {rng} | {v} |")
    w("")

    if icount:
        w("## Instructions")
        w("")
        w("Instructions executed in user space (valgrind --tool=callgrind, "
          "\"Collected\"), one run each: the figure machine noise does not "
          "move.")
        w("")
        w("| what | build | httpc | curl | httpc/curl | target | verdict |")
        w("| --- | --- | ---: | ---: | ---: | --- | --- |")
        for sid, b, a, c, target, title in icount:
            try:
                ai, ci = int(a), int(c)
                r = ai / ci
            except (ValueError, ZeroDivisionError):
                w(f"| {title} | {b} | {a} | {c} | – | {target} | failed |")
                continue
            if target.startswith("ir<="):
                x = float(target[4:])
                tdesc = f"≤ {x:g}"
                v = "met" if r <= x else "**missed**"
                summary.append((v, "instructions, " + title, b))
            else:
                tdesc, v = "–", "–"
            w(f"| {title} | {b} | {ai:,} | {ci:,} | {r:.3f} | {tdesc} "
              f"| {v} |")
        w("")

    w("## Ceilings on this machine")
    w("")
    w("| what | MB/s (median of the runs) |")
    w("| --- | ---: |")
    seen = []
    for r in ceil:
        if r[0] not in seen:
            seen.append(r[0])
    for name in seen:
        vals = [float(r[1]) for r in ceil if r[0] == name]
        w(f"| {name} | {fnum(statistics.median(vals))} "
          f"({fnum(min(vals))}–{fnum(max(vals))}) |")
    for (b, a, n), v in sorted(cs.items()):
        vals = csl[(b, a, n)]
        w(f"| mbedTLS {b}: {a}, {int(n) // 1024} KiB buffers, decrypt "
          f"(bench/cipher_speed.c) | {fnum(v)} "
          f"({fnum(min(vals))}–{fnum(max(vals))}) |")
    w("")

    judged = [(v, t, b) for v, t, b in summary
              if v.startswith("met") or "missed" in v or v == "failed"]
    missed = [f"{t} [{b}]" for v, t, b in judged if not v.startswith("met")]
    met = len(judged) - len(missed)
    w("## Targets")
    w("")
    w(f"{met} of {len(judged)} met."
      + (" Missed: " + "; ".join(missed) + "." if missed else ""))
    w("")
    if failures or notes:
        w("## Notes")
        w("")
        for f in failures:
            w(f"- failed run: {f}")
        for n in notes:
            w(f"- {n}")
        w("")

    profs = sorted(p for p in os.listdir(d) if p.startswith("profile-"))
    if profs:
        w("## Where httpc's instructions go")
        w("")
        w("The functions with the most instructions of their own "
          "(callgrind_annotate) in each callgrind run of httpc above.")
        w("")
        for p in profs:
            top = profile_top(os.path.join(d, p), 8)
            if not top:
                continue
            w(f"- `{p[len('profile-'):-4]}`: " + ", ".join(
                f"{fn} {pct}" for fn, pct in top))
        w("")

    w("<details><summary>Every run (seconds; RSS KiB; exit status)</summary>")
    w("")
    w("| scenario | build | client | round | seconds | RSS | status |")
    w("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for r in runs:
        w("| " + " | ".join(r) + " |")
    w("")
    w("</details>")
    print("\n".join(out))


def judge(target, rmed, hv, build, cs):
    """Returns (target text, verdict) for a speed scenario."""
    if target in ("", "-"):
        return "–", "–"
    if target.startswith("cipher>="):
        f, aead = target[len("cipher>="):].split(":", 1)
        f = float(f)
        c = cs.get((build, aead, "16384"))
        if c is None:
            return f"≥ {f:.0%} of mbedTLS {aead}", "no cipher figure"
        frac = hv / c
        return (f"≥ {f:.0%} of mbedTLS {aead} ({fnum(c)} MB/s)",
                ("met" if frac >= f else "**missed**") + f" ({frac:.0%})")
    for op in (">=", "<="):
        if op in target:
            x = float(target.split(op, 1)[1])
            ok = rmed >= x if op == ">=" else rmed <= x
            return (("≥ " if op == ">=" else "≤ ") + f"{x:g}",
                    "met" if ok else "**missed**")
    return target, "–"


def profile_top(path, n):
    """The n functions with the most self instructions, with their share."""
    top = []
    try:
        with open(path, errors="replace") as f:
            lines = f.readlines()
    except OSError:
        return top
    started = False
    for l in lines:
        s = l.strip()
        if not started:
            if s.startswith("Ir") and "file:function" in s:
                started = True
            continue
        if not s or s.startswith("-"):
            if top:
                break
            continue
        # "1,234,567 (12.34%)  file:function" (valgrind 3.19+) or
        # "1,234,567  file:function"
        m = re.match(r"([\d,]+)\s+(?:\(\s*([\d.]+%)\)\s+)?(.*)$", s)
        if not m:
            continue
        pct, rest = m.group(2) or "", m.group(3)
        lib = ""
        if rest.endswith("]") and " [" in rest:
            rest, lib = rest[:-1].rsplit(" [", 1)
            lib = os.path.basename(lib)
        fn = rest.split(":", 1)[1] if ":" in rest else rest
        fn = fn.strip()
        if lib and not lib.startswith("httpc"):
            fn += f"` ({lib})"
        else:
            fn += "`"
        top.append(("`" + fn, pct))
        if len(top) == n:
            break
    return top


if __name__ == "__main__":
    main()
