#!/usr/bin/env python3
"""Per thread group of a running JVM: CPU time, time spent runnable but waiting for a CPU, and scheduling slices, over
a window, from /proc/<pid>/task/*/schedstat (issue 18, round 8: how oversubscribed the cores are under load). Threads
are grouped as request-cost.py's thread_groups does: digits taken out of the name ("qtp123-45" -> "qtp#-#"); only
threads alive at both ends count.

  bench/schedstat.py <pid> <seconds>
"""
import collections
import os
import re
import sys
import time


def snapshot(pid):
    """Per thread id: its group, and its nanoseconds on a CPU, nanoseconds waiting for one, and slices so far."""
    threads = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                name = f.read().strip()
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                counters = [int(v) for v in f.read().split()]
        except OSError:
            continue  # the thread ended
        threads[tid] = (re.sub(r"[0-9]+", "#", name), counters)
    return threads


def main():
    pid, seconds = int(sys.argv[1]), float(sys.argv[2])
    before = snapshot(pid)
    time.sleep(seconds)
    after = snapshot(pid)
    groups = collections.defaultdict(lambda: [0, 0, 0])
    for tid, (name, counters) in after.items():
        if tid in before:
            for i, value in enumerate(counters):
                groups[name][i] += value - before[tid][1][i]
    for name, (run, wait, slices) in sorted(groups.items(), key=lambda g: -g[1][0])[:8]:
        print("%-20s run %6.0f ms  waiting for CPU %6.0f ms  slices %7d  wait per slice %.3f ms"
              % (name, run / 1e6, wait / 1e6, slices, wait / 1e6 / max(slices, 1)))


if __name__ == "__main__":
    main()
