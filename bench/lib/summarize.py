#!/usr/bin/env python3
"""Turns bench/results/raw/ into bench/RESULTS.md (printed to stdout): targets, tables, the analysis
(bench/analysis.md, hand-written, included as it is) and the exact commands.

Every figure is a median over the timed rounds. Ratios are taken round by round between runs
of the same round (lib/rounds.sh alternates the commands), then the median of those ratios is
reported. "plugin Δ" = the build with our plugin minus the same build without it, in the same
round; likewise jdeb Δ against the jdeb wrapper without jdeb.
"""
import json
import os
import statistics
import sys
from collections import defaultdict

BENCH = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ROOT = os.path.dirname(BENCH)
RAW = os.path.join(BENCH, "results", "raw")
APPS = ["hello-cli", "hello-service", "small", "large", "spring"]
APP_TITLE = {
    "hello-cli": "examples/hello-cli",
    "hello-service": "examples/hello-service",
    "small": "bench/apps/small-app (74 jars)",
    "large": "bench/apps/large-app (~230 jars)",
    "spring": "examples/hello-spring-boot (Spring Boot 4 web service, our plugin only)",
}
ORDER = ["base", "ours", "ours-appchange", "ours-appchange-nots", "ours-zstd", "ours-cold", "ours-cold-zstd", "ours-jaronly", "floor-xz", "floor-zstd",
         "jdeb-base", "jdeb-gzip", "jdeb-xz", "jpackage"]
DESC = {
    "base": "mvn package, plugin skipped (paired baseline)",
    "ours": "mvn package, our plugin, xz (default), warm runtime cache",
    "ours-appchange": "the same after a change to the application jar",
    "ours-appchange-nots": "the same change, project.build.outputTimestamp not pinned (every header's mtime new)",
    "ours-zstd": "mvn package, our plugin, zstd, warm cache",
    "ours-cold": "mvn package, our plugin, xz, empty cache (runtime, jdeps, xz blocks)",
    "ours-cold-zstd": "mvn package, our plugin, zstd, empty cache",
    "ours-jaronly": "mvn package, our plugin, jar-only (no runtime)",
    "floor-xz": "dpkg-deb -b --root-owner-group -Zxz, our tree",
    "floor-zstd": "dpkg-deb -b --root-owner-group -Zzstd -z6, our tree",
    "jdeb-base": "jdeb wrapper build, jdeb skipped (paired baseline)",
    "jdeb-gzip": "jdeb 1.14 gzip (Maven build)",
    "jdeb-xz": "jdeb 1.14 xz (Maven build)",
    "jpackage": "jdeps + jpackage --type deb (runs jlink, dpkg-deb)",
}
PAIRED = {"ours": "base", "ours-appchange": "base", "ours-appchange-nots": "base", "ours-zstd": "base", "ours-cold": "base", "ours-cold-zstd": "base", "ours-jaronly": "base",
          "jdeb-gzip": "jdeb-base", "jdeb-xz": "jdeb-base"}


# how the install and start-up groups run, under their tables
INSTALL_HOW = ("Installing: `bench/install.sh` (an overlay copy of the integration tests' Debian 12 root per run, "
               "`unshare --mount --pid --fork`, then `/usr/bin/time chroot ROOT dpkg -i --force-depends PKG.deb`); "
               "under systemd: `bench/install-boot.sh` (an overlay copy of the systemd root booted with "
               "`systemd-nspawn --boot`, a oneshot unit timing `dpkg -i --force-depends PKG.deb` and the dump unit); "
               "start-up: `hyperfine --warmup 3 --runs 20 'chroot ROOT /usr/bin/PKG --version' "
               "\"chroot ROOT java -cp '/usr/share/java/PKG/lib/*' MAIN --version\"` in the same root after installing.")


def read_tsv(path, columns, row):
    """{label: {round: row(fields)}} from a results TSV (a header line, then round, label and the figures), skipping
    lines with fewer than `columns` fields or without figures."""
    out = defaultdict(dict)
    if not os.path.exists(path):
        return out
    with open(path) as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < columns or p[2] in ("", "-"):
                continue
            out[p[1]][p[0]] = row(p)
    return out


def read_rounds(path):
    """{label: {round: (wall, cpu, rss_mib, rc)}}"""
    return read_tsv(path, 7, lambda p: (float(p[2]), float(p[3]) + float(p[4]), float(p[5]) / 1024.0, int(p[6])))


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def per_round(rounds, a, b, fn):
    """Median over rounds present in both a and b of fn(a_round, b_round)."""
    if a not in rounds or b not in rounds:
        return None
    vals = []
    for r in rounds[a]:
        if r in rounds[b]:
            v = fn(rounds[a][r], rounds[b][r])
            if v is not None:
                vals.append(v)
    return med(vals)


def delta(rounds, label, r):
    base = PAIRED.get(label)
    if base is None or base not in rounds or r not in rounds[base] or r not in rounds[label]:
        return None
    return rounds[label][r][0] - rounds[base][r][0]


def delta_med(rounds, label):
    if label not in rounds:
        return None
    return med([delta(rounds, label, r) for r in rounds[label]])


def ratio_of_deltas(rounds, num, den, num_is_delta=True, den_is_delta=True):
    """median over rounds of value(num)/value(den), values being Δs or plain walls."""
    if num not in rounds or den not in rounds:
        return None
    vals = []
    for r in rounds[num]:
        if r not in rounds[den]:
            continue
        n = delta(rounds, num, r) if num_is_delta else rounds[num][r][0]
        d = delta(rounds, den, r) if den_is_delta else rounds[den][r][0]
        if n is None or d is None or d <= 0:
            continue
        vals.append(n / d)
    return med(vals)


def sizes():
    s = {}
    p = os.path.join(RAW, "sizes.tsv")
    if os.path.exists(p):
        for line in open(p):
            k, v = line.rstrip("\n").split("\t")
            s[k] = int(v)
    return s


def fmt(x, d=2, suffix=""):
    return "–" if x is None else f"{x:.{d}f}{suffix}"


def redact(text):
    home = os.path.expanduser("~")
    for a, b in ((ROOT + "/mvnw", "./mvnw"), (BENCH + "/", "bench/"), (ROOT + "/", ""), (home, "~")):
        text = text.replace(a, b)
    return text


def read_boot(path):
    """install-boot-<app>.tsv: {label: {round: (dpkg s, ready s, archive, rc)}}"""
    return read_tsv(path, 6, lambda p: (float(p[2]), float(p[3]), p[4], int(p[5])))


def print_machine():
    """The run's machine.txt, as a code block."""
    mp = os.path.join(RAW, "machine.txt")
    if os.path.exists(mp):
        print("```")
        print(redact(open(mp).read()).rstrip())
        print("```\n")


def install_sections():
    """Prints the install and start-up tables; returns their target rows (name, app, value, met)."""
    rows = []
    print("## Installing (`dpkg -i` into a fresh isolated Debian 12 root)\n")
    print("| app | package | dpkg -i wall s (median) | ÷ ours | failures |")
    print("|---|---|---:|---:|---:|")
    install_vs_jpackage = {}
    for app in APPS:
        rounds = read_rounds(os.path.join(RAW, f"install-{app}.tsv"))
        r = per_round(rounds, "ours", "jpackage", lambda a, b: a[0] / b[0] if b[0] > 0 else None)
        if r is not None:
            install_vs_jpackage[app] = r
        for label in ["ours", "ours-jaronly", "jdeb-gzip", "jdeb-xz", "jpackage"]:
            if label not in rounds:
                continue
            v = rounds[label].values()
            ratio = per_round(rounds, label, "ours", lambda a, b: a[0] / b[0] if b[0] > 0 else None)
            fails = sum(1 for x in v if x[3] != 0)
            print(f"| {app} | {label} | {fmt(med(x[0] for x in v))} | {fmt(ratio)}× | {fails or ''} |")
    print()

    print("## Start-up of the installed launcher vs plain `java -cp` (hyperfine, same invocation)\n")
    print("| app | package | launcher ms (median) | java -cp ms (median) | launcher ÷ java -cp |")
    print("|---|---|---:|---:|---:|")
    startup = {}
    rt = {}
    for app in APPS:
        for deb in ["ours", "ours-jaronly"]:
            p = os.path.join(RAW, f"startup-{app}-{deb}.json")
            if not os.path.exists(p):
                continue
            res = {r["command"]: r for r in json.load(open(p))["results"]}
            if "launcher" in res and "java-cp" in res:
                l, j = res["launcher"]["median"] * 1000, res["java-cp"]["median"] * 1000
                startup[(app, deb)] = l / j
                print(f"| {app} | {deb} | {l:.0f} | {j:.0f} | {l / j:.2f} |")
                if "runtime-cp" in res:
                    rt[(app, deb)] = (l, res["runtime-cp"]["median"] * 1000)
    print()
    if rt:
        print("With a bundled runtime: the launcher (with the application class-data sharing archive when the package"
              " has one) vs the bundled runtime's own `java -cp` (its base CDS archive only), same invocation:\n")
        print("| app | package | launcher ms | runtime java -cp ms | launcher ÷ runtime java -cp |")
        print("|---|---|---:|---:|---:|")
        for (app, deb), (l, r) in rt.items():
            print(f"| {app} | {deb} | {l:.0f} | {r:.0f} | {l / r:.2f} |")
        print()

    boot = {app: read_boot(os.path.join(RAW, f"install-boot-{app}.tsv")) for app in APPS}
    boot = {app: r for app, r in boot.items() if r}
    if boot:
        print("## Installing under a booted systemd (`dpkg -i` in a fresh `systemd-nspawn --boot` root)\n")
        print("As on a host: `bench/install-boot.sh`. There our postinst hands the application class-data sharing"
              " dump to the transient unit `<pkg>-app-cds.service` and returns; *ready* is the time from the start of"
              " `dpkg -i` until that unit is done (the archive is there), the same as dpkg -i for the others.\n")
        print("| app | package | dpkg -i wall s (median) | ready s (median) | archive | ÷ jpackage (dpkg -i) | failures |")
        print("|---|---|---:|---:|---|---:|---:|")
        for app, rounds in boot.items():
            for label in ["ours", "ours-jaronly", "jpackage"]:
                if label not in rounds:
                    continue
                v = list(rounds[label].values())
                ratio = per_round(rounds, label, "jpackage", lambda a, b: a[0] / b[0] if b[0] > 0 else None)
                fails = sum(1 for x in v if x[3] != 0)
                archives = sorted({x[2] for x in v})
                print(f"| {app} | {label} | {fmt(med(x[0] for x in v))} | {fmt(med(x[1] for x in v))} | "
                      f"{'/'.join(archives)} | {fmt(ratio)}× | {fails or ''} |")
            r = per_round(rounds, "ours", "jpackage", lambda a, b: a[0] / b[0] if b[0] > 0 else None)
            if r is not None:
                rows.append(("dpkg -i under systemd ≤ 1.1× jpackage's (issue 17)", app, fmt(r) + "×", r <= 1.1))
        print()
    for app, r in install_vs_jpackage.items():
        rows.append(("dpkg -i in a chroot (dump in postinst) ≤ 1.1× jpackage's (issue 17)", app, fmt(r) + "×",
                     r <= 1.1))
    for (app, deb), r in startup.items():
        rows.append((f"installed launcher start-up ≤ 0.8× java -cp ({deb})", app, f"{r:.2f}", r <= 0.8))
    return rows


def install_only():
    """bench/RESULTS-install.md: the install and start-up groups alone (install.sh, install-boot.sh)."""
    import io
    import contextlib
    body = io.StringIO()
    with contextlib.redirect_stdout(body):
        rows = install_sections()
    print("# Install and start-up results\n")
    print("Generated by `bench/run.sh install` (`install.sh` then `install-boot.sh` on the packages of the last "
          "`setup.sh`/`build.sh`; tables: `bench/lib/summarize.py --install`). The full run writes the same tables "
          "into RESULTS.md.\n")
    print_machine()
    print("## Targets (issue 17)\n")
    print("| target | app | measured | met? |")
    print("|---|---|---:|---|")
    for name, app, val, ok in rows:
        print(f"| {name} | {app} | {val} | {'yes' if ok else 'no'} |")
    print()
    ap = os.path.join(BENCH, "analysis-install.md")
    if os.path.exists(ap):
        print(open(ap).read().rstrip() + "\n")
    print(body.getvalue().strip() + "\n")
    print(INSTALL_HOW)


def main():
    import io
    import contextlib
    sz = sizes()
    body = io.StringIO()
    ctx = contextlib.redirect_stdout(body)
    ctx.__enter__()
    print("## Build: every way, per application\n")
    print("Medians over the timed rounds. wall/cpu/peak: whole command (GNU time; peak = largest single "
          "process). Δ: minus the paired baseline of the same round (the same Maven build without the "
          "packaging plugin), i.e. what packaging itself costs.\n")
    targets = {}
    for app in APPS:
        rounds = read_rounds(os.path.join(RAW, f"build-{app}.tsv"))
        if not rounds:
            continue
        n = max(len(v) for v in rounds.values())
        print(f"### {APP_TITLE[app]} ({n} rounds)\n")
        print("| what | wall s | cpu s | peak MiB | Δ wall s | .deb bytes | failures |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label in ORDER:
            if label not in rounds:
                continue
            v = rounds[label].values()
            fails = sum(1 for x in v if x[3] != 0)
            b = sz.get(f"{app}/{label}")
            print(f"| `{label}`: {DESC[label]} | {fmt(med(x[0] for x in v))} | {fmt(med(x[1] for x in v))} | "
                  f"{fmt(med(x[2] for x in v), 0)} | {fmt(delta_med(rounds, label))} | "
                  f"{'' if b is None else f'{b:,}'} | {fails or ''} |")
        print()
        t = {}
        t["warm_xz"] = ratio_of_deltas(rounds, "ours", "floor-xz", True, False)
        t["warm_zstd"] = ratio_of_deltas(rounds, "ours-zstd", "floor-zstd", True, False)
        t["vs_jdeb_xz"] = ratio_of_deltas(rounds, "jdeb-xz", "ours", True, True)
        t["vs_jdeb_gzip"] = ratio_of_deltas(rounds, "jdeb-gzip", "ours", True, True)
        t["cold_vs_jpackage"] = ratio_of_deltas(rounds, "ours-cold", "jpackage", True, False)
        t["cold_zstd_vs_jpackage"] = ratio_of_deltas(rounds, "ours-cold-zstd", "jpackage", True, False)
        # issue 17: the edit-build loop without a pinned timestamp, against the unchanged warm build
        t["nots_delta"] = delta_med(rounds, "ours-appchange-nots")
        t["nots_vs_warm"] = ratio_of_deltas(rounds, "ours-appchange-nots", "ours", True, True)
        t["nots_rss"] = per_round(rounds, "ours-appchange-nots", "ours",
                                  lambda a, b: a[2] / b[2] if b[2] > 0 else None)
        t["cold_delta"] = delta_med(rounds, "ours-cold")
        t["size_ours"] = sz.get(f"{app}/ours")
        t["size_jdeb_xz"] = sz.get(f"{app}/jdeb-xz")
        t["size_floor_xz"] = sz.get(f"{app}/floor-xz")
        t["rss_ours"] = med(x[2] for x in rounds.get("ours", {}).values()) if "ours" in rounds else None
        t["rss_base"] = med(x[2] for x in rounds.get("base", {}).values()) if "base" in rounds else None
        targets[app] = t
        print("| ratio (median of per-round ratios) | value |")
        print("|---|---:|")
        print(f"| plugin Δ (xz, warm) ÷ dpkg-deb -Zxz floor | {fmt(t['warm_xz'])}× |")
        print(f"| plugin Δ (zstd, warm) ÷ dpkg-deb -Zzstd floor | {fmt(t['warm_zstd'])}× |")
        print(f"| jdeb xz Δ ÷ plugin Δ (default) | {fmt(t['vs_jdeb_xz'], 1)}× |")
        print(f"| jdeb gzip Δ ÷ plugin Δ (default) | {fmt(t['vs_jdeb_gzip'], 1)}× |")
        print(f"| plugin Δ cold ÷ jpackage | {fmt(t['cold_vs_jpackage'])}× |")
        print(f"| plugin Δ cold, zstd ÷ jpackage | {fmt(t['cold_zstd_vs_jpackage'])}× |")
        if t["size_ours"] and t["size_jdeb_xz"]:
            print(f"| .deb size ours ÷ jdeb xz | {t['size_ours'] / t['size_jdeb_xz']:.4f} |")
        if t["size_ours"] and t["size_floor_xz"]:
            print(f"| .deb size ours ÷ dpkg-deb -Zxz | {t['size_ours'] / t['size_floor_xz']:.4f} |")
        print()

    install_rows = install_sections()

    print("## Targets (issue 7 §2, issue 17)\n")
    print("| target | app | measured | met? |")
    print("|---|---|---:|---|")

    def row(name, app, val, ok):
        print(f"| {name} | {app} | {val} | {'yes' if ok else ('no' if ok is not None else 'not measured')} |")

    for app, t in targets.items():
        w = t["warm_xz"]
        row("warm build Δ ≤ 1.2× dpkg-deb floor (xz)", app, fmt(w) + "×", None if w is None else w <= 1.2)
        w = t["warm_zstd"]
        row("warm build Δ ≤ 1.2× dpkg-deb floor (zstd)", app, fmt(w) + "×", None if w is None else w <= 1.2)
        s = t["vs_jdeb_xz"]
        row("default ≥ 10× faster than jdeb xz", app, fmt(s, 1) + "×", None if s is None else s >= 10)
        if t["size_ours"] and t["size_jdeb_xz"]:
            r = t["size_ours"] / t["size_jdeb_xz"]
            row("… with a .deb no larger than jdeb xz's", app, f"{r:.4f}", r <= 1.0)
        c = t["cold_vs_jpackage"]
        row("cold build ≤ jpackage", app, fmt(c) + "×", None if c is None else c <= 1.0)
        c = t["cold_zstd_vs_jpackage"]
        if c is not None:
            row("… with zstd", app, fmt(c) + "×", c <= 1.0)
        c = t["cold_vs_jpackage"]
        if c is not None or app != "spring":
            row("cold build ≤ 0.6× jpackage (issue 17)", app, fmt(c) + "×", None if c is None else c <= 0.6)
        if app == "spring":
            c = t["cold_delta"]
            row("Spring Boot app cold ≤ 60 s in the plugin (Δ, issue 17)", app, fmt(c) + " s",
                None if c is None else c <= 60)
        d = t["nots_delta"]
        if d is not None:
            row("change rebuild, no pinned timestamp: Δ ≤ 1.5 s (issue 17)", app, fmt(d) + " s", d <= 1.5)
            r = t["nots_vs_warm"]
            row("… ≤ 2× the unchanged warm build's Δ", app, fmt(r) + "×", None if r is None else r <= 2.0)
            r = t["nots_rss"]
            row("… peak RSS ≤ 1.10× the unchanged warm build's", app, fmt(r) + "×", None if r is None else r <= 1.10)
    if "small" in targets and "large" in targets and targets["small"]["rss_ours"] and targets["large"]["rss_ours"]:
        r = targets["large"]["rss_ours"] / targets["small"]["rss_ours"]
        rb = (targets["large"]["rss_base"] / targets["small"]["rss_base"]) if targets["small"]["rss_base"] else None
        row("peak RSS of the build, 230 jars ÷ 74 jars ≤ 1.10", "large/small",
            f"{r:.2f} (without plugin: {fmt(rb)})", r <= 1.10)
    for name, app, val, ok in install_rows:
        row(name, app, val, ok)
    print()
    ctx.__exit__(None, None, None)
    text = body.getvalue()
    tables, _, target_table = text.partition("## Targets (issue 7 §2, issue 17)\n")

    print("# Benchmark results\n")
    print("Generated by `bench/run.sh` (tables: `bench/lib/summarize.py` from `bench/results/raw/`); "
          "how to run it and what each command is: bench/README.md.\n")
    print("Profiling overhead (issue 9): a separate run, `bench/profiling.sh`, generates "
          "[RESULTS-profiling.md](RESULTS-profiling.md) (section \"Profiling overhead (issue 9)\").\n")
    print("Installing and start-up alone, with installs under a booted systemd (issue 17): `bench/run.sh install` "
          "generates [RESULTS-install.md](RESULTS-install.md); a full run has the same tables below.\n")
    print_machine()
    print("## Targets (issue 7 §2, issue 17)\n")
    print(target_table.strip() + "\n")
    ap = os.path.join(BENCH, "analysis.md")
    if os.path.exists(ap):
        print(open(ap).read().rstrip() + "\n")
    print(tables.strip() + "\n")
    print("## The exact commands\n")
    print("Each group ran its commands in this order once per round (PREPARE untimed, then COMMAND under GNU time); "
          "paths are relative to the repository.\n")
    for app in APPS:
        cp = os.path.join(RAW, f"build-{app}.cmds")
        if os.path.exists(cp):
            print(f"### build-{app}\n")
            print("```")
            for line in open(cp):
                print(redact(line.rstrip("\n")).replace("#   ", "", 1).replace("\t", "  ⇥  "))
            print("```\n")
    print(INSTALL_HOW)


if __name__ == "__main__":
    sys.exit(install_only() if sys.argv[1:] == ["--install"] else main())
