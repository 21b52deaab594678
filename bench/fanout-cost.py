#!/usr/bin/env python3
"""One Chat Post Survey event to 1 and to 10 functions on a warm platform: latency and CPU per event (issue 18).

The full bench measures the fan-out with 1 s of warm-up per step, right after other parts. This tool warms both
cases for as long as asked (accounts `fanout1` with one function and `fanout10` with ten, the bench's email.js,
through LivePerson's gateway), then alternates measured runs of the two, one connection each as in the bench, and
counts the process's CPU per event by thread group (/proc). With --jfr it also profiles one run of each case and
prints the hottest frames per thread group.

  bench/fanout-cost.py [--port 19301] [--warm 30] [--seconds 5] [--rounds 3] [--jfr]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("request_cost", os.path.join(harness.BENCH, "request-cost.py"))
request_cost = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(request_cost)


def path():
    return "/api/account/{account}/events/%s/invoke" % harness.CPS_EVENT


def run(cfg, platform, account, survey, seconds, label):
    pid = platform.pid()
    before = request_cost.thread_groups(pid)
    r = harness.wrk(cfg.port, account, survey, seconds, 1, threads=1, path=path().format(account=account), label=label)
    after = request_cost.thread_groups(pid)
    n = r["requests"]
    groups = {k: round(1e6 * (after[k] - before.get(k, 0)) / n, 1) for k in after}
    return {"case": account, "rps": round(r["rps"]), "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
            "errors": r["errors"], "cpu_us_per_event": round(sum(groups.values()), 1),
            "cpu_us_per_event_by_thread": dict(sorted(((k, v) for k, v in groups.items() if v >= 1), key=lambda kv: -kv[1]))}


def profile(cfg, platform, account, survey):
    jfr = os.path.join(harness.TARGET, "%s.jfr" % account)
    jcmd = request_cost.jfr_tool("jcmd")
    subprocess.run([jcmd, str(platform.pid()), "JFR.start", "name=fan", "settings=profile"], capture_output=True, timeout=60)
    harness.wrk(cfg.port, account, survey, cfg.seconds, 1, threads=1, path=path().format(account=account), label=account + " (JFR)")
    subprocess.run([jcmd, str(platform.pid()), "JFR.stop", "name=fan", "filename=" + jfr], capture_output=True, timeout=120)
    text = subprocess.run([request_cost.jfr_tool("jfr"), "print", "--json", "--events", "jdk.ExecutionSample", jfr],
                          capture_output=True, text=True, timeout=300).stdout
    by_thread, top = collections.Counter(), collections.Counter()
    for e in json.loads(text)["recording"]["events"]:
        v = e["values"]
        import re
        thread = re.sub(r"[0-9]+", "#", (v.get("sampledThread") or {}).get("javaName") or "?")
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in (v.get("stackTrace") or {}).get("frames", [])]
        by_thread[thread] += 1
        own = next((f for f in frames if f.startswith("io/switchboard/")), frames[0] if frames else "?")
        top[thread + " | " + own] += 1
    total = max(1, sum(by_thread.values()))
    return {"samples": total, "threads_pct": {k: round(100 * n / total, 1) for k, n in by_thread.most_common(8)},
            "innermost_switchboard_frame_pct": [(k, round(100 * n / total, 1)) for k, n in top.most_common(25)]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=19301)
    ap.add_argument("--warm", type=int, default=30, help="seconds of warm-up of each case, in rounds of 10 s")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jfr", action="store_true")
    cfg = ap.parse_args()
    harness.TARGET = os.path.join(harness.BENCH, "target", "fanout-cost")
    os.makedirs(harness.TARGET, exist_ok=True)
    platform = harness.Platform(cfg.port, harness.HOT_SOURCE)
    harness.PLATFORM = platform
    out = {"dist": harness.DIST, "load_before": open("/proc/loadavg").read().split()[:3], "runs": []}
    try:
        platform.start()
        api = harness.Api(cfg.port)
        paths, _, _ = harness.payloads(api)
        code = harness.function_code("email.js", "http://127.0.0.1:9")
        for account, n in (("fanout1", 1), ("fanout10", 10)):
            for i in range(n):
                api.create_function(account, "survey-%02d" % i, code, event=harness.CPS_EVENT)
        for i in range(max(1, cfg.warm // 10)):
            for account in ("fanout1", "fanout10"):
                run(cfg, platform, account, paths["survey"], 10, "warm-up %s #%d" % (account, i + 1))
        for i in range(cfg.rounds):
            for account in (("fanout1", "fanout10") if i % 2 == 0 else ("fanout10", "fanout1")):
                out["runs"].append(run(cfg, platform, account, paths["survey"], cfg.seconds, account))
        med = {}
        for account in ("fanout1", "fanout10"):
            p50s = sorted(r["p50_ms"] for r in out["runs"] if r["case"] == account)
            med[account] = p50s[len(p50s) // 2]
        out["median_p50_ms"] = med
        out["ratio_p50_10_to_1"] = round(med["fanout10"] / med["fanout1"], 2)
        if cfg.jfr:
            out["profile"] = {a: profile(cfg, platform, a, paths["survey"]) for a in ("fanout1", "fanout10")}
        out["load_after"] = open("/proc/loadavg").read().split()[:3]
    finally:
        harness.cleanup()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
