// The one way the console talks to Switchboard: the public REST API under /api/v1 (and /health), with the signed-in
// key as a bearer token. Failures become ApiError carrying the API's problem detail, shown as it is.
import { session, signOut } from './session.js';

export const API = '/api/v1';

/** A failed call: `status` 0 when the server could not be reached; `problem` is the API's problem detail. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const RESTART_RETRIES = 5;

/**
 * Calls the API. `body` is sent as JSON when given. A 503 `api-restarting` (the API is re-registered for a moment after
 * a configuration change) is retried after its Retry-After, a few times; everything else is answered as it came.
 */
export async function call(method, path, body, options = {}) {
  const url = path.startsWith('/health') ? path : API + path;
  for (let attempt = 0; ; attempt++) {
    const response = await send(method, url, body, options);
    if (response.status === 503 && attempt < RESTART_RETRIES) {
      const problem = await readJson(response.clone());
      if (problem && problem.type === 'urn:switchboard:problem:api-restarting') {
        await delay(1000 * Number(response.headers.get('Retry-After') || 1));
        continue;
      }
    }
    return answer(response, options);
  }
}

async function send(method, url, body, options) {
  const headers = { Accept: options.accept || 'application/json' };
  const current = options.key ? { key: options.key } : session();
  if (current) {
    headers.Authorization = 'Bearer ' + current.key;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  try {
    return await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, { title: 'Switchboard did not answer', detail: `${method} ${url} failed: ${error.message}. Is the server running?` });
  }
}

async function answer(response, options) {
  if (response.status === 204) {
    return null;
  }
  const json = await readJson(response);
  if (response.ok || (options.acceptStatus && options.acceptStatus.includes(response.status))) {
    return json;
  }
  const problem = json && typeof json === 'object' && !Array.isArray(json)
    ? json : { title: response.statusText || `HTTP ${response.status}`, status: response.status };
  if (response.status === 401 && !options.key) {
    // The key was revoked or rotated while signed in: back to the sign-in page, saying why.
    signOut(problem.detail || 'The API key is no longer valid.');
  }
  throw new ApiError(response.status, problem);
}

async function readJson(response) {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return { title: `Unexpected answer (HTTP ${response.status})`, detail: text.slice(0, 500) };
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body, options);
export const put = (path, body, options) => call('PUT', path, body, options);
export const del = (path, options) => call('DELETE', path, undefined, options);

/**
 * A body of another type than JSON (an export), whole, as a Blob; failures are ApiErrors with the problem detail, as for
 * every other call.
 */
export async function getBlob(path, accept) {
  const response = await send('GET', API + path, undefined, { accept });
  if (!response.ok) {
    await answer(response, {});
  }
  return response.blob();
}

/** The path of the signed-in account: `/accounts/{account}` + rest. */
export function accountPath(rest = '') {
  return '/accounts/' + encodeURIComponent(session().account) + rest;
}

/** Every item of a paged listing, page by page (at most `max` items). */
export async function getAll(path, max = 1000) {
  const items = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let page = 0; items.length < max; page++) {
    const answer = await get(`${path}${separator}page=${page}&size=100`);
    items.push(...answer.items);
    if (answer.items.length === 0 || items.length >= answer.total) {
      return { items, total: answer.total };
    }
  }
  return { items, total: items.length };
}
