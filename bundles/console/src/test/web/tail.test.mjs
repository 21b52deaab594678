// The live tail against a real HTTP server of Node's that answers as the log stream does: records as they come,
// resuming with Last-Event-ID after a drop and after a lost connection, and stopping with the problem of a 429.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { openTail } from '../../main/web/src/tail.js';

const FAST = { firstMs: 10, maxMs: 40 };

async function server(handler) {
  const requests = [];
  const http = createServer((request, response) => {
    requests.push({ lastEventId: request.headers['last-event-id'], authorization: request.headers.authorization });
    handler(request, response, requests.length);
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return { url: `http://127.0.0.1:${http.address().port}/stream`, requests, close: () => { http.closeAllConnections(); http.close(); } };
}

const sse = (response) => response.writeHead(200, { 'Content-Type': 'text/event-stream' });
const invocation = (id) => `id: ${id}\nevent: invocation\ndata: ${JSON.stringify({ id, outcome: 'OK' })}\n\n`;

function collect() {
  const records = [];
  const states = [];
  let wake = () => {};
  const changed = () => wake();
  return {
    records, states,
    onRecord: (record) => { records.push(record.id); changed(); },
    onState: (state) => { states.push(state); changed(); },
    async until(condition, what) {
      const deadline = Date.now() + 10_000;
      while (!condition()) {
        assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
        await Promise.race([new Promise((resolve) => { wake = resolve; }), new Promise((resolve) => setTimeout(resolve, 50))]);
      }
    },
  };
}

test('records come as they are sent, with the key, and the tail resumes after a drop and after a lost connection', async () => {
  const http = await server((request, response, n) => {
    sse(response);
    if (n === 1) {
      response.write(': heartbeat\n\n' + invocation('r1'));
      setTimeout(() => response.end(invocation('r2') + 'event: dropped\ndata: {}\n\n'), 20);
    } else if (n === 2) {
      response.end(invocation('r3')); // the connection is lost after one run
    } else {
      response.write(invocation('r4')); // stays open until closed
    }
  });
  const seen = collect();
  const tail = openTail({ url: http.url, key: 'k1', since: 'r0', backoff: FAST, ...seen });
  try {
    await seen.until(() => seen.records.length === 4, 'four records arrived');
    assert.deepEqual(seen.records, ['r1', 'r2', 'r3', 'r4']);
    assert.deepEqual(http.requests.map((r) => r.lastEventId), ['r0', 'r2', 'r3']);
    assert.ok(http.requests.every((r) => r.authorization === 'Bearer k1'));
    assert.ok(seen.states.some((s) => s.state === 'dropped'), 'the drop is reported');
    assert.ok(seen.states.some((s) => s.state === 'reconnecting' && s.retryMs > 0), 'the lost connection is reported with its pause');
    assert.equal(tail.lastId, 'r4');
  } finally {
    tail.close();
    http.close();
  }
});

test('close() ends the request, so the server sees the stream go and no new one is opened', async () => {
  let closedByClient;
  const gone = new Promise((resolve) => { closedByClient = resolve; });
  const http = await server((request, response) => {
    sse(response);
    response.write(invocation('only'));
    request.on('close', closedByClient);
  });
  const seen = collect();
  const tail = openTail({ url: http.url, key: 'k', backoff: FAST, ...seen });
  await seen.until(() => seen.records.length === 1, 'the record arrived');
  tail.close();
  await gone;
  assert.equal(http.requests.length, 1, 'one stream only');
  assert.equal(http.requests[0].lastEventId, undefined, 'no Last-Event-ID on a first connection without a shown record');
  http.close();
});

test('a 429 (every stream slot in use) stops the tail with the problem and is not retried', async () => {
  const problem = { type: 'urn:switchboard:problem:too-many-streams', title: 'Too many streams', status: 429, detail: 'at most 5', limit: 5 };
  const http = await server((request, response) => {
    response.writeHead(429, { 'Content-Type': 'application/problem+json' });
    response.end(JSON.stringify(problem));
  });
  const seen = collect();
  const tail = openTail({ url: http.url, key: 'k', backoff: FAST, ...seen });
  await seen.until(() => seen.states.some((s) => s.state === 'stopped'), 'the tail stopped');
  const stopped = seen.states.find((s) => s.state === 'stopped');
  assert.equal(stopped.problem.status, 429);
  assert.deepEqual(stopped.problem.problem, problem);
  assert.equal(http.requests.length, 1, 'a refusal is not retried');
  tail.close();
  http.close();
});

test('a server error is retried with a growing pause', async () => {
  const http = await server((request, response, n) => {
    if (n < 3) {
      response.writeHead(503, { 'Content-Type': 'application/problem+json' });
      response.end('{"title":"Unavailable","status":503}');
    } else {
      sse(response);
      response.write(invocation('back'));
    }
  });
  const seen = collect();
  const tail = openTail({ url: http.url, key: 'k', backoff: FAST, ...seen });
  await seen.until(() => seen.records.length === 1, 'the record after the errors arrived');
  assert.deepEqual(seen.states.filter((s) => s.state === 'reconnecting').map((s) => s.retryMs), [10, 20]);
  tail.close();
  http.close();
});
