#!/usr/bin/env python3
"""Turns bench/results/raw/profiling/ (written by bench/profiling.sh) into bench/RESULTS-profiling.md, printed to
stdout: the overhead of continuous JFR profiling on examples/hello-service (issue 9 part 3).

Every ratio is taken between runs of the same round (the arms alternate A B C, C B A, ...), then the median of
the per-round ratios is reported with its spread (min-max over rounds). CPU per request is the JVM's
utime + stime over the load window divided by the requests wrk completed in it. The hand-written part,
bench/profiling-analysis.md, is included as it is when it exists.
"""
import csv
import math
import os
import re
import statistics
import sys
from collections import defaultdict

BENCH = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
RAW = os.path.join(BENCH, "results", "raw", "profiling")
GOAL = 0.02
ARM_DESC = {
    "off": "`PROFILING=off`: the JVM starts without JFR",
    "default": "`PROFILING=on`, `settings=default` (JFR's default.jfc)",
    "profile": "`PROFILING=on`, `PROFILING_SETTINGS=profile`",
    "noio": "`PROFILING=on`, default.jfc without jdk.SocketRead/SocketWrite/FileRead/FileWrite (= the package's "
            "`lean` settings)",
    "noio-nopark": "as `noio`, and without jdk.ThreadPark/JavaMonitorWait",
}
VERDICT_ARMS = ("default", "noio", "noio-nopark")
EP_DESC = {"primes": "`/primes?n=N` (CPU-hot)", "health": "`/health` (cheap)"}


def redact(s):
    return re.sub(r"/(?:work|home|root|tmp)/\S*?/bench/", "bench/", s)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def pct(r):
    return f"{(r - 1) * 100:+.1f} %"


def paired_ratios(raw):
    """{(arm, endpoint, metric): [arm / off of each round]} of one run."""
    rows = list(csv.DictReader(open(os.path.join(raw, "runs.tsv")), delimiter="\t"))
    by = {(r["round"], r["arm"], r["endpoint"]): r for r in rows}
    res = defaultdict(list)
    for (rd, arm, ep), a in by.items():
        o = by.get((rd, "off", ep))
        if arm == "off" or not o:
            continue
        for k in ("rps", "cpu_us_per_req"):
            if float(o[k]) > 0:
                res[(arm, ep, k)].append(float(a[k]) / float(o[k]))
    return res


def sign_test(xs):
    """Two-sided sign test of 'the median ratio is 1': (rounds above 1, n, p)."""
    n, up = len(xs), sum(x > 1 for x in xs)
    k = min(up, n - up)
    return up, n, min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n)


def render_pooled(runs, p):
    pooled = defaultdict(list)
    for _, name in runs:
        for key, xs in paired_ratios(os.path.join(RAW, name)).items():
            pooled[key].extend(xs)
    p(f"## All runs together ({', '.join(f'`{n}`' for _, n in sorted(runs))})\n")
    p("Every round's ratio arm ÷ `off` (same round) from every run above, pooled: the median, the quartiles, how "
      "many rounds had a ratio above 1 and the two-sided sign test's p (the chance of so lopsided a count if ON "
      "made no difference). Throughput: a ratio below 1 is a loss; CPU per request: above 1 is a cost.\n")
    p("| arm | endpoint | metric | rounds | median | quartiles | rounds above 1 | sign test p |")
    p("|---|---|---|---:|---:|---:|---:|---:|")
    for arm in ("default", "profile", "noio", "noio-nopark"):
        for ep in ("primes", "health"):
            for k, label in (("rps", "throughput"), ("cpu_us_per_req", "CPU / request")):
                xs = sorted(pooled.get((arm, ep, k), []))
                if not xs:
                    continue
                up, n, pv = sign_test(xs)
                q1, q3 = xs[len(xs) // 4], xs[(3 * len(xs)) // 4]
                p(f"| {arm} | {EP_DESC[ep]} | {label} | {n} | {med(xs):.3f} ({pct(med(xs))}) | "
                  f"{q1:.3f} – {q3:.3f} | {up} | {pv:.3f} |")
    p("")


def render_run(name, raw, p):
    """Appends the sections of one run (results/raw/profiling/NAME/) through p; returns its settings line."""
    rows = list(csv.DictReader(open(os.path.join(raw, "runs.tsv")), delimiter="\t"))
    checks = list(csv.DictReader(open(os.path.join(raw, "checks.tsv")), delimiter="\t"))
    machine = dict(line.rstrip("\n").split(" ", 1) for line in open(os.path.join(raw, "machine.txt")) if " " in line)
    by = {(r["round"], r["arm"], r["endpoint"]): r for r in rows}
    rounds = sorted({r["round"] for r in rows}, key=int)
    arms = list(dict.fromkeys(r["arm"] for r in sorted(rows, key=lambda r: int(r["seq"]))))
    arms = ["off"] + [a for a in arms if a != "off"]
    eps = [e for e in ("primes", "health") if any(r["endpoint"] == e for r in rows)]
    settings = machine.get("settings", "")
    n = re.search(r"primes_n=(\d+)", settings)

    p(f"## Run `{name}`: arms {', '.join(arms)}, {len(rounds)} rounds\n")
    p("```")
    for k in ("started", "finished", "machine", "cpu", "package", "runtime", "wrk", "settings", "uptime-before",
              "uptime-after"):
        if k in machine:
            p(f"{k} {redact(machine[k]).replace('Package: ', '').replace('Version: ', '')}")
    p("```\n")

    # the verdict, then the ratio table
    p("### ON / OFF, per round, median and spread\n")
    p("Each cell: the median over rounds of (arm ÷ `off` in the same round), then [min – max] over the rounds. "
      "Throughput: requests per second wrk completed; CPU/request: the JVM's user + system CPU over the window ÷ "
      "requests; p50/p99: wrk's latency percentiles. For throughput lower is worse, for the others higher is worse.\n")
    p("| arm | endpoint | rounds | throughput | CPU / request | p50 latency | p99 latency |")
    p("|---|---|---:|---:|---:|---:|---:|")
    verdict = []
    for arm in arms[1:]:
        for ep in eps:
            ratios = defaultdict(list)
            for rd in rounds:
                a, o = by.get((rd, arm, ep)), by.get((rd, "off", ep))
                if not a or not o:
                    continue
                for k in ("rps", "cpu_us_per_req", "p50_ms", "p99_ms"):
                    if float(o[k]) > 0:
                        ratios[k].append(float(a[k]) / float(o[k]))
            if not ratios["rps"]:
                continue
            cells = [f"{med(ratios[k]):.3f} ({pct(med(ratios[k]))}) [{min(ratios[k]):.2f} – {max(ratios[k]):.2f}]"
                     for k in ("rps", "cpu_us_per_req", "p50_ms", "p99_ms")]
            p(f"| {arm} | {EP_DESC[ep]} | {len(ratios['rps'])} | " + " | ".join(cells) + " |")
            verdict.append((arm, ep, med(ratios["rps"]), med(ratios["cpu_us_per_req"]),
                            min(ratios["rps"]), max(ratios["rps"]), min(ratios["cpu_us_per_req"]),
                            max(ratios["cpu_us_per_req"])))
    p("")
    for arm, ep, rps, cpu, rlo, rhi, clo, chi in verdict:
        if arm not in VERDICT_ARMS:
            continue
        loss, extra = 1 - rps, cpu - 1
        met = loss < GOAL and extra < GOAL
        if 1 - rlo < GOAL and chi - 1 < GOAL:
            sure = "the whole spread is under 2 %: met."
        elif 1 - rhi >= GOAL or clo - 1 >= GOAL:
            sure = "the whole spread is over 2 %: not met."
        else:
            sure = ("the spread straddles 2 %: this run cannot tell whether the goal is met "
                    "(see the JFR threads' share below).")
        p(f"- **{arm} settings, {EP_DESC[ep]}**: throughput {pct(rps)}, CPU per request {pct(cpu)} "
          f"(medians of the per-round ratios; spread {pct(rlo)} … {pct(rhi)} and {pct(clo)} … {pct(chi)}): "
          + ("within the 2 % goal on the medians; " if met else
             f"the medians miss the 2 % goal by {max(loss, extra) * 100 - 2:.1f} points; ") + sure)
    p("")
    p(f"With n rounds, the min–max spread of the per-round ratios is a {100 * (1 - 2 * 0.5 ** len(rounds)):.1f} % "
      "confidence interval of their median (sign test: the true median lies below the lowest or above the highest "
      "of n paired ratios with probability 2 × 0.5ⁿ).\n")

    p("### Absolute figures (median over rounds)\n")
    p("The last column: the CPU time of JFR's own threads (`JFR Thread Sampler`, `JFR Recorder Thread`, `JFR Periodic "
      "Tasks`, from `/proc/PID/task/*/stat`) over the same window, as a share of the whole JVM's CPU: a direct "
      "reading of the recorder's cost that the machine's other load hardly moves (it leaves out the few events "
      "committed on the application's own threads).\n")
    p("| arm | what | endpoint | req/s | p50 ms | p99 ms | CPU µs / request | CPU s in the window | errors "
      "| JFR threads' CPU share |")
    p("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for arm in arms:
        for ep in eps:
            rs = [r for r in rows if r["arm"] == arm and r["endpoint"] == ep]
            if not rs:
                continue
            m = {k: med([float(r[k]) for r in rs]) for k in ("rps", "p50_ms", "p99_ms", "cpu_us_per_req", "cpu_s")}
            errs = sum(int(r["errors"]) for r in rs)
            shares = [float(r["jfr_cpu_s"]) / float(r["cpu_s"]) for r in rs if r.get("jfr_cpu_s") and float(r["cpu_s"]) > 0]
            share = (f"{med(shares) * 100:.2f} % [{min(shares) * 100:.2f} – {max(shares) * 100:.2f}]"
                     if shares else "–")
            p(f"| {arm} | {ARM_DESC.get(arm, arm)} | {EP_DESC[ep]} | {m['rps']:.0f} | {m['p50_ms']:.2f} | "
              f"{m['p99_ms']:.2f} | {m['cpu_us_per_req']:.0f} | {m['cpu_s']:.2f} | {errs} | {share} |")
    p("")

    p("### Every run\n")
    p("In the order they ran (`seq`); `load1` is the 1-minute load average when the window began.\n")
    p("| round | seq | arm | endpoint | requests | req/s | p50 ms | p99 ms | CPU s | CPU µs/req | JFR threads CPU s "
      "| errors | load1 |")
    p("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in sorted(rows, key=lambda r: (int(r["seq"]), r["endpoint"] != "primes")):
        p(f"| {r['round']} | {r['seq']} | {r['arm']} | {r['endpoint']} | {r['requests']} | {float(r['rps']):.0f} | "
          f"{r['p50_ms']} | {r['p99_ms']} | {r['cpu_s']} | {r['cpu_us_per_req']} | {r.get('jfr_cpu_s') or '–'} | "
          f"{r['errors']} | {r['load1']} |")
    p("")

    p("### Checks made by the script (it stops with an error otherwise)\n")
    p("Every run: the JVM's command line has `-XX:StartFlightRecording=` exactly when the arm is ON. After "
      "SIGTERM: ON runs left the dump `/var/lib/hello-service/profiles/<time>_<pid>.jfr` (not empty, owned by "
      "hello-service, the live repository directory gone); OFF runs left `profiles/` exactly as before (names, sizes, "
      "times).\n")
    p("| seq | arm | healthy after (s) | JFR flags | recording | bytes |")
    p("|---:|---|---:|---|---|---:|")
    for c in checks:
        p(f"| {c['seq']} | {c['arm']} | {float(c['start_s']):.2f} | {c['jfr_flags']} | {c['recording']} | "
          f"{int(c['bytes']):,} |")
    p("")

    for arm in arms[1:]:
        sp = os.path.join(raw, f"last-{arm}.summary.txt")
        if not os.path.exists(sp):
            continue
        events = []
        for line in open(sp):
            m = re.match(r"\s+(jdk\.\w+)\s+(\d+)\s+(\d+)", line)
            if m and int(m.group(2)) > 0:
                events.append((m.group(1), int(m.group(2)), int(m.group(3))))
        events.sort(key=lambda e: -e[2])
        total = sum(e[2] for e in events)
        p(f"#### What one `{arm}` recording holds (`jfr summary` of the last run's dump, top 12 by size)\n")
        p(f"{sum(e[1] for e in events):,} events, {total:,} bytes of events.\n")
        p("| event | count | bytes |")
        p("|---|---:|---:|")
        for e, c, b in events[:12]:
            p(f"| {e} | {c:,} | {b:,} |")
        p("")

    return settings, arms, n


def main():
    runs = []
    for name in sorted(os.listdir(RAW)) if os.path.isdir(RAW) else []:
        mp = os.path.join(RAW, name, 'machine.txt')
        if os.path.exists(os.path.join(RAW, name, 'runs.tsv')) and os.path.exists(mp):
            started = next((l.split(' ', 1)[1].strip() for l in open(mp) if l.startswith('started ')), '')
            runs.append((started, name))
    if not runs:
        sys.exit(f'no runs in {RAW}: run bench/profiling.sh first')
    out = []
    p = out.append
    p("# Profiling overhead (issue 9)\n")
    p("Generated by `bench/profiling.sh` (tables: `bench/lib/profiling-summary.py` from "
      "`bench/results/raw/profiling/<run>/`); how to run it: bench/README.md, \"Profiling overhead\". "
      "The goal of issue 9: under 2 % overhead with the default settings.\n")
    ap = os.path.join(BENCH, "profiling-analysis.md")
    if os.path.exists(ap):
        p(open(ap).read().rstrip() + "\n")
    render_pooled(runs, p)
    first = None
    invocations = []
    for _, name in sorted(runs):
        res = render_run(name, os.path.join(RAW, name), p)
        first = first or res
        st = res[0]
        g = lambda k: (re.search(k + r"=(\[[^\]]*\]|\S+)", st) or [None, "?"])[1]
        invocations.append(f"PROF_RUN={name} PROF_ARMS=\"{g('arms').strip('[]')}\" PROF_ROUNDS={g('rounds')} "
                           f"PROF_DURATION={g('duration').split('s')[0]} PROF_WARMUP_SECONDS={g('warmup').rstrip('s')} "
                           f"PROF_CONNECTIONS={g('connections')} PROF_PRIMES_N={g('primes_n')} bench/profiling.sh")
    settings, arms, n = first
    arms_s = re.search(r"arms=\[([^\]]*)\]", settings)
    p("## The exact commands\n")
    p("```sh")
    p("apt-get install wrk                     # once")
    p("bench/profiling.sh                      # or: bench/run.sh profiling")
    p("# the runs above, in full:")
    for inv in invocations:
        p(inv)
    p("```\n")
    p("What it runs, per run (`ROOT`: an overlay copy of `~/.cache/jpackage-deb-it/bookworm-minbase-openjdk17-r1.root` "
      "with `/proc` mounted, inside `unshare --mount --pid --fork`, the package installed once with "
      "`chroot ROOT dpkg -i --force-depends hello-service.deb`):\n")
    pin = re.search(r"pin=service:cpu(\d+),wrk:cpu(\d+)", settings)
    ts_s = f"taskset -c {pin.group(1)} " if pin else ""
    ts_l = f"taskset -c {pin.group(2)} " if pin else ""
    g = lambda k, d: (re.search(k + r"=(\S+)", settings) or [None, d])[1]
    dur, warm, conns, port = g("duration", "10s").split("/")[0], g("warmup", "6s"), g("connections", "4"), g("port", "18080")
    nn = n.group(1) if n else "20000"
    p("```sh")
    p("# arms in the order " + (arms_s.group(1) if arms_s else " ".join(arms)) + ", reversed every other round")
    p("sed -i '/^PROFILING=/d; /^PROFILING_SETTINGS=/d' ROOT/etc/default/hello-service")
    p("echo PROFILING=off|on [PROFILING_SETTINGS=default|profile|/etc/hello-service/ARM.jfc] >> ROOT/etc/default/hello-service")
    p("# noio, noio-nopark: ARM.jfc = ROOT/usr/lib/hello-service/runtime/lib/jfr/default.jfc with events disabled "
      "(bench/lib/jfc-disable.py)")
    p(f"{ts_s}chroot --userspec=hello-service:hello-service ROOT /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/hello-service "
      f"HELLO_SERVICE_PORT={port} /usr/bin/hello-service &")
    p(f"curl http://127.0.0.1:{port}/health                     # until UP")
    p(f"{ts_l}wrk -t1 -c{conns} -d{warm} 'http://127.0.0.1:{port}/primes?n={nn}'   # warm-up, then /health for half as long")
    p("# read utime+stime of /proc/PID/stat and of JFR's threads (/proc/PID/task/*/stat), then per endpoint:")
    p(f"{ts_l}wrk -t1 -c{conns} -d{dur} --latency 'http://127.0.0.1:{port}/primes?n={nn}'")
    p(f"{ts_l}wrk -t1 -c{conns} -d{dur} --latency 'http://127.0.0.1:{port}/health'")
    p("kill -TERM PID; wait PID   # then check profiles/ as above")
    p("```")
    print("\n".join(out))


if __name__ == "__main__":
    sys.exit(main())
