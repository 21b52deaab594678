// The console's server-sent-events parser, fed as the network delivers: chunks cut anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from '../../main/web/src/sse.js';

const STREAM = ': heartbeat\n\nid: a1\nevent: invocation\ndata: {"id":"a1"}\n\n: heartbeat\n\nevent: dropped\ndata: slow\n\n';

test('invocation and dropped events with their ids; heartbeat comments are skipped', () => {
  assert.deepEqual(new SseParser().push(STREAM), [
    { id: 'a1', event: 'invocation', data: '{"id":"a1"}' },
    { id: undefined, event: 'dropped', data: 'slow' },
  ]);
});

test('the same events whatever the chunks, one character at a time included', () => {
  const whole = new SseParser().push(STREAM);
  for (const size of [1, 2, 3, 7, 16]) {
    const parser = new SseParser();
    const events = [];
    for (let i = 0; i < STREAM.length; i += size) events.push(...parser.push(STREAM.slice(i, i + size)));
    assert.deepEqual(events, whole, `chunks of ${size}`);
  }
});

test('CRLF and CR end lines too, also with the CR and LF in different chunks', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('id: x\r'), []);
  assert.deepEqual(parser.push('\ndata: one\r\n'), []);
  assert.deepEqual(parser.push('data: two\r\r'), [{ id: 'x', event: 'message', data: 'one\ntwo' }]);
});

test('an event without data is not dispatched, a field without a colon is empty, the space after the colon is optional', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('event: invocation\n\n'), []);
  assert.deepEqual(parser.push('data\nevent:invocation\nid:z\n\n'), [{ id: 'z', event: 'invocation', data: '' }]);
  assert.deepEqual(parser.push('retry: 3000\ndata: a\n'), [], 'not dispatched before the blank line');
  assert.equal(parser.retry, 3000);
});
