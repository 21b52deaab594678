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
