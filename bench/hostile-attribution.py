#!/usr/bin/env python3
"""Which hostile function costs the quiet account what (issue 18, "hostile neighbours").

The full bench drives the four hostile commands together beside the trivial function of `bench-a` and reports one
ratio. This tool takes the ratio apart on one warm platform: it measures the trivial function quiet, then beside each
hostile command alone, beside all four, and beside four closed-loop wrk clients that never reach the platform (they
hit the bench's Node stub, so the row is what the load generators alone take from 2 cores). For each row it counts the
CPU of the platform process and of the hostile wrk processes (utime+stime from /proc), per second.

Starts a private copy of the distribution (SWITCHBOARD_DIST, else distribution/target/switchboard) under
bench/target/hostile-attribution/, plus the stub; prints a JSON document; stops what it started.

  bench/hostile-attribution.py [--port 19201] [--stub-port 19283] [--warm 60] [--seconds 6] [--repeat 1]
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402  (the bench's platform copy, API client, payloads and wrk driver)

CLK_TCK = os.sysconf("SC_CLK_TCK")
HOSTILE = (("hostile-loop.js", 2000), ("hostile-memory.js", 2000), ("hostile-log.js", 5000), ("hostile-slow-http.js", 3000))


def cpu_s(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except OSError:
        return 0.0


def row(cfg, platform, paths, label, urls):
    """The trivial function measured for cfg.seconds while one closed-loop wrk connection per URL runs."""
    env = dict(os.environ, BODY_FILE=paths["sample"], AUTH_KEY=harness.ADMIN_KEY, ACCOUNT="hostile")
    drivers = [subprocess.Popen(["wrk", "-t1", "-c1", "-d%ds" % (cfg.seconds + 3), "--timeout", "15s", "--latency",
                                 "-s", os.path.join(harness.BENCH, "lua", "post.lua"), url],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
               for url in urls]
    if drivers:
        time.sleep(1.5)
    pid = platform.pid()
    t0, p0, w0 = time.monotonic(), cpu_s(pid), sum(cpu_s(d.pid) for d in drivers)
    r = harness.wrk(cfg.port, "bench-a", paths["sample"], cfg.seconds, cfg.conns, label=label)
    t1, p1, w1 = time.monotonic(), cpu_s(pid), sum(cpu_s(d.pid) for d in drivers)
    hostile = 0
    for d in drivers:
        out = d.communicate(timeout=cfg.seconds + 60)[0]
        m = [l for l in out.splitlines() if l.startswith("BENCHJSON ")]
        if m:
            hostile += json.loads(m[0][len("BENCHJSON "):])["requests"]
    secs = t1 - t0
    return {"row": label, "rps": round(r["rps"]), "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
            "errors": r["errors"], "platform_cores": round((p1 - p0) / secs, 2),
            "hostile_wrk_cores": round((w1 - w0) / secs, 2), "hostile_requests_per_s": round(hostile / (cfg.seconds + 3))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=19201)
    ap.add_argument("--stub-port", type=int, default=19283)
    ap.add_argument("--warm", type=int, default=60, help="seconds of warm-up of the trivial function, in rounds of 10 s")
    ap.add_argument("--seconds", type=int, default=6)
    ap.add_argument("--conns", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=1, help="times the whole series is measured")
    cfg = ap.parse_args()
    harness.TARGET = os.path.join(harness.BENCH, "target", "hostile-attribution")
    os.makedirs(harness.TARGET, exist_ok=True)
    stub = "http://%s:%d" % (harness.HOST, cfg.stub_port)
    harness.spawn(["node", os.path.join(harness.BENCH, "peer", "stub.js")], {"STUB_PORT": str(cfg.stub_port)}, "stub")
    harness.wait_port(cfg.stub_port)
    platform = harness.Platform(cfg.port, harness.HOT_SOURCE)
    harness.PLATFORM = platform
    out = {"dist": harness.DIST, "load_before": open("/proc/loadavg").read().split()[:3], "rows": []}
    try:
        platform.start()
        api = harness.Api(cfg.port)
        paths, _, _ = harness.payloads(api)
        api.create_function("bench-a", harness.COMMANDS["a"], harness.function_code(harness.FUNCTIONS["a"], stub))
        for name, timeout in HOSTILE:
            api.create_function("hostile", name[:-3], harness.function_code(name, stub), timeout_ms=timeout,
                                domains=[harness.HOST])
        for i in range(max(1, cfg.warm // 10)):
            harness.wrk(cfg.port, "bench-a", paths["sample"], 10, cfg.conns, label="warm-up #%d" % (i + 1))
        url = lambda name: "http://%s:%d%s" % (harness.HOST, cfg.port, harness.cc_path(name[:-3]))  # noqa: E731
        series = [("quiet", [])] + [("beside " + n[:-3], [url(n)]) for n, _ in HOSTILE] + \
                 [("beside all four", [url(n) for n, _ in HOSTILE]),
                  ("beside four wrk clients of the Node stub", [stub + "/lookup"] * 4), ("quiet again", [])]
        for _ in range(cfg.repeat):
            for label, urls in series:
                out["rows"].append(row(cfg, platform, paths, label, urls))
        out["load_after"] = open("/proc/loadavg").read().split()[:3]
    finally:
        harness.cleanup()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
