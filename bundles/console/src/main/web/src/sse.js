// Server-sent events as the HTML standard parses them (https://html.spec.whatwg.org/multipage/server-sent-events.html),
// fed chunk by chunk: the console reads the log stream with fetch() because EventSource cannot send the Authorization
// header. Only what the stream uses is kept: id, event, data (several data lines joined by "\n") and retry; comment lines
// (": heartbeat") and unknown fields are ignored.

/** Parses a text/event-stream; `push(text)` answers the events the text completed, in order. */
export class SseParser {
  constructor() {
    this.buffer = '';
    this.pendingCr = false;
    this.reset();
  }

  reset() {
    this.data = [];
    this.event = '';
    this.id = undefined;
    this.hasData = false;
  }

  /** Events completed by `text` (a decoded chunk; lines may be cut anywhere, also between CR and LF). */
  push(text) {
    const events = [];
    let chunk = text;
    if (this.pendingCr && chunk.startsWith('\n')) {
      // The LF of a CRLF whose CR ended the previous chunk: that line was already taken.
      chunk = chunk.slice(1);
    }
    this.pendingCr = false;
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') {
        continue;
      }
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  line(line) {
    if (line === '') {
      // A blank line dispatches the event, if it has data (the standard drops events without).
      const event = this.hasData ? { id: this.id, event: this.event || 'message', data: this.data.join('\n') } : null;
      this.reset();
      return event;
    }
    if (line.startsWith(':')) {
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'event') {
      this.event = value;
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) {
      this.retry = Number(value);
    }
    return null;
  }
}
