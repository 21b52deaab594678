#!/usr/bin/env python3
"""CPU per refusal of a quarantined function (issue 18, round 4), on a copy of a built distribution.

Usage: nice -n 19 bench/refusal-cost.py <distribution dir> <port> [seconds] [payload: valid|invalid] [warm-up seconds]

Copies the distribution to a temporary directory, starts it on <port> with a CPU budget for quarantined runs that never
admits one (quarantineCpuShare = 0.001: at most 10 ms, a run needs 100 ms), deploys an endless loop as the command
`loop` of account `hostile` (timeout 500 ms), runs it once (stopped at its timeout: quarantined), warms up (60 s), then
drives the command with `wrk -t1 -c1` for [seconds] and prints the process's CPU (utime + stime from /proc/<pid>/stat)
and the record writer thread's per request served, and how many full REJECTED records were stored.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"
KEY = "refusal-cost-admin-key-0123456789"
BENCH = os.path.dirname(os.path.abspath(__file__))
TICK = os.sysconf("SC_CLK_TCK")


def call(port, method, path, body=None):
    c = http.client.HTTPConnection(HOST, port, timeout=30)
    c.request(method, path, body=None if body is None else json.dumps(body),
              headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json", "X-Switchboard-Account": "hostile"})
    r = c.getresponse()
    data = r.read()
    return r.status, (json.loads(data) if data else None)


def cpu_ticks(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def writer_thread(pid):
    for tid in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
            if f.read().startswith("switchboard-inv"):
                return "/proc/%d/task/%s/stat" % (pid, tid)
    return None


def wrk(port, seconds, body_file):
    env = dict(os.environ, BODY_FILE=body_file, AUTH_KEY=KEY, ACCOUNT="hostile")
    out = subprocess.run(["wrk", "-t1", "-c1", "-d%ds" % seconds, "--latency", "-s", os.path.join(BENCH, "lua", "post.lua"),
                          "http://%s:%d/events/conversational-commands/commands/loop" % (HOST, port)],
                         env=env, capture_output=True, text=True).stdout
    return json.loads(re.search(r"BENCHJSON (\{.*\})", out).group(1))


def main():
    dist, port = sys.argv[1], int(sys.argv[2])
    seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    payload = sys.argv[4] if len(sys.argv) > 4 else "valid"
    warm = int(sys.argv[5]) if len(sys.argv) > 5 else 60
    work = tempfile.mkdtemp(prefix="refusal-cost-")
    home = os.path.join(work, "switchboard")
    shutil.copytree(dist, home)
    with open(os.path.join(home, "etc", "io.switchboard.core.dispatch.cfg"), "w") as f:
        f.write("quarantineCpuShare = 0.001\n")
    body_file = os.path.join(work, "body.json")
    with open(body_file, "w") as f:
        f.write('{"conversationId": "4711", "arguments": ["echo", "this"]}' if payload == "valid" else '{"arguments": 5}')
    env = dict(os.environ, SWITCHBOARD_HTTP_PORT=str(port), SWITCHBOARD_ADMIN_KEY=KEY)
    subprocess.run([os.path.join(home, "bin", "switchboard"), "start"], env=env, capture_output=True, timeout=150, check=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if call(port, "GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        with open(os.path.join(home, "data", "switchboard.pid")) as f:
            pid = int(f.read().strip())
        s, fn = call(port, "POST", "/api/v1/accounts/hostile/functions", {"name": "loop", "eventType": "conversational_command",
                                                                           "timeoutMs": 500, "code": "async function lambda(input) { while (true) {} }"})
        assert s == 201, (s, fn)
        assert call(port, "POST", "/api/v1/accounts/hostile/functions/%s/deploy" % fn["id"])[0] == 200
        first = call(port, "POST", "/events/conversational-commands/commands/loop", {"conversationId": "1", "arguments": []})
        print("first run: %s %s" % first)
        wrk(port, warm, body_file)
        writer = writer_thread(pid)
        p0, w0 = cpu_ticks("/proc/%d/stat" % pid), cpu_ticks(writer) if writer else 0
        r = wrk(port, seconds, body_file)
        p1, w1 = cpu_ticks("/proc/%d/stat" % pid), cpu_ticks(writer) if writer else 0
        served = r["requests"]
        time.sleep(2)  # the record writer's linger
        s, page = call(port, "GET", "/api/v1/accounts/hostile/functions/%s/invocations?size=1" % fn["id"])
        print(json.dumps({"dist": dist, "payload": payload, "seconds": seconds, "requests": served, "non2xx": r["non2xx"],
                          "rps": round(served / (r["duration_us"] / 1e6)), "p50_us": r["p50_us"], "p99_us": r["p99_us"],
                          "cpu_us_per_request": round((p1 - p0) * 1e6 / TICK / served, 1),
                          "writer_us_per_request": round((w1 - w0) * 1e6 / TICK / served, 1) if writer else None,
                          "records_stored": page.get("total") if page else None}))
    finally:
        subprocess.run([os.path.join(home, "bin", "switchboard"), "stop"], env=env, capture_output=True, timeout=90)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
