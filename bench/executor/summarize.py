#!/usr/bin/env python3
"""Prints the executor benchmark figures and ratios from JMH's JSON results (target/jdk25.json, target/jdk17.json)."""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))


def load(name):
    path = os.path.join(here, 'target', name)
    if not os.path.exists(path):
        return None
    figures = {}
    for entry in json.load(open(path)):
        bench = entry['benchmark'].rsplit('.', 1)[1]
        primary = entry['primaryMetric']
        pct = primary.get('scorePercentiles', {})
        alloc = entry.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score')
        figures[bench] = {'p50': pct.get('50.0', primary['score']), 'mean': primary['score'],
                          'unit': primary['scoreUnit'], 'alloc': alloc}
    return figures


def report(title, f):
    print('### ' + title)
    print('| benchmark | median | mean | allocated per call |')
    print('|---|---|---|---|')
    for name, v in f.items():
        alloc = '%.1f KB' % (v['alloc'] / 1000) if v['alloc'] is not None else '-'
        print('| %s | %.1f %s | %.1f %s | %s |' % (name, v['p50'], v['unit'], v['mean'], v['unit'], alloc))
    def ratio(a, b):
        return f[a]['p50'] / f[b]['p50'] if a in f and b in f else float('nan')
    print()
    print('- warm call overhead, JSON function: executor / bare = %.2fx' % ratio('executorJson', 'bareJson'))
    print('- warm call overhead, CPU-bound function: executor / bare = %.2fx' % ratio('executorCpu', 'bareCpu'))
    print('- the same JSON call on the calling thread (no hand-over to a worker): %.2fx bare; the hand-over: %.1f %s'
          % (ratio('executorJsonOnCallingThread', 'bareJson'),
             f['executorJson']['p50'] - f['executorJsonOnCallingThread']['p50'] if 'executorJsonOnCallingThread' in f and 'executorJson' in f else float('nan'),
             f.get('executorJson', {}).get('unit', '')))
    print('- same, against a bare call on a shared engine: JSON %.2fx, CPU-bound %.2fx'
          % (ratio('executorJson', 'bareJsonSharedEngine'), ratio('executorCpu', 'bareCpuSharedEngine')))
    print('- cost of engine sharing alone (shared / own engine): JSON %.2fx, CPU-bound %.2fx'
          % (ratio('bareJsonSharedEngine', 'bareJson'), ratio('bareCpuSharedEngine', 'bareCpu')))
    print('- two threads vs one (time per call and thread): %.2fx' % ratio('executorJsonTwoThreads', 'executorJson'))
    print('- first call of a new version: %.1f ms (median)' % (f.get('firstCallOfANewVersion', {}).get('p50', float('nan')) / 1000))
    print()


jit, interpreted = load('jdk25.json'), load('jdk17.json')
if jit:
    report('JDK 25 + Graal JIT', jit)
if interpreted:
    report('JDK 17, interpreter only', interpreted)
if jit and interpreted:
    for name in ('executorJson', 'executorCpu'):
        print('- %s: JDK 17 interpreter / JDK 25 JIT = %.1fx' % (name, interpreted[name]['p50'] / jit[name]['p50']))
sys.exit(0 if jit or interpreted else 1)
