// The console's invocation arithmetic without a browser: buckets of the histogram, filters and the CSV download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buckets, matches, RANGES, toCsv } from '../../main/web/src/records.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const record = (minutesAgo, outcome, extra = {}) => ({
  id: `inv-${minutesAgo}-${outcome}`, functionId: 'fn-1', version: 1, trigger: 'EXTERNAL', outcome, durationMs: 12,
  startedAt: new Date(NOW - minutesAgo * 60e3).toISOString(), logs: [], ...extra,
});

test('the histogram has one bucket per bucket size over the range, ending now, counted by outcome', () => {
  const rows = buckets([record(0.5, 'OK'), record(0.6, 'ERROR'), record(30, 'OK'), record(59.5, 'TIMEOUT'), record(61, 'OK')], '1h', NOW);
  assert.equal(rows.length, 60);
  assert.equal(rows.at(-1).start, NOW - 60e3, 'the newest bucket is the minute before now');
  assert.deepEqual(rows.at(-1).counts, { OK: 1, ERROR: 1 });
  assert.equal(rows.reduce((sum, b) => sum + b.total, 0), 4, 'a record older than the range is not counted');
  assert.deepEqual(rows[0].counts, { TIMEOUT: 1 });
});

test('every range has the bucket size of the operations issue', () => {
  assert.deepEqual(Object.fromEntries(Object.entries(RANGES).map(([id, r]) => [id, [r.ms / r.bucketMs, r.bucket]])),
    { '1h': [60, '1 min'], '24h': [96, '15 min'], '7d': [168, '1 h'], '30d': [120, '6 h'] });
  assert.equal(buckets([], '30d', NOW).length, 120);
});

test('filters combine outcome, function, level, time range and text', () => {
  const info = record(5, 'OK', { logs: [{ time: 't', level: 'INFO', message: 'order 42 shipped' }] });
  const failed = record(10, 'ERROR', { functionId: 'fn-2', error: { errorCode: 'com.switchboard.function.failed', errorMsg: 'boom' } });
  const all = [info, failed];
  const pick = (filter) => all.filter(matches(filter)).map((r) => r.id);
  assert.deepEqual(pick({}), [info.id, failed.id]);
  assert.deepEqual(pick({ outcome: 'ERROR' }), [failed.id]);
  assert.deepEqual(pick({ functionId: 'fn-1' }), [info.id]);
  assert.deepEqual(pick({ level: 'INFO' }), [info.id]);
  assert.deepEqual(pick({ level: 'WARN' }), []);
  assert.deepEqual(pick({ text: 'BOOM' }), [failed.id], 'text is searched without case in errors');
  assert.deepEqual(pick({ text: 'order 42' }), [info.id]);
  assert.deepEqual(pick({ from: new Date(NOW - 7 * 60e3).toISOString() }), [info.id]);
  assert.deepEqual(pick({ to: new Date(NOW - 7 * 60e3).toISOString() }), [failed.id]);
});

test('the CSV has one row per log line, quotes what needs quoting, and a row for an invocation without lines', () => {
  const logged = record(1, 'OK', { logs: [
    { time: '2026-12-03T11:59:00.100Z', level: 'INFO', message: 'said "hi", then left' },
    { time: '2026-12-03T11:59:00.200Z', level: 'WARN', message: 'two\nlines', extras: { a: 1 } }] });
  const silent = record(2, 'ERROR', { error: { errorCode: 'com.switchboard.function.failed', errorMsg: 'boom' } });
  const lines = toCsv([logged, silent], { 'fn-1': 'greeter' }).split('\r\n');
  assert.equal(lines[0], 'time,level,message,function,functionId,invocationId,version,trigger,outcome,durationMs');
  assert.equal(lines[1], `2026-12-03T11:59:00.100Z,INFO,"said ""hi"", then left",greeter,fn-1,${logged.id},1,EXTERNAL,OK,12`);
  assert.equal(lines[2], `2026-12-03T11:59:00.200Z,WARN,"two\nlines {""a"":1}",greeter,fn-1,${logged.id},1,EXTERNAL,OK,12`,
    'a line break inside a quoted cell is not a row break (rows end with CRLF)');
  assert.equal(lines[3], `${silent.startedAt},,com.switchboard.function.failed: boom,greeter,fn-1,${silent.id},1,EXTERNAL,ERROR,12`);
  assert.equal(lines[4], '');
});
