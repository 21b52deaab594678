#!/usr/bin/env python3
"""Load, start-up, fault and bad-input harness of issue 7; run through bench/run.sh.

Starts a private copy of the built distribution (own port, own data) and the Node.js peer, measures, stops
everything it started, and writes bench/target/results.json; report.py turns that into docs/benchmarks.md.
Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""
import argparse
import atexit
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
import zipfile

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
TARGET = os.path.join(BENCH, "target")
DIST = os.environ.get("SWITCHBOARD_DIST") or os.path.join(REPO, "distribution", "target", "switchboard")
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin"
HOST = "127.0.0.1"
ADMIN_KEY = "bench-admin-" + uuid.uuid4().hex[:16]
END_PATH = "/events/system-messages/conversation-end"
END_EVENT = "controllerbot_messaging_conversation_end"
CPS_EVENT = "denver_post_survey_email_transcript"
FUNCTIONS = {"a": "trivial.js", "b": "transform.js", "c": "http.js"}
# A command function is named like its command; the webhook's path names the command (LivePerson's selection).
COMMANDS = {k: f[:-3] for k, f in FUNCTIONS.items()}


def cc_path(command):
    return "/events/conversational-commands/commands/" + command

# (c) makes one outbound call per event: LivePerson's default of 20 per function and second would cap it at 20 events/s,
# so the bench sets account bench-c's `httpRequestsPerSecond` to this (the peer has no such limit)
C_HTTP_REQUESTS_PER_SECOND = 50000

STARTED = []  # Popen objects we own (peer, stub)
PLATFORM = None
PEER = None  # the peer's Popen (its session holds the cluster's workers)


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, flush=True)


def autogroup():
    """The kernel's autogroup scheduling (1: on, the Debian default; 0: off; None: not in this kernel). With it on,
    the scheduler shares the CPU between sessions first and between threads second; both servers therefore run in
    sessions of their own and wrk in the harness's, so the platform and the peer meet the same arrangement."""
    try:
        with open("/proc/sys/kernel/sched_autogroup_enabled") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _cpu_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return sum(v) - idle, sum(v)


QUIET_WAITS = []  # seconds each measured run waited for the machine to go quiet (results.json: quiet_waits)


def wait_quiet(label, busy_share=0.15, window_s=0.25, windows=2, bound_s=10.0):
    """Waits until the whole machine was below `busy_share` of its CPUs for `windows` windows in a row (bounded), so a
    measured run does not share the CPUs with what the previous one left behind: the record writer catching up after
    the platform's run, the JIT, GC or the other server. Returns the seconds waited; the waits go into the results."""
    t0 = time.monotonic()
    calm = 0
    while time.monotonic() - t0 < bound_s:
        b0, t0_ = _cpu_busy()
        time.sleep(window_s)
        b1, t1 = _cpu_busy()
        share = (b1 - b0) / max(1, t1 - t0_)
        calm = calm + 1 if share < busy_share else 0
        if calm >= windows:
            break
    waited = time.monotonic() - t0
    QUIET_WAITS.append({"label": label, "s": round(waited, 2), "quiet": calm >= windows})
    if calm < windows:
        log("  machine not quiet within %.0f s before %s" % (bound_s, label))
    return waited


CLK_TCK = os.sysconf("SC_CLK_TCK")


def session_of(pid):
    """The session id of a process (field 6 of /proc/<pid>/stat), or None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[3])
    except (OSError, ValueError, IndexError):
        return None


def session_cpu_s(sid):
    """CPU seconds (user + system) of the processes alive in session `sid`: a server and its workers."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:
            total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def children_cpu_s():
    """CPU seconds of the harness's finished children (wrk runs)."""
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# ---------------------------------------------------------------------------------------------- processes

class Platform:
    """A private copy of the distribution under bench/target/switchboard with its own port and data."""

    def __init__(self, port, hot_source):
        self.port = port
        self.home = os.path.join(TARGET, "switchboard")
        self.spare = os.path.join(TARGET, "spare")
        shutil.rmtree(self.home, ignore_errors=True)
        shutil.rmtree(self.spare, ignore_errors=True)
        os.makedirs(self.spare)
        for d in ("bin", "compiler", "etc", "lib", "system"):
            shutil.copytree(os.path.join(DIST, d), os.path.join(self.home, d), symlinks=True)
        os.makedirs(os.path.join(self.home, "deploy", "templates"))
        # the stub server the functions call listens on loopback, which functions reach only when the operator admits it
        with open(os.path.join(self.home, "etc", "io.switchboard.core.egress.cfg"), "w") as f:
            f.write("allowedPrivateNetworks=127.0.0.0/8\n")
        # (c)'s account may send more than LivePerson's 20 outbound requests per function and second (set through the
        # account settings API in start()); the operator's ceiling for that setting is raised to allow it
        with open(os.path.join(self.home, "etc", "io.switchboard.core.settings.cfg"), "w") as f:
            f.write("maxHttpRequestsPerSecond=%d\n" % C_HTTP_REQUESTS_PER_SECOND)
        # the event source used for the hot-deploy measure waits outside system/ until it is dropped into deploy/
        self.hot_jar = None
        for name in os.listdir(os.path.join(self.home, "system")):
            if name.startswith(hot_source):
                self.hot_jar = os.path.join(self.spare, name)
                shutil.move(os.path.join(self.home, "system", name), self.hot_jar)
        self.env = dict(os.environ, SWITCHBOARD_HTTP_PORT=str(port), SWITCHBOARD_ADMIN_KEY=ADMIN_KEY)

    def pid(self):
        try:
            with open(os.path.join(self.home, "data", "switchboard.pid")) as f:
                pid = int(f.read().strip())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def start(self):
        t0 = time.monotonic()
        # a session of its own, like the peer's (see autogroup())
        r = subprocess.run([os.path.join(self.home, "bin", "switchboard"), "start"], env=self.env,
                           capture_output=True, text=True, timeout=150, start_new_session=True)
        took = time.monotonic() - t0
        if r.returncode != 0:
            raise RuntimeError("platform did not start: " + r.stdout + r.stderr)
        log(r.stdout.strip())
        # "Switchboard is up" is also printed when the framework missed its start level within 60 s, so wait
        # for /health to answer 200 as well (bounded)
        self.healthy_s = None
        while time.monotonic() - t0 < 300:
            try:
                c = http.client.HTTPConnection(HOST, self.port, timeout=5)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    self.healthy_s = time.monotonic() - t0
                    break
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        log("  up after %.1f s, healthy after %s s" % (took, self.healthy_s and round(self.healthy_s, 1)))
        if self.healthy_s is None:
            raise RuntimeError("platform not healthy within 300 s")
        return took

    def stop(self):
        if self.pid():
            subprocess.run([os.path.join(self.home, "bin", "switchboard", ), "stop"], env=self.env,
                           capture_output=True, text=True, timeout=90)
        pid = self.pid()
        if pid:  # did not stop in time
            os.kill(pid, signal.SIGKILL)

    def kill9(self):
        pid = self.pid()
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except OSError:
                return
            time.sleep(0.05)

    def heap_used_kib(self):
        pid = self.pid()
        jcmd = os.path.join(JDK25, "jcmd") if os.path.exists(os.path.join(JDK25, "jcmd")) else "jcmd"
        subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, timeout=60)
        out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"used (\d+)K", out)
        with open("/proc/%d/status" % pid) as f:
            threads = int(re.search(r"Threads:\s+(\d+)", f.read()).group(1))
        with open("/proc/%d/status" % pid) as f:
            rss = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
        return {"heap_used_kib": int(m.group(1)) if m else None, "threads": threads, "rss_kib": rss}

    def log_errors(self):
        path = os.path.join(self.home, "logs", "switchboard.log")
        if not os.path.exists(path):
            return 0, []
        with open(path, errors="replace") as f:
            lines = [l.rstrip() for l in f if " ERROR " in l]
        return len(lines), lines[:5]


def spawn(args, env, name):
    out = open(os.path.join(TARGET, name + ".log"), "w")
    p = subprocess.Popen(args, env=dict(os.environ, **env), stdout=out, stderr=subprocess.STDOUT,
                         start_new_session=True)
    STARTED.append(p)
    return p


def cleanup(*_):
    global PLATFORM
    if PLATFORM is not None:
        try:
            PLATFORM.stop()
        except Exception as e:  # still try to stop the others
            log("stopping the platform failed: %s" % e)
            pid = PLATFORM.pid()
            if pid:
                os.kill(pid, signal.SIGKILL)
        PLATFORM = None
    for p in STARTED:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=5)
            except Exception:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except OSError:
                    pass
    STARTED.clear()


def on_signal(signum, _frame):
    cleanup()
    sys.exit(128 + signum)


def wait_port(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nothing listens on %d" % port)


# ---------------------------------------------------------------------------------------------- HTTP

class Api:
    """A keep-alive client for the platform's API and webhooks (admin key)."""

    def __init__(self, port, key=ADMIN_KEY):
        self.port = port
        self.key = key
        self.conn = None
        self.deployed = 0  # functions this client created and deployed

    def call(self, method, path, body=None, account=None, timeout=60, raw=None, headers=None):
        h = {"Authorization": "Bearer " + self.key}
        if account:
            h["X-Switchboard-Account"] = account
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
            try:
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                text = r.read()
                try:
                    return r.status, json.loads(text) if text else None
                except ValueError:
                    return r.status, text
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise
        return None

    def create_function(self, account, name, code, event="conversational_command", timeout_ms=None, domains=None):
        spec = {"name": name, "code": code, "eventType": event}
        if timeout_ms:
            spec["timeoutMs"] = timeout_ms
        if domains:
            spec["allowedDomains"] = domains
        s, f = self.call("POST", "/api/v1/accounts/%s/functions" % account, spec)
        if s != 201 and s != 200:
            raise RuntimeError("create %s/%s: %s %s" % (account, name, s, f))
        s, d = self.call("POST", "/api/v1/accounts/%s/functions/%s/deploy" % (account, f["id"]))
        if s != 200:
            raise RuntimeError("deploy %s/%s: %s %s" % (account, name, s, d))
        self.deployed += 1
        return f["id"]


def function_code(file, stub_url):
    with open(os.path.join(BENCH, "functions", file)) as f:
        return f.read().replace("__STUB__", stub_url)


# ---------------------------------------------------------------------------------------------- payloads

def payloads(api):
    s, cc = api.call("GET", "/api/v1/event-types/conversational_command")
    s2, end = api.call("GET", "/api/v1/event-types/" + END_EVENT)
    s3, cps = api.call("GET", "/api/v1/event-types/" + CPS_EVENT)
    sample = cc["samplePayload"]
    # ~2 KB: the sample plus a 12-line transcript (the schema allows extra members)
    big = json.loads(json.dumps(sample))
    who = ["CONSUMER", "AGENT"]
    big["context"] = {"transcript": [
        {"by": who[i % 2], "ts": 1764233100000 + i * 15000,
         "text": "line %d: where is my order A-100234, it was due yesterday and the tracking page says nothing" % i}
        for i in range(12)]}
    paths = {}
    # the fan-out runs through LivePerson's gateway: the invocation envelope around Chat Post Survey's payload
    survey = {"timestamp": 1764235200000, "headers": [], "payload": cps["samplePayload"]}
    for name, body in (("sample", sample), ("big", big), ("survey", survey)):
        p = os.path.join(TARGET, "payload-%s.json" % name)
        with open(p, "w") as f:
            json.dump(body, f, separators=(",", ":"))
        paths[name] = p
    return paths, sample, end["samplePayload"]


# ---------------------------------------------------------------------------------------------- wrk

def wrk(port, account, body_file, seconds, conns, threads=2, key=ADMIN_KEY, path=None, label=""):
    path = path or cc_path(COMMANDS["a"])
    env = dict(os.environ, BODY_FILE=body_file, AUTH_KEY=key, ACCOUNT=account)
    args = ["wrk", "-t%d" % threads, "-c%d" % conns, "-d%ds" % seconds, "--timeout", "10s", "--latency",
            "-s", os.path.join(BENCH, "lua", "post.lua"), "http://%s:%d%s" % (HOST, port, path)]
    r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=seconds + 60)
    m = re.search(r"BENCHJSON (\{.*\})", r.stdout)
    if not m:
        raise RuntimeError("wrk gave no result: " + r.stdout + r.stderr)
    res = json.loads(m.group(1))
    res["rps"] = res["requests"] / (res["duration_us"] / 1e6)
    res["errors"] = res["non2xx"] + res["connect"] + res["read"] + res["write"] + res["timeout"]
    log("  wrk %-22s %7.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d" % (
        label, res["rps"], res["p50_us"] / 1000, res["p99_us"] / 1000, res["errors"]))
    return res


# ---------------------------------------------------------------------------------------------- measures

# Where the platform's CPU goes: each JFR execution sample is counted once, under the thread group it was taken on
# and under the library of its innermost frame that belongs to a known library (JDK frames count for their caller).
CPU_THREADS = (("qtp", "HTTP request threads (Jetty; webhook, route, dispatch and the function itself)"),
               ("switchboard-invocation-writer", "invocation record writer"),
               ("switchboard-sync", "dispatch pool (events with several functions)"),
               ("TruffleCompiler", "Graal JIT compiling functions"))
CPU_LIBRARIES = (("jdk/graal/", "Graal JIT (compiling)"), ("org/h2/", "H2 (storing invocation records)"),
                 ("com/oracle/truffle/", "GraalJS (running the function)"), ("org/graalvm/", "GraalJS (running the function)"),
                 ("com/oracle/js/", "GraalJS (running the function)"),
                 ("com/networknt/", "JSON Schema validation"), ("com/fasterxml/", "Jackson (JSON parse/write)"),
                 ("org/apache/camel/", "Camel (route)"), ("org/eclipse/jetty/", "Jetty (HTTP)"),
                 ("org/apache/felix/http/", "Felix HTTP (servlet dispatch)"), ("ch/qos/logback/", "Logback"),
                 ("com/zaxxer/", "HikariCP"), ("io/switchboard/", "Switchboard's own code"))


def record_cpu(platform, delay, seconds, path):
    """A JFR recording (`settings=profile`) of `seconds` s starting after `delay` s, written to `path`."""
    jcmd = os.path.join(JDK25, "jcmd") if os.path.exists(os.path.join(JDK25, "jcmd")) else "jcmd"
    if os.path.exists(path):
        os.remove(path)
    time.sleep(delay)
    subprocess.run([jcmd, str(platform.pid()), "JFR.start", "name=bench", "settings=profile"], capture_output=True, timeout=30)
    time.sleep(seconds)
    subprocess.run([jcmd, str(platform.pid()), "JFR.stop", "name=bench", "filename=" + path], capture_output=True, timeout=60)


def analyse_cpu(path, seconds):
    """Sample counts of a JFR recording by thread group and library (run after the measurements: `jfr print` is busy)."""
    jfr = os.path.join(JDK25, "jfr") if os.path.exists(os.path.join(JDK25, "jfr")) else "jfr"
    try:
        text = subprocess.run([jfr, "print", "--json", "--events", "jdk.ExecutionSample", path],
                              capture_output=True, text=True, timeout=120).stdout
        events = json.loads(text)["recording"]["events"]
    except (OSError, ValueError, KeyError, subprocess.SubprocessError) as e:
        return {"error": str(e)}
    threads, libraries = {}, {}
    for e in events:
        name = (e["values"].get("sampledThread") or {}).get("javaName") or ""
        group = next((g for prefix, g in CPU_THREADS if name.startswith(prefix)), "other threads")
        threads[group] = threads.get(group, 0) + 1
        frames = [f["method"]["type"]["name"] for f in e["values"]["stackTrace"]["frames"]]
        library = next((lib for f in frames for prefix, lib in CPU_LIBRARIES if f.startswith(prefix)), "JDK and other")
        libraries[library] = libraries.get(library, 0) + 1
    return {"samples": len(events), "seconds": seconds, "threads": threads, "libraries": libraries}


def measure_throughput(cfg, api, peer_port, paths):
    """(a), (b), (c) through the SYNC webhook of conversational_command, platform and peer alternating."""
    bodies = {"a": paths["sample"], "b": paths["big"], "c": paths["sample"]}
    out = {}
    # The platform keeps getting faster for minutes (JVM JIT of the platform, Graal JIT of the functions). After
    # the soak (mixed load of all three) it is warm; without the soak, warm all three functions first, in turn, so
    # that no function is measured on a cold JIT.
    for i in range(cfg.warm_rounds):
        for fn in ("a", "b", "c"):
            wrk(cfg.port, "bench-" + fn, bodies[fn], cfg.warmup, cfg.conns, path=cc_path(COMMANDS[fn]),
                label="warm-up platform %s #%d" % (fn, i + 1))
    for fn in ("a", "b", "c"):
        account = "bench-" + fn
        # a short run of each side just before (pools, the peer's JIT), then alternating measured rounds
        path = cc_path(COMMANDS[fn])
        wrk(cfg.port, account, bodies[fn], 1, cfg.conns, path=path, label="warm-up platform " + fn)
        wrk(peer_port, account, bodies[fn], 2, cfg.conns, key=cfg.peer_key, path=path, label="warm-up peer " + fn)
        rounds = {"platform": [], "peer": []}
        for i in range(cfg.rounds):
            order = (("platform", cfg.port, ADMIN_KEY), ("peer", peer_port, cfg.peer_key))
            if i % 2 == 1:
                order = tuple(reversed(order))
            for side, port, key in order:
                wait_quiet("%s %s #%d" % (side, fn, i + 1))
                # CPU per request of the server (its whole session: the JVM, the peer's cluster) and of wrk
                sid = session_of(PLATFORM.pid()) if side == "platform" else PEER.pid
                c0, w0 = session_cpu_s(sid), children_cpu_s()
                run = wrk(port, account, bodies[fn], cfg.duration, cfg.conns, key=key, path=path,
                          label="%s %s #%d" % (side, fn, i + 1))
                c1, w1 = session_cpu_s(sid), children_cpu_s()
                run["server_cpu_us"] = 1e6 * (c1 - c0) / max(1, run["requests"])
                run["wrk_cpu_us"] = 1e6 * (w1 - w0) / max(1, run["requests"])
                rounds[side].append(run)
        if fn == "a":
            # One more platform run, not counted, under a JFR recording: where the CPU goes. Analysed after the
            # comparison, so that `jfr print` does not compete with a measured run.
            profile_seconds = max(2, cfg.duration - 1)
            recorder = threading.Thread(target=record_cpu, args=(cfg.platform, 0.5, profile_seconds, cfg.cpu_profile_path),
                                        daemon=True)
            recorder.start()
            wrk(cfg.port, account, bodies[fn], cfg.duration, cfg.conns, path=path, label="platform a (profiled, not counted)")
            recorder.join(timeout=90)
        out[fn] = {side: {"rps": statistics.median(r["rps"] for r in runs),
                          "p50_ms": statistics.median(r["p50_us"] for r in runs) / 1000,
                          "p99_ms": statistics.median(r["p99_us"] for r in runs) / 1000,
                          "errors": sum(r["errors"] for r in runs),
                          "requests": sum(r["requests"] for r in runs),
                          "server_cpu_us": statistics.median(r["server_cpu_us"] for r in runs),
                          "wrk_cpu_us": statistics.median(r["wrk_cpu_us"] for r in runs)}
                   for side, runs in rounds.items()}
    return out


def measure_warmup(cfg, paths):
    """Events/s of (a) per 5-s window from the first event after a fresh start (nothing else has warmed the JIT):
    back-to-back wrk runs of 5 s, so each window's figure is what the platform served in it."""
    windows = []
    t0 = time.monotonic()
    for i in range(max(1, cfg.warmup_series_s // WARMUP_WINDOW_S)):
        start = time.monotonic() - t0
        r = wrk(cfg.port, "bench-a", paths["sample"], WARMUP_WINDOW_S, cfg.conns, path=cc_path(COMMANDS["a"]),
                label="warm-up series %d" % (i + 1))
        windows.append({"start_s": round(start, 2), "end_s": round(time.monotonic() - t0, 2), "rps": r["rps"],
                        "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000, "errors": r["errors"]})
    return {"window_s": WARMUP_WINDOW_S, "conns": cfg.conns, "windows": windows}


WARMUP_WINDOW_S = 5


RECORD_POLICY_PID = "recordpolicy"  # the optional record policy of issue 18 (the `records` part), found in metatype


def record_policy_option(dist):
    """Where the optional record policy is configured, read from the bundles' metatype (OSGI-INF/metatype/*.xml): the
    configuration whose PID ends in `recordpolicy` (the `records` part: `io.switchboard.core.recordpolicy`, attribute
    `policy`, an enum whose default is `ALL`), its policy attribute (the first one with option values) and the value
    to measure (its first option that is not the default); `BENCH_RECORD_POLICY=key=value,...` sets the keys instead.
    A note instead when no bundle of the distribution offers it."""
    system = os.path.join(dist, "system")
    for name in sorted(os.listdir(system)):
        if not name.endswith(".jar"):
            continue
        try:
            with zipfile.ZipFile(os.path.join(system, name)) as jar:
                entries = [e for e in jar.namelist() if e.startswith("OSGI-INF/metatype/") and e.endswith(".xml")]
                for entry in entries:
                    text = jar.read(entry)
                    if RECORD_POLICY_PID.encode() not in text.lower():
                        continue
                    found = record_policy_in(ET.fromstring(text), name)
                    if found:
                        return found
        except (OSError, zipfile.BadZipFile, ET.ParseError):
            continue
    return {"skipped": "no bundle in %s/system has a configuration whose PID ends in `%s` (metatype); the optional "
                       "record policy is not in this build" % (os.path.basename(dist), RECORD_POLICY_PID)}


def record_policy_in(root, jar):
    strip = lambda tag: tag.rsplit("}", 1)[-1]
    ocds = {ocd.get("id"): ocd for ocd in root.iter() if strip(ocd.tag) == "OCD"}
    for designate in root.iter():
        pid = designate.get("pid") or ""
        if strip(designate.tag) != "Designate" or not pid.lower().endswith(RECORD_POLICY_PID):
            continue
        ref = next((o.get("ocdref") for o in designate if strip(o.tag) == "Object"), None)
        ocd = ocds.get(ref)
        if ocd is None:
            continue
        attrs = [ad for ad in ocd if strip(ad.tag) == "AD"]
        wanted = os.environ.get("BENCH_RECORD_POLICY")
        if wanted:
            return {"pid": pid, "jar": jar, "default": "(see metatype)",
                    "keys": dict(kv.split("=", 1) for kv in wanted.split(",") if "=" in kv)}
        ad = next((a for a in attrs if any(strip(o.tag) == "Option" for o in a)), None)
        if ad is None:
            return {"skipped": "%s (%s) has no attribute with option values; set BENCH_RECORD_POLICY=<key>=<value>" % (pid, jar)}
        options = [o.get("value") for o in ad if strip(o.tag) == "Option"]
        value = next((o for o in options if o != ad.get("default")), None)
        if value is None:
            return {"skipped": "%s of %s (%s) offers no value but its default %r" % (ad.get("id"), pid, jar, ad.get("default"))}
        return {"pid": pid, "jar": jar, "default": "%s=%s" % (ad.get("id"), ad.get("default")), "options": options,
                "keys": {ad.get("id"): value}}
    return None


def measure_record_policy(cfg, api, platform, paths, fid):
    """(a) with the default record policy and, right after, with the optional one (written into the private copy's
    etc/ and read live by FileInstall), 1 s warm-up + `duration` s each; the records each run added are counted
    through the API once the writer has caught up."""
    option = record_policy_option(DIST)
    if "skipped" in option:
        log("  record policy: " + option["skipped"])
        return option
    cfg_file = os.path.join(platform.home, "etc", option["pid"] + ".cfg")
    before_text = open(cfg_file).read() if os.path.exists(cfg_file) else None

    def records_total():
        s, d = api.call("GET", "/api/v1/accounts/bench-a/functions/%s/invocations?size=1" % fid)
        return d["total"] if s == 200 else None

    def settled_total(deadline_s=20):
        last, since, end = None, time.monotonic(), time.monotonic() + deadline_s
        while time.monotonic() < end:
            t = records_total()
            if t != last:
                last, since = t, time.monotonic()
            elif time.monotonic() - since >= 1.5:
                break
            time.sleep(0.25)
        return last

    out = {"pid": option["pid"], "keys": option["keys"], "default_value": option["default"], "jar": option["jar"]}
    try:
        for policy in ("default", "optional"):
            if policy == "optional":
                with open(cfg_file, "w") as f:
                    f.write((before_text or "") + "".join("%s=%s\n" % kv for kv in option["keys"].items()))
                time.sleep(2)  # FileInstall polls etc/ every 500 ms; the component applies it
            wrk(cfg.port, "bench-a", paths["sample"], 1, cfg.conns, path=cc_path(COMMANDS["a"]),
                label="warm-up records %s" % policy)
            start_total = settled_total()
            r = wrk(cfg.port, "bench-a", paths["sample"], cfg.duration, cfg.conns, path=cc_path(COMMANDS["a"]),
                    label="a, records %s" % policy)
            added = None if start_total is None else settled_total() - start_total
            out[policy] = {"rps": r["rps"], "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
                           "errors": r["errors"], "requests": r["requests"], "records_added": added}
    finally:
        if before_text is None:
            if os.path.exists(cfg_file):
                os.remove(cfg_file)
        else:
            with open(cfg_file, "w") as f:
                f.write(before_text)
        time.sleep(1.5)
    log("  record policy: %s" % out)
    return out


HOT_SOURCE = "switchboard.source.post-conversation-survey"
HOT_PATH = "/events/post-conversation-survey/survey-ended"
HOT_EVENT = "surveybot_messaging_survey_ended"


def measure_hot_deploy(platform, api):
    """From copying an event-source jar into deploy/ to its webhook route answering."""
    if not platform.hot_jar:
        return {"skipped": "no event-source jar to move"}
    path = HOT_PATH
    s, _ = api.call("POST", path, {}, account="hot")
    before = s
    t0 = time.monotonic()
    shutil.copy(platform.hot_jar, os.path.join(platform.home, "deploy", os.path.basename(platform.hot_jar)))
    route_s = catalogue_s = None
    deadline = t0 + 60
    while time.monotonic() < deadline and (route_s is None or catalogue_s is None):
        if route_s is None:
            s, _ = api.call("POST", path, {}, account="hot")
            if s != 404:
                route_s = time.monotonic() - t0
                route_status = s
        if catalogue_s is None:
            s2, _ = api.call("GET", "/api/v1/event-types/" + HOT_EVENT)
            if s2 == 200:
                catalogue_s = time.monotonic() - t0
        time.sleep(0.02)
    res = {"jar": os.path.basename(platform.hot_jar), "status_before": before, "route_s": route_s,
           "route_status": route_status if route_s else None, "catalogue_s": catalogue_s}
    log("  hot deploy: %s" % res)
    return res


def measure_template(platform, api):
    """From writing/changing a file in deploy/templates/ to GET /api/v1/templates showing it."""
    out = {}
    path = os.path.join(platform.home, "deploy", "templates", "bench-template.js")
    for step in ("added", "changed"):
        nonce = uuid.uuid4().hex[:8]
        meta = {"name": "Bench %s" % nonce, "description": "benchmark template", "eventType": "conversational_command"}
        t0 = time.monotonic()
        with open(path, "w") as f:
            f.write("/*template\n%s\n*/\nfunction lambda(input, callback) { callback(null, '%s'); }\n" % (json.dumps(meta), nonce))
        seen = None
        while time.monotonic() - t0 < 30:
            s, d = api.call("GET", "/api/v1/templates")
            if s == 200 and any(t.get("id") == "bench-template" and t.get("name") == meta["name"] for t in d["items"]):
                seen = time.monotonic() - t0
                break
            time.sleep(0.01)
        out[step + "_s"] = seen
        time.sleep(0.3)
    log("  template: %s" % out)
    return out


FANOUT_WARM_S = 5


def measure_fanout(cfg, api, paths, stub_url):
    """Latency of one Chat Post Survey event (it runs every function of the account, at most 10) with 1 and 10
    functions, run synchronously through LivePerson's gateway (`/api/account/{account}/events/{eventId}/invoke`), which
    answers the combined e-mails: account `fanout-1` holds one function and `fanout` ten, both are warmed, then
    FANOUT_ROUNDS alternating rounds, each on a quiet machine, and the medians compared. (One 1-function run right after
    the hostile part, measured once, was slower than the 10-function run after it: 1.3 ms against 0.54 ms, with the
    record writer still storing the hostile functions' logs.)"""
    code = function_code("email.js", stub_url)
    cases = ((1, "fanout-1"), (10, "fanout"))
    for n, account in cases:
        for i in range(n):
            api.create_function(account, "survey-%02d" % i, code, event=CPS_EVENT)
        path = "/api/account/%s/events/%s/invoke" % (account, CPS_EVENT)
        s, d = api.call("POST", path, raw=open(paths["survey"], "rb").read())
        if s != 200 or len(d.get("emails", [])) != n:
            raise RuntimeError("fan-out with %d functions answered %s %s" % (n, s, d))
    for n, account in cases:
        path = "/api/account/%s/events/%s/invoke" % (account, CPS_EVENT)
        wrk(cfg.port, account, paths["survey"], FANOUT_WARM_S, 1, threads=1, path=path, label="warm-up fan-out %d" % n)
    runs = {n: [] for n, _ in cases}
    for i in range(FANOUT_ROUNDS):
        for n, account in (cases if i % 2 == 0 else tuple(reversed(cases))):
            path = "/api/account/%s/events/%s/invoke" % (account, CPS_EVENT)
            wait_quiet("fan-out %d #%d" % (n, i + 1))
            runs[n].append(wrk(cfg.port, account, paths["survey"], cfg.short, 1, threads=1, path=path,
                               label="fan-out %d functions #%d" % (n, i + 1)))
    return [{"functions": n, "rps": statistics.median(r["rps"] for r in runs[n]),
             "p50_ms": statistics.median(r["p50_us"] for r in runs[n]) / 1000,
             "p99_ms": statistics.median(r["p99_us"] for r in runs[n]) / 1000,
             "errors": sum(r["errors"] for r in runs[n]), "rounds": len(runs[n]), "warm_s": FANOUT_WARM_S,
             "run_s": cfg.short} for n, _ in cases]


FANOUT_ROUNDS = 3


def measure_scale(cfg, platform, api, paths, stub_url):
    """Heap, threads and event latency with many deployed functions (30 per account on conversational_command)."""
    out = []
    code = function_code("trivial.js", stub_url)
    deployed = 0
    for target in cfg.scale:
        t0 = time.monotonic()
        while deployed < target:
            api.create_function("scale-%04d" % (deployed // 30), "s-%05d" % deployed, code)
            deployed += 1
        took = time.monotonic() - t0
        r = wrk(cfg.port, "bench-a", paths["sample"], cfg.short, cfg.conns, label="latency with %d deployed" % deployed)
        h = platform.heap_used_kib()
        row = {"functions": deployed, "deploy_s": took, "rps": r["rps"], "p50_ms": r["p50_us"] / 1000,
               "p99_ms": r["p99_us"] / 1000, "errors": r["errors"]}
        row.update(h)
        # one command of an account that holds 30 command functions
        t1 = time.monotonic()
        s, d = api.call("POST", cc_path("s-00000"), raw=open(paths["sample"], "rb").read(), account="scale-0000")
        row["command_of_30_ms"] = (time.monotonic() - t1) * 1000
        row["command_of_30_status"] = s
        log("  scale: %s" % row)
        out.append(row)
    return out


def measure_hostile(cfg, api, paths, stub_url, baseline):
    """The trivial function's latency while hostile functions of another account run under load, against its latency
    quiet: cfg.hostile_pairs alternating pairs (quiet, then beside the hostile account), the medians compared. On 2
    saturated cores one 6-s p99 moves by 2-4x between identical quiet runs (bench/hostile-attribution.py), so one
    pair says little; the first pair's hostile half also holds the first wave (before the loop and the memory bomb are
    quarantined)."""
    ids = {}
    for name, timeout in (("hostile-loop.js", 2000), ("hostile-memory.js", 2000), ("hostile-log.js", 5000),
                          ("hostile-slow-http.js", 3000)):
        ids[name[:-3]] = api.create_function("hostile", name[:-3], function_code(name, stub_url), timeout_ms=timeout,
                                             domains=[HOST])
    # the hostile account's four commands are driven by wrk processes of their own (one connection each) at the
    # same time as the measured one
    env = dict(os.environ, BODY_FILE=paths["sample"], AUTH_KEY=ADMIN_KEY, ACCOUNT="hostile")
    h = {"requests": 0, "non2xx": 0, "timeout": 0}
    pairs = []
    for i in range(cfg.hostile_pairs):
        if not (i == 0 and baseline):
            # what the previous hostile half left running (a loop up to its timeout, the record writer) ends first
            wait_quiet("hostile: quiet baseline %d" % (i + 1))
        quiet = baseline if i == 0 and baseline else wrk(cfg.port, "bench-a", paths["sample"], cfg.hostile_s, cfg.conns,
                                                         label="quiet baseline %d" % (i + 1))
        drivers = []
        for name in ids:
            p = subprocess.Popen(["wrk", "-t1", "-c1", "-d%ds" % (cfg.hostile_s + 3), "--timeout", "15s", "--latency",
                                  "-s", os.path.join(BENCH, "lua", "post.lua"), "http://%s:%d%s" % (HOST, cfg.port, cc_path(name))],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
            STARTED.append(p)
            drivers.append(p)
        time.sleep(1.5)
        r = wrk(cfg.port, "bench-a", paths["sample"], cfg.hostile_s, cfg.conns, label="trivial beside hostile %d" % (i + 1))
        for p in drivers:
            m = re.search(r"BENCHJSON (\{.*\})", p.communicate(timeout=cfg.hostile_s + 60)[0])
            for k, v in (json.loads(m.group(1)) if m else {}).items():
                if k in h:
                    h[k] += v
        pairs.append({"quiet": {"rps": quiet["rps"], "p50_ms": quiet["p50_us"] / 1000, "p99_ms": quiet["p99_us"] / 1000,
                                "errors": quiet["errors"]},
                      "hostile": {"rps": r["rps"], "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
                                  "errors": r["errors"]}})
    outcomes = {}
    for name, fid in ids.items():
        s, inv = api.call("GET", "/api/v1/accounts/hostile/functions/%s/invocations?size=100" % fid)
        if s == 200:
            outcomes[name] = sorted({"%s %s" % (i.get("outcome"), (i.get("error") or {}).get("errorCode", "")) for i in inv["items"]})
    # how much each hostile function ran: its report (the per-minute rollup counts every run, whatever the records keep)
    reports = {}
    for name, fid in ids.items():
        s, rep = api.call("GET", "/api/v1/accounts/hostile/functions/%s/report?range=1h" % fid)
        if s == 200:
            reports[name] = {"totals": {k: v for k, v in rep["totals"].items() if v}, "durations": rep["durations"]}
    med = lambda side, k: statistics.median(p[side][k] for p in pairs)  # noqa: E731
    res = {"seconds": cfg.hostile_s, "pairs": pairs,
           "baseline": {k: med("quiet", k) for k in ("rps", "p50_ms", "p99_ms", "errors")},
           "under_hostile": {k: med("hostile", k) for k in ("rps", "p50_ms", "p99_ms", "errors")},
           "hostile_requests": h.get("requests"), "hostile_non2xx": h.get("non2xx"),
           "hostile_timeouts": h.get("timeout"), "hostile_outcomes": outcomes, "hostile_reports": reports}
    log("  hostile: %s" % res)
    return res


# ---------------------------------------------------------------------------------------------- fault

def async_load(port, payload, seconds, threads, accepted, sent, stop):
    """Posts conversation-end events with distinct conversation ids; keeps the eventId of every 202."""
    def worker(n):
        conn = None
        deadline = time.monotonic() + seconds
        i = 0
        while time.monotonic() < deadline and not stop.is_set():
            i += 1
            conversation = "fault-%d-%d-%s" % (n, i, uuid.uuid4().hex[:6])
            body = dict(payload, general=dict(payload["general"], convId=conversation))
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=10)
                conn.request("POST", END_PATH, body=json.dumps(body),
                             headers={"Authorization": "Bearer " + ADMIN_KEY, "X-Switchboard-Account": "fault",
                                      "Content-Type": "application/json"})
                sent.append(conversation)
                r = conn.getresponse()
                data = r.read()
                if r.status == 202:
                    accepted.append(json.loads(data)["eventId"])
                elif r.status >= 500:
                    accepted.append(None)  # counted below as a 5xx
            except (OSError, http.client.HTTPException, ValueError):
                if conn:
                    conn.close()
                conn = None
                time.sleep(0.05)
    ts = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(threads)]
    for t in ts:
        t.start()
    return ts


def invocation_records(api, account, fid):
    records = []
    page = 0
    while page < 2000:
        s, d = api.call("GET", "/api/v1/accounts/%s/functions/%s/invocations?page=%d&size=100" % (account, fid, page))
        if s != 200:
            raise RuntimeError("invocations: %s %s" % (s, d))
        records.extend(d["items"])
        if (page + 1) * 100 >= d["total"]:
            return records, d["total"]
        page += 1
    return records, len(records)


def measure_fault(cfg, platform, api, end_payload, stub_url):
    """kill -9 during ASYNC load, restart, then accepted vs executed (once, more than once) vs lost."""
    fid = api.create_function("fault", "recorder", function_code("record.js", stub_url), event=END_EVENT)
    deployed = api.deployed
    accepted, sent, stop = [], [], threading.Event()
    ts = async_load(cfg.port, end_payload, cfg.fault_seconds, 4, accepted, sent, stop)
    time.sleep(cfg.fault_seconds / 2)
    accepted_at_kill = len(accepted)
    platform.kill9()
    log("  killed -9 after %d accepted events" % accepted_at_kill)
    time.sleep(1)
    stop.set()
    for t in ts:
        t.join(timeout=15)
    restart_s = platform.start()
    api.conn = None
    # wait until the records stop growing (bounded)
    last, stable_since, deadline = -1, time.monotonic(), time.monotonic() + cfg.drain
    while time.monotonic() < deadline:
        s, d = api.call("GET", "/api/v1/accounts/fault/functions/%s/invocations?size=1" % fid)
        if s != 200:
            time.sleep(0.5)
            continue
        total = d["total"]
        if total != last:
            last, stable_since = total, time.monotonic()
        elif time.monotonic() - stable_since > 5:
            break
        time.sleep(0.5)
    records, total = invocation_records(api, "fault", fid)
    by_event = {}
    for r in records:
        by_event.setdefault(r.get("eventId"), []).append(r.get("outcome"))
    ids = [e for e in accepted if e]
    executed = sum(1 for e in ids if "OK" in by_event.get(e, []))
    failed_only = sum(1 for e in ids if e in by_event and "OK" not in by_event[e])
    lost = [e for e in ids if e not in by_event]
    twice = sum(1 for e in ids if by_event.get(e, []).count("OK") > 1)
    more_records = sum(1 for e in ids if len(by_event.get(e, [])) > 1)
    acked = set(ids)
    unacked = sum(1 for e in by_event if e not in acked)
    res = {"sent": len(sent), "accepted_202": len(ids), "answers_5xx": accepted.count(None), "seconds": cfg.fault_seconds,
           "functions_deployed": deployed, "accepted_before_kill": accepted_at_kill, "executed_ok": executed,
           "executed_more_than_once": twice, "more_than_one_record": more_records,
           "failed_or_dead_lettered": failed_only, "lost": len(lost), "records": total,
           "executed_without_ack": unacked, "restart_s": restart_s, "restart_healthy_s": platform.healthy_s, "lost_sample": lost[:5]}
    log("  fault: %s" % res)
    return res


# ---------------------------------------------------------------------------------------------- malformed

def raw_request(port, method, path, headers, body_chunks, timeout=30):
    """Sends a request over a plain socket; returns the status, or 'hang'/'reset' when there is none."""
    s = socket.create_connection((HOST, port), timeout=timeout)
    try:
        head = "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % (method, path)
        head += "".join("%s: %s\r\n" % kv for kv in headers.items()) + "\r\n"
        try:
            s.sendall(head.encode("latin-1"))
            for c in body_chunks:
                s.sendall(c)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything (413)
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            return "hang"
        except ConnectionResetError:
            if not data:
                return "reset"
        m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        return int(m.group(1)) if m else ("reset" if not data else "garbage")
    finally:
        s.close()


def measure_malformed(cfg, platform, sample_bytes):
    rnd = random.Random(7)
    auth = {"Authorization": "Bearer " + ADMIN_KEY, "X-Switchboard-Account": "bench-a"}
    targets = [("webhook", cc_path(COMMANDS["a"])),
               ("api-events", "/api/v1/accounts/bench-a/events/conversational_command?commandName=" + COMMANDS["a"]),
               ("api-functions", "/api/v1/accounts/bench-a/functions")]
    cases = []

    def add(kind, body, ctype="application/json", headers=None, length=None):
        cases.append((kind, body, ctype, headers if headers is not None else auth, length))

    for _ in range(cfg.malformed_random):
        n = rnd.randint(1, 3000)
        add("random bytes", bytes(rnd.randrange(256) for _ in range(n)))
        add("random JSON-ish", "".join(rnd.choice('{}[]":,0123456789.eE+-truefalsn\\ ') for _ in range(n)).encode())
        add("truncated JSON", sample_bytes[:rnd.randrange(1, len(sample_bytes))])
    for ct in ("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None):
        add("wrong content type", sample_bytes, ct)
    add("empty body", b"")
    add("deeply nested JSON (200k)", b"[" * 200000 + b"]" * 200000)
    add("deeply nested objects (50k)", b'{"a":' * 50000 + b"1" + b"}" * 50000)
    add("invalid UTF-8", b'{"conversationId":"Dana \xff\xfe\xc3\x28 Miller","arguments":["echo"]}')
    add("overlong UTF-8", b'{"conversationId":"\xc0\xaf\xe0\x80\xaf","arguments":["echo"]}')
    add("huge number", b'{"conversationId":' + b"9" * 100000 + b',"arguments":["echo"]}')
    add("duplicate keys", b'{"conversationId":"a","conversationId":"b"}')
    add("forged signature", sample_bytes, headers={"X-Switchboard-Account": "bench-a",
                                                   "X-Switchboard-Signature": "sha256=" + "0" * 64})
    add("forged signature, bad hex", sample_bytes, headers={"X-Switchboard-Account": "bench-a",
                                                            "X-Switchboard-Signature": "sha256=zz"})
    # Signed webhooks carry X-Switchboard-Timestamp and sign "<timestamp>.<body>" (docs/security.md): a forged
    # signature with a current timestamp, and one replayed with a timestamp 10 minutes old, are refused too.
    add("forged signature, current timestamp", sample_bytes, headers={
        "X-Switchboard-Account": "bench-a", "X-Switchboard-Timestamp": str(int(time.time())),
        "X-Switchboard-Signature": "sha256=" + "0" * 64})
    add("replayed signature, 10 min old", sample_bytes, headers={
        "X-Switchboard-Account": "bench-a", "X-Switchboard-Timestamp": str(int(time.time()) - 600),
        "X-Switchboard-Signature": "sha256=" + "0" * 64})
    add("wrong key", sample_bytes, headers={"Authorization": "Bearer nope", "X-Switchboard-Account": "bench-a"})
    add("Content-Length lies (short)", sample_bytes, length=len(sample_bytes) + 1000)
    big = 100 * 1024 * 1024
    add("100 MiB body", None, length=big)
    counts = {}
    details = []
    for name, path in targets:
        for kind, body, ctype, headers, length in cases:
            h = dict(headers)
            if ctype:
                h["Content-Type"] = ctype
            if body is None:  # streamed 100 MiB of a JSON string
                chunks = (b'{"x":"' + b"a" * (1024 * 1024 - 6) if i == 0 else
                          (b"a" * (1024 * 1024 - 2) + b'"}' if i == 99 else b"a" * (1024 * 1024)) for i in range(100))
            else:
                chunks = [body]
                length = length or len(body)
            h["Content-Length"] = str(length)
            t0 = time.monotonic()
            st = raw_request(cfg.port, "POST", path, h, chunks, timeout=3 if "lies" in kind else 30)
            took = time.monotonic() - t0
            if "lies" in kind and st == "hang":
                st = "waited (expected)"  # the server waits for the promised bytes; the client gave up after 10 s
            cls = st if isinstance(st, str) else "%dxx" % (st // 100)
            counts.setdefault(name, {}).setdefault(cls, 0)
            counts[name][cls] += 1
            if isinstance(st, str) or st < 400 or st >= 500 or kind in ("100 MiB body", "deeply nested JSON (200k)", "invalid UTF-8",
                                                            "forged signature", "wrong content type"):
                details.append({"target": name, "case": kind, "status": st, "seconds": round(took, 3)})
    alive = platform.pid() is not None
    s, _ = Api(cfg.port).call("GET", "/health")
    res = {"cases_per_target": len(cases), "counts": counts, "details": details, "alive_after": alive, "health_after": s}
    log("  malformed: %s" % json.dumps(counts))
    return res


# ---------------------------------------------------------------------------------------------- soak

SOAK_MIX = (("a", 3), ("b", 3), ("c", 2))  # wrk connections per function: 8 in all, each under its limit of 10


class LogTail:
    """Counts the ERROR and WARN lines appended to a Logback file since the last read (a rolled file is re-read)."""

    LEVEL = re.compile(r"^\S+ \S+ (ERROR|WARN)\b")

    def __init__(self, path):
        self.path = path
        self.offset = os.path.getsize(path) if os.path.exists(path) else 0

    def read(self):
        counts, lines = {"ERROR": 0, "WARN": 0}, []
        if not os.path.exists(self.path):
            return counts, lines
        if os.path.getsize(self.path) < self.offset:  # rolled over at 50 MB: the new file is read from its start
            self.offset = 0
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        complete = data.rfind(b"\n") + 1  # a line still being written is read next time
        self.offset += complete
        for line in data[:complete].decode(errors="replace").splitlines():
            m = self.LEVEL.match(line)
            if m:
                counts[m.group(1)] += 1
                lines.append(line)
        return counts, lines


def measure_soak(cfg, platform, paths):
    """Steady mixed load of (a), (b) and (c) in 1-minute slices; after each slice heap used after a GC, threads,
    RSS and the ERROR/WARN lines the slice added to logs/switchboard.log."""
    bodies = {"a": paths["sample"], "b": paths["big"], "c": paths["sample"]}
    tail = LogTail(os.path.join(platform.home, "logs", "switchboard.log"))
    rows, log_sample = [], []
    t0 = time.monotonic()
    sample_s = 3.0  # how long the sample after a slice takes; the first is a guess, then the last one's
    for i in range(cfg.soak_minutes):
        # every slice plus its sample ends on the minute, so M minutes of soak take M minutes
        seconds = max(20, int(round(t0 + 60 * (i + 1) - time.monotonic() - sample_s)))
        runs = {}

        def drive(fn, conns, seconds=seconds, minute=i + 1):
            runs[fn] = wrk(cfg.port, "bench-" + fn, bodies[fn], seconds, conns, threads=1, path=cc_path(COMMANDS[fn]),
                           label="soak %d: %s" % (minute, fn))

        ts = [threading.Thread(target=drive, args=mix, daemon=True) for mix in SOAK_MIX]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=seconds + 90)
        if len(runs) != len(SOAK_MIX):
            raise RuntimeError("soak minute %d: wrk gave no result for %s" % (
                i + 1, ", ".join(fn for fn, _ in SOAK_MIX if fn not in runs)))
        t1 = time.monotonic()
        row = platform.heap_used_kib()
        levels, lines = tail.read()
        sample_s = time.monotonic() - t1
        log_sample.extend(lines[:max(0, 10 - len(log_sample))])
        row.update(minute=i + 1, end_s=round(time.monotonic() - t0, 1), load_s=seconds,
                   rps=sum(r["rps"] for r in runs.values()), errors=sum(r["errors"] for r in runs.values()),
                   error_lines=levels["ERROR"], warn_lines=levels["WARN"],
                   functions={fn: {"rps": r["rps"], "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
                                   "errors": r["errors"], "non2xx": r["non2xx"], "timeouts": r["timeout"],
                                   "socket_errors": r["connect"] + r["read"] + r["write"]}
                              for fn, r in sorted(runs.items())})
        log("  soak minute %d: %.0f events/s, heap after GC %s KiB, %d threads, RSS %d KiB, %d ERROR / %d WARN lines" % (
            row["minute"], row["rps"], row["heap_used_kib"], row["threads"], row["rss_kib"], row["error_lines"],
            row["warn_lines"]))
        rows.append(row)
    return {"minutes": rows, "connections": dict(SOAK_MIX), "log_sample": log_sample}


# ---------------------------------------------------------------------------------------------- main

@contextlib.contextmanager
def timed(sections, name):
    """Records how long a part of the run took (seconds), also when it fails."""
    t0 = time.monotonic()
    try:
        yield
    finally:
        sections[name] = round(time.monotonic() - t0, 1)


def options():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--port", type=int, default=18181)
    ap.add_argument("--peer-port", type=int, default=18282)
    ap.add_argument("--stub-port", type=int, default=18383)
    ap.add_argument("--conns", type=int, default=8, help="wrk connections (the per-function concurrency limit is 10)")
    ap.add_argument("--duration", type=int, help="seconds of each measured wrk run of the comparison (8 / 4)")
    ap.add_argument("--rounds", type=int, help="alternating rounds per function (1 / 3)")
    ap.add_argument("--warm-rounds", type=int,
                    help="rounds of warming every function on the platform first (0 after the soak, else 2)")
    ap.add_argument("--soak-minutes", type=int, help="minutes of steady mixed load (1 / 7); 0 leaves the soak out")
    ap.add_argument("--only", default=",".join(PARTS), help="some of " + ",".join(PARTS))
    ap.add_argument("--etc", action="append", default=[],
                    help="PID:key=value written into the private copy's etc/PID.cfg before it starts (repeatable; for A/B runs)")
    cfg = ap.parse_args()
    unknown = set(cfg.only.split(",")) - set(PARTS)
    if unknown:
        ap.error("--only: unknown part(s) %s; the parts are %s" % (",".join(sorted(unknown)), ",".join(PARTS)))
    quick = cfg.quick
    # full mode: the 10-minute soak plus everything else within 15 minutes on 2 cores (see bench/README.md)
    # (7 minutes since the warm-up series and the record-policy rows were added: the full run must stay within 15)
    cfg.soak_minutes = cfg.soak_minutes if cfg.soak_minutes is not None else (1 if quick else 7)
    cfg.warmup_series_s = 60
    cfg.only = set(cfg.only.split(","))
    soak = "soak" in cfg.only and cfg.soak_minutes > 0
    cfg.duration = cfg.duration or (8 if quick else 5)
    cfg.rounds = cfg.rounds or (1 if quick else 3)
    cfg.warmup = 10 if quick else 20  # seconds per function and warm-up round; the peer warms up in a few seconds
    cfg.warm_rounds = cfg.warm_rounds if cfg.warm_rounds is not None else (0 if soak else 2)
    cfg.short = 3  # seconds of the fan-out and scale latency runs
    cfg.hostile_s = 6
    cfg.hostile_pairs = 3  # alternating quiet / beside-hostile pairs, medians compared
    cfg.fault_seconds = 10  # of ASYNC load; the kill comes half-way
    cfg.drain = 60 if quick else 120
    cfg.malformed_random = 10 if quick else 20
    cfg.scale = (10, 100, 1000) if quick else (10, 100, 1000, 10000)
    cfg.peer_key = "bench-peer-" + uuid.uuid4().hex[:8]
    return cfg


PARTS = ("startup", "warmup", "fault", "soak", "throughput", "records", "malformed", "hostile", "fanout", "scale")


def main():
    cfg = options()
    quick, only = cfg.quick, cfg.only
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    atexit.register(cleanup)
    os.makedirs(TARGET, exist_ok=True)
    t_start = time.monotonic()
    sections = {}
    results = {"mode": "quick" if quick else "full", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "command": " ".join(["bench/run.sh"] + sys.argv[1:]), "warm_rounds": cfg.warm_rounds,
               "warmup_s": cfg.warmup, "conns": cfg.conns, "duration_s": cfg.duration, "rounds": cfg.rounds,
               "soak_minutes": cfg.soak_minutes if "soak" in only else 0, "nproc": os.cpu_count(),
               # bench/run.sh exports when it started, so the total includes its own checks
               "run_started_epoch": float(os.environ.get("BENCH_RUN_STARTED") or time.time()),
               "sections_s": sections,
               "load_before": open("/proc/loadavg").read().split()[:3],
               "autogroup": autogroup(),
               "etc": cfg.etc,
               "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
               "distribution": DIST, "distribution_built": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(
                   max(os.path.getmtime(os.path.join(DIST, "system", n)) for n in os.listdir(os.path.join(DIST, "system"))))),
               "git_head": subprocess.run(["git", "-C", REPO, "log", "-1", "--format=%h %cd", "--date=format:%H:%M"],
                                          capture_output=True, text=True).stdout.strip(),
               "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
               "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip()}

    stub_url = "http://%s:%d" % (HOST, cfg.stub_port)
    try:
        with timed(sections, "fresh start-up, functions, peer and stub"):
            api, paths, end_payload = start(cfg, results, stub_url)
        # the warm-up series first: nothing but the three checks of start() has run on the fresh platform yet
        if "warmup" in only:
            log("warm-up: (a) from the first event after the fresh start")
            with timed(sections, "warm-up after the fresh start"):
                results["warmup"] = measure_warmup(cfg, paths)
        # kill -9 first: the restart then has few functions and a small database to recover, and the soak that
        # follows warms the restarted platform's JIT for everything measured after it
        if "fault" in only:
            log("kill -9 during ASYNC load")
            with timed(sections, "kill -9 and restart"):
                results["fault"] = measure_fault(cfg, PLATFORM, api, end_payload, stub_url)
        if "soak" in only and cfg.soak_minutes > 0:
            log("soak: %d min of steady mixed load" % cfg.soak_minutes)
            with timed(sections, "soak"):
                results["soak"] = measure_soak(cfg, PLATFORM, paths)
        if "throughput" in only:
            log("throughput and latency, platform vs peer")
            with timed(sections, "throughput against the peer"):
                cfg.platform, cfg.cpu_profile_path = PLATFORM, os.path.join(TARGET, "cpu-profile.jfr")
                results["throughput"] = measure_throughput(cfg, api, cfg.peer_port, paths)
                results["cpu_profile"] = analyse_cpu(cfg.cpu_profile_path, max(2, cfg.duration - 1))
        if "records" in only:
            log("(a) with the default and the optional record policy")
            with timed(sections, "record policies"):
                results["record_policy"] = measure_record_policy(cfg, api, PLATFORM, paths, results["function_ids"]["a"])
        if "startup" in only:
            log("hot deploy of an event source and a template")
            with timed(sections, "hot deployment and template"):
                results["hot_deploy"] = measure_hot_deploy(PLATFORM, api)
                results["template"] = measure_template(PLATFORM, api)
        if "malformed" in only:
            log("malformed input")
            with timed(sections, "malformed input"):
                results["malformed"] = measure_malformed(cfg, PLATFORM, open(paths["sample"], "rb").read())
        if "hostile" in only:
            log("hostile functions")
            with timed(sections, "hostile functions"):
                r = wrk(cfg.port, "bench-a", paths["sample"], cfg.hostile_s, cfg.conns, label="quiet baseline 1")
                results["hostile"] = measure_hostile(cfg, api, paths, stub_url, r)
        if "fanout" in only:
            log("functions run for one Chat Post Survey event")
            with timed(sections, "fan-out"):
                results["fanout"] = measure_fanout(cfg, api, paths, stub_url)
        if "scale" in only:
            log("deployed functions: heap and latency")
            with timed(sections, "scale"):
                results["scale"] = measure_scale(cfg, PLATFORM, api, paths, stub_url)
        if "startup" in only:
            log("restart: start-up time with the data of this run")
            with timed(sections, "clean stop and start"):
                PLATFORM.stop()
                results["startup_restart_s"] = PLATFORM.start()
                results["startup_restart_healthy_s"] = PLATFORM.healthy_s
                results["functions_at_restart"] = api.deployed
        results["log_errors"], results["log_error_sample"] = PLATFORM.log_errors()
    finally:
        results["load_after"] = open("/proc/loadavg").read().split()[:3]
        results["quiet_waits"] = QUIET_WAITS
        with timed(sections, "stopping everything"):
            cleanup()
        results["elapsed_s"] = time.monotonic() - t_start
        results["run_finished_epoch"] = time.time()
        with open(os.path.join(TARGET, "results.json"), "w") as f:
            json.dump(results, f, indent=1)
    log("done in %.0f s; results in %s" % (results["elapsed_s"], os.path.join(TARGET, "results.json")))


def compiler_priority(pid):
    """The nice values of the platform's C2 compiler thread and of its Jetty threads (bin/switchboard's
    SWITCHBOARD_JIT_PRIORITY: as root, by default, the compiler threads run above the threads serving events)."""
    nice = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            text = open("/proc/%d/task/%s/stat" % (pid, tid)).read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        key = "compiler" if name.startswith("C2 CompilerThre") else "http" if name.startswith("qtp") else None
        if key:
            nice[key] = min(nice.get(key, 20), int(text.rsplit(")", 1)[1].split()[16]))
    return nice


def start(cfg, results, stub_url):
    """Starts the stub, the peer and the platform (fresh data), deploys (a), (b), (c) and checks both sides agree."""
    global PLATFORM
    spawn(["node", os.path.join(BENCH, "peer", "stub.js")], {"STUB_PORT": str(cfg.stub_port)}, "stub")
    global PEER
    PEER = spawn(["node", os.path.join(BENCH, "peer", "server.js")],
          {"PEER_PORT": str(cfg.peer_port), "PEER_KEY": cfg.peer_key, "STUB_URL": stub_url,
           "PEER_FUNCTIONS": json.dumps({"bench-" + k: v for k, v in FUNCTIONS.items()})}, "peer")
    wait_port(cfg.stub_port)
    wait_port(cfg.peer_port)

    PLATFORM = Platform(cfg.port, HOT_SOURCE)
    for setting in cfg.etc:
        # an A/B of one setting (not for the documented run, whose report states it only in results.json: "etc")
        pid_, kv = setting.split(":", 1)
        with open(os.path.join(PLATFORM.home, "etc", pid_ + ".cfg"), "a") as f:
            f.write(kv + "\n")
    log("starting the platform (fresh data) on port %d" % cfg.port)
    results["startup_first_s"] = PLATFORM.start()
    results["startup_first_healthy_s"] = PLATFORM.healthy_s
    results["jit_priority"] = compiler_priority(PLATFORM.pid())
    api = Api(cfg.port)
    paths, sample, end_payload = payloads(api)
    results["payload_bytes"] = {k: os.path.getsize(v) for k, v in paths.items()}
    s, settings = api.call("PUT", "/api/v1/accounts/bench-c/settings", {"httpRequestsPerSecond": C_HTTP_REQUESTS_PER_SECOND})
    if s != 200 or settings.get("httpRequestsPerSecond") != C_HTTP_REQUESTS_PER_SECOND:
        raise RuntimeError("setting bench-c's httpRequestsPerSecond: %s %s" % (s, settings))
    results["c_http_requests_per_second"] = C_HTTP_REQUESTS_PER_SECOND
    results["function_ids"] = {}
    for k, file in FUNCTIONS.items():
        results["function_ids"][k] = api.create_function("bench-" + k, file[:-3], function_code(file, stub_url),
                                                         domains=[HOST] if k == "c" else None)
    # the three functions answer the same on both sides
    for k in FUNCTIONS:
        body = open(paths["big" if k == "b" else "sample"], "rb").read()
        s1, d1 = api.call("POST", cc_path(COMMANDS[k]), raw=body, account="bench-" + k)
        p = Api(cfg.peer_port, cfg.peer_key)
        s2, d2 = p.call("POST", cc_path(COMMANDS[k]), raw=body, account="bench-" + k)
        same = s1 == s2 == 200 and isinstance(d1, str) and d1 == d2
        log("  function %s: platform %s, peer %s, same reply: %s" % (k, s1, s2, same))
        results.setdefault("same_reply", {})[k] = same
    return api, paths, end_payload


if __name__ == "__main__":
    main()
