// The console's query of the search endpoint without a browser: the filter form as the API's parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filtering, NO_FILTER, RANGES, searchQuery } from '../../main/web/src/records.js';

test('an empty form asks for a plain page', () => {
  assert.equal(searchQuery(NO_FILTER, { page: 0, size: 50 }), 'page=0&size=50');
  assert.equal(filtering(NO_FILTER), false);
});

test('outcome, level, text and the time range become the parameters of the search endpoint', () => {
  const from = '2026-12-03T10:00';
  const query = new URLSearchParams(searchQuery({ ...NO_FILTER, outcome: 'ERROR', level: 'WARN', text: '  order 42 ', from, to: '2026-12-03T11:00' },
    { page: 2, size: 100 }));
  assert.equal(query.get('outcome'), 'ERROR');
  assert.equal(query.get('level'), 'WARN');
  assert.equal(query.get('text'), 'order 42', 'the text is trimmed');
  assert.equal(query.get('from'), new Date(from).toISOString(), 'local form time as an instant');
  assert.equal(query.get('to'), new Date('2026-12-03T11:00').toISOString());
  assert.equal(query.get('page'), '2');
  assert.equal(filtering({ ...NO_FILTER, text: 'x' }), true);
});

test('the range bounds the search unless the form sets its own start, and an export asks for CSV', () => {
  const since = Date.parse('2026-12-02T12:00:00Z');
  assert.equal(new URLSearchParams(searchQuery(NO_FILTER, { since, format: 'csv' })).get('from'), '2026-12-02T12:00:00.000Z');
  assert.equal(new URLSearchParams(searchQuery(NO_FILTER, { since, format: 'csv' })).get('format'), 'csv');
  const own = new URLSearchParams(searchQuery({ ...NO_FILTER, from: '2026-12-03T10:00' }, { since }));
  assert.equal(own.get('from'), new Date('2026-12-03T10:00').toISOString());
});

test('every range has the bucket size of the report', () => {
  assert.deepEqual(Object.fromEntries(Object.entries(RANGES).map(([id, r]) => [id, [r.ms / r.bucketMs, r.bucket]])),
    { '1h': [60, '1 min'], '24h': [96, '15 min'], '7d': [168, '1 h'], '30d': [120, '6 h'] });
});

test('the live tail keeps only the records the filters keep, as the search endpoint would', async () => {
  const { matches } = await import('../../main/web/src/records.js');
  const record = { outcome: 'OK', startedAt: '2026-12-03T10:30:00Z', result: { text: 'Hello Ada' },
    logs: [{ level: 'INFO', message: 'journey called' }, { level: 'DEBUG', message: 'details' }] };
  assert.equal(matches(record, NO_FILTER), true);
  assert.equal(matches(record, { ...NO_FILTER, outcome: 'ERROR' }), false);
  assert.equal(matches(record, { ...NO_FILTER, outcome: 'OK', level: 'INFO' }), true);
  assert.equal(matches(record, { ...NO_FILTER, level: 'WARN' }), false, 'no line at WARN or above');
  assert.equal(matches(record, { ...NO_FILTER, text: ' JOURNEY ' }), true, 'in a log line, any case');
  assert.equal(matches(record, { ...NO_FILTER, text: 'ada' }), true, 'in the result');
  assert.equal(matches({ ...record, result: undefined, error: { code: 'x', message: 'Boom' } }, { ...NO_FILTER, text: 'boom' }), true, 'in the error');
  assert.equal(matches(record, { ...NO_FILTER, text: 'nowhere' }), false);
  const at = new Date('2026-12-03T10:30:00Z');
  const local = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60e3).toISOString().slice(0, 16);
  assert.equal(matches(record, { ...NO_FILTER, from: local(at) }), true, 'from is inclusive');
  assert.equal(matches(record, { ...NO_FILTER, to: local(at) }), false, 'to is exclusive');
  assert.equal(matches(record, { ...NO_FILTER, from: local(new Date(at.getTime() + 60e3)) }), false);
});
