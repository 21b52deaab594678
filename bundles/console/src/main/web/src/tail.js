// The live tail of a function's invocations over GET .../functions/{id}/logs/stream (docs/api.md): fetch() with the
// bearer key (EventSource cannot send it), the body read as it comes and parsed as server-sent events. A stream that
// ends, fails or is dropped for being slow is opened again with Last-Event-ID, after a growing pause, so no run is
// missed (the server replays what came after that id). A refusal (429: the account's streams are all in use; 401, 403,
// 404) ends the tail with the API's problem. close() aborts the request at once: each open stream holds one of the
// account's few stream slots.
import { ApiError } from './api.js';
import { SseParser } from './sse.js';

export const BACKOFF = { firstMs: 500, maxMs: 15_000 };

/**
 * Opens the tail. `onRecord(record)` gets each invocation record as it comes; `onState({state, problem, retryMs})` is told
 * `connecting`, `live`, `reconnecting` (with the pause), `dropped` (the server cut a slow client; reconnecting) or
 * `stopped` (with the refusal's problem). `since` is the id of the newest record already shown.
 */
export function openTail({ url, key, since, onRecord, onState, backoff = BACKOFF, fetch = globalThis.fetch }) {
  let lastId = since || undefined;
  let closed = false;
  let pauseMs = backoff.firstMs;
  let timer = null;
  let controller = null;

  const retry = (state, error) => {
    if (closed) return;
    const wait = pauseMs;
    pauseMs = Math.min(backoff.maxMs, pauseMs * 2);
    onState({ state, retryMs: wait, problem: error ? problemOf(error) : undefined });
    timer = setTimeout(connect, wait);
  };

  async function connect() {
    if (closed) return;
    controller = new AbortController();
    onState({ state: 'connecting' });
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${key}` };
    if (lastId) headers['Last-Event-ID'] = lastId;
    let response;
    try {
      response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
    } catch (error) {
      if (!closed) retry('reconnecting', error);
      return;
    }
    if (!response.ok) {
      const problem = await readProblem(response);
      if (response.status >= 500) {
        retry('reconnecting', new ApiError(response.status, problem));
      } else {
        closed = true;
        onState({ state: 'stopped', problem: new ApiError(response.status, problem) });
      }
      return;
    }
    onState({ state: 'live' });
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || closed) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.event === 'invocation') {
            pauseMs = backoff.firstMs; // a stream that delivers is healthy again
            if (event.id) lastId = event.id;
            onRecord(JSON.parse(event.data));
          } else if (event.event === 'dropped') {
            // The server cut this stream for being slow; resume at the last run taken, without a long pause.
            reader.cancel().catch(() => {});
            pauseMs = backoff.firstMs;
            return retry('dropped');
          }
        }
      }
    } catch (error) {
      if (!closed) retry('reconnecting', error);
      return;
    }
    retry('reconnecting', new Error('the stream ended'));
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      if (controller) controller.abort();
    },
    get lastId() {
      return lastId;
    },
  };
}

async function readProblem(response) {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text);
    if (json && typeof json === 'object') return json;
  } catch {
    // not JSON: described below
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 500) || undefined };
}

function problemOf(error) {
  return error instanceof ApiError ? error : new ApiError(0, { title: 'Live tail interrupted', detail: String(error.message || error) });
}
