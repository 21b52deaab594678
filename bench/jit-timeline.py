#!/usr/bin/env python3
"""How the platform warms up (issue 18): a fresh private copy of the distribution (SWITCHBOARD_DIST, else
distribution/target/switchboard), one bench function deployed, then back-to-back wrk slices of steady load, each
printed as one JSON line: events/s, p99, the process's CPU per request and the CPU per request of every thread group
(request threads, C1/C2 compiler threads, the Truffle compiler, JS workers, the record writer, GC), from
/proc/<pid>/task/*/stat. Optionally a JFR recording of the whole run (settings file /tmp/tl.jfc, e.g. made with
`jfr configure --input default jdk.Compilation#threshold=0ms --output /tmp/tl.jfc`) and class histograms.

  bench/jit-timeline.py --port 19111 --slices 15 --slice 20 [--fn a|b] [--jfr /tmp/x.jfr] [--histo-at 3,11]
      [--etc io.switchboard.executor.graaljs:contextAllocationBudgetMegabytes=0]

Extra JVM options via SWITCHBOARD_JAVA_OPTS (e.g. -Dpolyglot.engine.TraceCompilation=true: the engine's compilation
trace goes to the copy's logs/switchboard.log).
"""
import argparse, json, os, subprocess, sys, time
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import importlib.util  # noqa: E402
spec = importlib.util.spec_from_file_location("rcost", os.path.join(HERE, "request-cost.py"))
rcost = importlib.util.module_from_spec(spec); spec.loader.exec_module(rcost)

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, default=19111)
ap.add_argument("--slices", type=int, default=12)
ap.add_argument("--slice", type=int, default=20)
ap.add_argument("--fn", default="a")
ap.add_argument("--jfr", default=None)
ap.add_argument("--conns", type=int, default=8)
ap.add_argument("--etc", action="append", default=[],
                help="PID:key=value written into the copy's etc/PID.cfg before it starts (repeatable)")
ap.add_argument("--histo-at", default="", help="slice numbers after which to write a class histogram")
cfg = ap.parse_args()
harness.TARGET = os.path.join(harness.BENCH, "target", "jit-timeline")
os.makedirs(harness.TARGET, exist_ok=True)
platform = harness.Platform(cfg.port, harness.HOT_SOURCE)
for setting in cfg.etc:
    pid_, kv = setting.split(":", 1)
    with open(os.path.join(platform.home, "etc", pid_ + ".cfg"), "a") as f:
        f.write(kv + "\n")
harness.PLATFORM = platform
rows = []
try:
    platform.start()
    api = harness.Api(cfg.port)
    paths, _, _ = harness.payloads(api)
    k = cfg.fn
    api.create_function("bench-" + k, harness.FUNCTIONS[k][:-3], harness.function_code(harness.FUNCTIONS[k], "http://127.0.0.1:9"))
    body = {"a": paths["sample"], "b": paths["big"]}[k]
    pid = platform.pid()
    if cfg.jfr:
        subprocess.run([rcost.jfr_tool("jcmd"), str(pid), "JFR.start", "name=tl", "settings=/tmp/tl.jfc"], capture_output=True, timeout=60)
    t0 = time.time()
    for i in range(cfg.slices):
        g0 = rcost.thread_groups(pid); p0 = rcost.thread_cpu(pid, None)
        r = harness.wrk(cfg.port, "bench-" + k, body, cfg.slice, cfg.conns, path=harness.cc_path(harness.COMMANDS[k]), label="slice %d" % i)
        g1 = rcost.thread_groups(pid); p1 = rcost.thread_cpu(pid, None)
        n = max(1, r["requests"])
        groups = {g: round(1e6 * (g1[g] - g0.get(g, 0)) / n, 1) for g in g1}
        groups = dict(sorted(((g, v) for g, v in groups.items() if v >= 1), key=lambda kv: -kv[1]))
        rows.append({"t": round(time.time() - t0), "rps": round(r["rps"]), "p99_ms": r["p99_us"] / 1000,
                     "proc_us": round(1e6 * (p1 - p0) / n, 1), "groups": groups})
        print(json.dumps(rows[-1]), flush=True)
        if str(i) in cfg.histo_at.split(","):
            h = subprocess.run([rcost.jfr_tool("jcmd"), str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=120).stdout
            open("/tmp/histo-%d.txt" % i, "w").write(h)
    if cfg.jfr:
        subprocess.run([rcost.jfr_tool("jcmd"), str(pid), "JFR.stop", "name=tl", "filename=" + cfg.jfr], capture_output=True, timeout=120)
finally:
    harness.cleanup()
