"""CPU per event of invocation records and of fan-out (issue 18, helper `records`); not part of bench/run.sh.

Starts a private copy of a distribution (SWITCHBOARD_DIST, default distribution/target/switchboard) on --port and
measures, from /proc (robust to other load on the machine, unlike req/s):
  - function (a) (trivial command, wrk --conns connections): platform CPU us per event and the record writer thread's
    CPU us per event, with the record policy ALL, FAILURES_LOGGED_SAMPLE (sampleRate 0.01) and ALL again (applied live);
  - one Chat Post Survey event through the gateway with 1 and with 10 functions (bench/functions/email.js, 1 connection):
    p50/p99 and CPU us per event.
Usage: python3 bench/records_cpu.py --port 19210 [--seconds 20] [--warm 15] [--only a,fanout] [--invocations "k = v;k2 = v2"]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

TICK_US = 1e6 / os.sysconf("SC_CLK_TCK")


def cpu_ticks(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of stat)


def writer_stat(pid):
    for tid in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
            if f.read().strip().startswith("switchboard-inv"):
                return "/proc/%d/task/%s/stat" % (pid, tid)
    return None


def measured(platform, label, run):
    pid = platform.pid()
    writer = writer_stat(pid)
    before, wbefore = cpu_ticks("/proc/%d/stat" % pid), cpu_ticks(writer) if writer else 0
    r = run()
    after, wafter = cpu_ticks("/proc/%d/stat" % pid), cpu_ticks(writer) if writer else 0
    n = max(1, r["requests"])
    out = {"label": label, "events": r["requests"], "rps": round(r["rps"]), "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
           "errors": r["errors"], "cpu_us_per_event": round((after - before) * TICK_US / n, 1),
           "writer_cpu_us_per_event": round((wafter - wbefore) * TICK_US / n, 1)}
    harness.log("  %s" % out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=19210)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--warm", type=int, default=15)
    ap.add_argument("--conns", type=int, default=8)
    ap.add_argument("--only", default="a,fanout")
    ap.add_argument("--invocations", default="", help="keys written to etc/io.switchboard.core.invocations.cfg before the start, "
                    "e.g. 'writeLingerMillis = 50'")
    args = ap.parse_args()
    harness.TARGET = os.path.join(harness.BENCH, "target", "records-cpu")
    os.makedirs(harness.TARGET, exist_ok=True)
    platform = harness.Platform(args.port, "switchboard.source.no-such-bundle")
    if args.invocations:
        with open(os.path.join(platform.home, "etc", "io.switchboard.core.invocations.cfg"), "w") as f:
            f.write(args.invocations.replace(";", "\n") + "\n")
    platform.start()
    results = []
    try:
        api = harness.Api(args.port)
        paths, _, _ = harness.payloads(api)
        if "a" in args.only:
            api.create_function("bench-a", harness.COMMANDS["a"], harness.function_code("trivial.js", "http://127.0.0.1:1"))
            run = lambda s: harness.wrk(args.port, "bench-a", paths["sample"], s, args.conns, label="a")  # noqa: E731
            run(args.warm)
            policy_file = os.path.join(platform.home, "etc", "io.switchboard.core.recordpolicy.cfg")
            # A, B, A: the JIT keeps warming during the runs, so the policy's effect is what B saves against both As
            for policy in ("ALL", "FAILURES_LOGGED_SAMPLE", "ALL"):
                with open(policy_file, "w") as f:
                    f.write("policy = %s\nsampleRate = 0.01\n" % policy)
                time.sleep(5)  # the configuration watcher polls etc/ every second or two
                run(3)
                results.append(measured(platform, "a, policy %s" % policy, lambda: run(args.seconds)))
        if "fanout" in args.only:
            code = harness.function_code("email.js", "http://127.0.0.1:1")
            path = "/api/account/fanout/events/%s/invoke" % harness.CPS_EVENT
            n = 0
            for target in (1, 10):
                while n < target:
                    api.create_function("fanout", "survey-%02d" % n, code, event=harness.CPS_EVENT)
                    n += 1
                run = lambda s: harness.wrk(args.port, "fanout", paths["survey"], s, 1, threads=1, path=path, label="fan-out %d" % n)  # noqa: E731
                run(args.warm)
                results.append(measured(platform, "fan-out %d functions" % n, lambda: run(args.seconds)))
    finally:
        platform.stop()
    for r in results:
        print("RESULT %s" % r)


if __name__ == "__main__":
    main()
