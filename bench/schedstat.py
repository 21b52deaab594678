#!/usr/bin/env python3
"""Per thread group of a running JVM: CPU time, time spent runnable but waiting for a CPU, and scheduling slices, over
a window, from /proc/<pid>/task/*/schedstat (issue 18, round 8: how oversubscribed the cores are under load).

  bench/schedstat.py <pid> <seconds>
"""
import collections
import os
import re
import sys
import time

pid = int(sys.argv[1])
secs = float(sys.argv[2])

def snap():
    d={}
    for tid in os.listdir('/proc/%d/task'%pid):
        try:
            name=open('/proc/%d/task/%s/comm'%(pid,tid)).read().strip()
            run,wait,n=map(int,open('/proc/%d/task/%s/schedstat'%(pid,tid)).read().split())
            d[tid]=(re.sub(r'\d+','#',name),run,wait,n)
        except OSError: pass
    return d
a=snap(); time.sleep(secs); b=snap()
g=collections.defaultdict(lambda:[0,0,0])
for tid,(name,run,wait,n) in b.items():
    if tid in a:
        g[name][0]+=run-a[tid][1]; g[name][1]+=wait-a[tid][2]; g[name][2]+=n-a[tid][3]
for name,(run,wait,n) in sorted(g.items(), key=lambda x:-x[1][0])[:8]:
    print('%-20s run %6.0f ms  waiting for CPU %6.0f ms  slices %7d  wait per slice %.3f ms'%(name,run/1e6,wait/1e6,n,wait/1e6/max(n,1)))
