#!/usr/bin/env python3
"""CPU and allocation per event on the HTTP request threads, for (a) trivial and (b) JSON transform (issue 18).

Robust to a shared machine: it counts CPU time (utime+stime of the Jetty request threads `qtp*`, and of the whole
process, from /proc) and allocated bytes (JFR's jdk.ThreadAllocationStatistics of the same threads) per request
served, not requests per second. Starts a private copy of the distribution (SWITCHBOARD_DIST, else
distribution/target/switchboard) under bench/target/request-cost/, deploys the bench's functions (a) and (b) through
the API, warms them, then per function: one wrk run counted for CPU, one under a JFR recording for allocation and the
hottest methods. Prints a JSON document; stops the platform it started.

  bench/request-cost.py --port 19101 [--warm 60] [--seconds 10] [--label after]

BENCH_JFR_SETTINGS=<file.jfc> records with other JFR settings than `profile` (e.g. made with `jfr configure`).
BENCH_PERF=1 also records Linux perf's CPU-clock samples of the platform during the profiled run (native and kernel time,
which JFR does not see) into <label>-<function>.perf.data beside the JFR file; `perf report -i <file> --sort comm,dso`.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (the bench's platform copy, API client, payloads and wrk driver)

CLK_TCK = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid, prefix):
    """Seconds of CPU of the process's threads whose name starts with prefix (None: the whole process)."""
    if prefix is None:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                text = f.read()
        except OSError:
            continue  # the thread ended
        name = text[text.index("(") + 1:text.rindex(")")]
        if name.startswith(prefix):
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def thread_groups(pid):
    """Seconds of CPU per thread name with its digits taken out (\"qtp123-45\" -> \"qtp#-#\"), threads still alive."""
    import re
    groups = collections.Counter()
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                text = f.read()
        except OSError:
            continue
        name = re.sub(r"[0-9]+", "#", text[text.index("(") + 1:text.rindex(")")])
        fields = text.rsplit(")", 1)[1].split()
        groups[name] += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return groups


def jfr_tool(name):
    path = os.path.join(harness.JDK25, name)
    return path if os.path.exists(path) else name


def analyse(path, requests):
    """Allocated bytes per request of the qtp threads, and the hottest methods (self time) and allocation sites."""
    text = subprocess.run([jfr_tool("jfr"), "print", "--json", "--events",
                           "jdk.ThreadAllocationStatistics,jdk.ExecutionSample,jdk.ObjectAllocationSample", path],
                          capture_output=True, text=True, timeout=300).stdout
    events = json.loads(text)["recording"]["events"]
    first, last = {}, {}
    first_all, last_all = {}, {}
    top_self, top_lib, alloc_sites, alloc_types = (collections.Counter() for _ in range(4))
    samples = 0
    for e in events:
        v = e["values"]
        if e["type"] == "jdk.ThreadAllocationStatistics":
            name = (v.get("thread") or {}).get("javaName") or ""
            first_all.setdefault(name, v["allocated"])
            last_all[name] = v["allocated"]
            if name.startswith("qtp"):
                first.setdefault(name, v["allocated"])
                last[name] = v["allocated"]
            continue
        thread = (v.get("sampledThread") or v.get("eventThread") or {}).get("javaName") or ""
        if not thread.startswith("qtp"):
            continue
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in (v.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        if e["type"] == "jdk.ExecutionSample":
            samples += 1
            top_self[frames[0]] += 1
            lib = next((l for f in frames for p, l in harness.CPU_LIBRARIES if f.startswith(p)), "JDK and other")
            top_lib[lib] += 1
        else:
            weight = v.get("weight", 0)
            site = next((f for f in frames if f.startswith("io/switchboard/")), frames[0])
            alloc_sites[site + " <- " + frames[0]] += weight
            alloc_types[v["objectClass"]["name"]] += weight
    allocated = sum(last[t] - first[t] for t in last)
    by_group = collections.Counter()
    for t in last_all:
        by_group[re.sub(r"\d+", "#", t)[:15]] += last_all[t] - first_all[t]
    return {"alloc_bytes_per_request": round(allocated / requests) if requests else None,
            "alloc_bytes_per_request_by_thread": {k: round(b / requests) for k, b in by_group.most_common(8)} if requests else {},
            "cpu_samples": samples,
            "libraries": {k: round(100 * n / samples, 1) for k, n in top_lib.most_common()} if samples else {},
            "top_self": [(k, round(100 * n / samples, 1)) for k, n in top_self.most_common(25)] if samples else [],
            "alloc_sites_pct": [(k, round(100 * n / max(1, sum(alloc_sites.values())), 1)) for k, n in alloc_sites.most_common(25)],
            "alloc_types_pct": [(k, round(100 * n / max(1, sum(alloc_types.values())), 1)) for k, n in alloc_types.most_common(15)]}


def measured(platform, cfg, account, body, path, label):
    pid = platform.pid()
    before = (thread_cpu(pid, "qtp"), thread_cpu(pid, None))
    groups_before = thread_groups(pid)
    r = harness.wrk(cfg.port, account, body, cfg.seconds, cfg.conns, path=path, label=label)
    groups_after = thread_groups(pid)
    after = (thread_cpu(pid, "qtp"), thread_cpu(pid, None))
    n = r["requests"]
    per_group = {k: round(1e6 * (groups_after[k] - groups_before.get(k, 0)) / n, 1) for k in groups_after}
    return {"rps": round(r["rps"]), "requests": n, "errors": r["errors"], "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
            "cpu_us_per_request_qtp": round(1e6 * (after[0] - before[0]) / n, 1),
            "cpu_us_per_request_process": round(1e6 * (after[1] - before[1]) / n, 1),
            "cpu_us_per_request_by_thread": dict(sorted(((k, v) for k, v in per_group.items() if v >= 0.5),
                                                        key=lambda kv: -kv[1]))}


def profiled(platform, cfg, account, body, path, label):
    pid = platform.pid()
    jfr = os.path.join(harness.TARGET, "%s.jfr" % label.replace(" ", "-"))
    subprocess.run([jfr_tool("jcmd"), str(pid), "JFR.start", "name=cost",
                    "settings=" + os.environ.get("BENCH_JFR_SETTINGS", "profile")], capture_output=True, timeout=60)
    perf = None
    if os.environ.get("BENCH_PERF"):
        # Native and kernel time too (JFR samples only Java frames): perf's CPU-clock samples of the platform's threads,
        # the JIT's code named through the perf map that jcmd writes (/tmp/perf-<pid>.map) right after.
        perf = subprocess.Popen(["perf", "record", "-e", "cpu-clock", "-F", "1999", "-g", "-p", str(pid), "-o",
                                 os.path.join(harness.TARGET, "%s.perf.data" % label.replace(" ", "-")), "--", "sleep",
                                 str(max(1, cfg.seconds - 2))], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    r = harness.wrk(cfg.port, account, body, cfg.seconds, cfg.conns, path=path, label=label + " (JFR)")
    if perf is not None:
        perf.wait(timeout=60)
        subprocess.run([jfr_tool("jcmd"), str(pid), "Compiler.perfmap"], capture_output=True, timeout=60)
    subprocess.run([jfr_tool("jcmd"), str(pid), "JFR.stop", "name=cost", "filename=" + jfr], capture_output=True, timeout=120)
    return jfr, r["requests"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=19101)
    ap.add_argument("--warm", type=int, default=60, help="seconds of warm-up per function, in rounds of 10 s")
    ap.add_argument("--seconds", type=int, default=10, help="seconds of each measured wrk run")
    ap.add_argument("--conns", type=int, default=8)
    ap.add_argument("--label", default="run")
    ap.add_argument("--functions", default="a,b")
    cfg = ap.parse_args()
    harness.TARGET = os.path.join(harness.BENCH, "target", "request-cost")
    os.makedirs(harness.TARGET, exist_ok=True)
    platform = harness.Platform(cfg.port, harness.HOT_SOURCE)
    harness.PLATFORM = platform
    out = {"label": cfg.label, "dist": harness.DIST, "load_before": open("/proc/loadavg").read().split()[:3]}
    try:
        platform.start()
        api = harness.Api(cfg.port)
        paths, _, _ = harness.payloads(api)
        fns = cfg.functions.split(",")
        for k in fns:
            api.create_function("bench-" + k, harness.FUNCTIONS[k][:-3], harness.function_code(harness.FUNCTIONS[k], "http://127.0.0.1:9"))
        bodies = {"a": paths["sample"], "b": paths["big"]}
        for i in range(max(1, cfg.warm // 10)):
            for k in fns:
                harness.wrk(cfg.port, "bench-" + k, bodies[k], 10, cfg.conns, path=harness.cc_path(harness.COMMANDS[k]),
                            label="warm-up %s #%d" % (k, i + 1))
        jfrs = {}
        for k in fns:
            path = harness.cc_path(harness.COMMANDS[k])
            out[k] = measured(platform, cfg, "bench-" + k, bodies[k], path, "%s %s" % (cfg.label, k))
            jfrs[k] = profiled(platform, cfg, "bench-" + k, bodies[k], path, "%s %s" % (cfg.label, k))
        out["load_after"] = open("/proc/loadavg").read().split()[:3]
    finally:
        harness.cleanup()
    for k, (jfr, n) in jfrs.items():
        out[k].update(analyse(jfr, n))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
