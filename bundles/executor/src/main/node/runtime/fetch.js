// The fetch global (V2 functions use it instead of HTTPClient): a thin WHATWG-shaped wrapper over the
// HTTPClient toolbelt module's 'request' operation, so it has the same allow-list, limits and call count.
// Bodies are text: the host sends and returns UTF-8 strings.
'use strict';
const host = require('switchboard:host');

const normaliseName = (name) => {
  const text = String(name).toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(text)) throw new TypeError('Invalid header name: ' + name);
  return text;
};

class Headers {
  constructor(init) {
    this._map = new Map();
    if (init instanceof Headers) init.forEach((value, name) => this.append(name, value));
    else if (Array.isArray(init)) init.forEach(([name, value]) => this.append(name, value));
    else if (init && typeof init === 'object') Object.keys(init).forEach((name) => this.append(name, init[name]));
  }
  append(name, value) {
    const key = normaliseName(name);
    const text = String(value).trim();
    this._map.set(key, this._map.has(key) ? this._map.get(key) + ', ' + text : text);
  }
  set(name, value) { this._map.set(normaliseName(name), String(value).trim()); }
  get(name) { const value = this._map.get(normaliseName(name)); return value === undefined ? null : value; }
  has(name) { return this._map.has(normaliseName(name)); }
  delete(name) { this._map.delete(normaliseName(name)); }
  forEach(callback, thisArg) { for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this); }
  *entries() { yield* [...this._map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); }
  *keys() { for (const [name] of this.entries()) yield name; }
  *values() { for (const [, value] of this.entries()) yield value; }
  [Symbol.iterator]() { return this.entries(); }
  _object() { return Object.fromEntries(this._map); }
}

const bodyText = (body, headers) => {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (typeof URLSearchParams === 'function' && body instanceof URLSearchParams) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    return body.toString();
  }
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  return String(body);
};

class Response {
  constructor(body, init) {
    const options = init || {};
    this.status = options.status === undefined ? 200 : options.status;
    this.statusText = options.statusText || '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new Headers(options.headers);
    this.url = options.url || '';
    this.redirected = false;
    this.type = 'basic';
    this._body = body === undefined || body === null ? '' : String(body);
    this._used = false;
  }
  get bodyUsed() { return this._used; }
  _consume() {
    if (this._used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this._used = true;
    return Promise.resolve(this._body);
  }
  text() { return this._consume(); }
  json() { return this._consume().then((text) => JSON.parse(text)); }
  arrayBuffer() { return this._consume().then((text) => new TextEncoder().encode(text).buffer); }
  clone() {
    if (this._used) throw new TypeError('Response.clone: Body has already been consumed');
    return new Response(this._body, { status: this.status, statusText: this.statusText, headers: this.headers, url: this.url });
  }
  static json(data, init) {
    const headers = new Headers((init && init.headers) || {});
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), Object.assign({}, init, { headers }));
  }
}

const urlOf = (input) => {
  if (typeof input === 'string') return input;
  if (input && typeof input.href === 'string') return input.href;
  if (input && typeof input.url === 'string') return input.url;
  return String(input);
};

function fetch(input, init) {
  try {
    const options = Object.assign({}, input && typeof input === 'object' && typeof input.url === 'string' ? input : {}, init || {});
    const headers = new Headers(options.headers);
    const method = String(options.method || 'GET').toUpperCase();
    const body = bodyText(options.body, headers);
    if (body !== null && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with ' + method + ' method cannot have body.');
    const url = urlOf(input);
    // As the standard: redirects are followed unless the caller says 'manual' (each hop checked by the host).
    const followRedirects = options.redirect === undefined || options.redirect === 'follow';
    return host.http('request', { method, url, headers: headers._object(), body, followRedirects })
      .then((answer) => new Response(answer.body, { status: answer.status, headers: answer.headers, url }),
        (error) => { throw new TypeError('fetch failed: ' + error.message); });
  } catch (error) {
    return Promise.reject(error);
  }
}

module.exports = { fetch, Headers, Response };
