// Invocation records as the console reads them: the search endpoint with its filters (per function and per account),
// its CSV export and the function's invocation report (docs/api.md). Filtering, counting and bucketing happen on the
// server; this module only turns the console's filter form into the API's query.
import { accountPath, get, getBlob } from './api.js';

export const OUTCOMES = ['OK', 'ERROR', 'TIMEOUT', 'REJECTED'];
export const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
/** LivePerson's invocation states, as the report counts them. */
export const STATES = ['SUCCEEDED', 'CODING_FAILURE', 'PLATFORM_FAILURE', 'TIMEOUT', 'UNKNOWN'];

/** The ranges of LivePerson's invocation histogram, with the report's bucket sizes. */
export const RANGES = {
  '1h': { label: '1 hour', ms: 3600e3, bucketMs: 60e3, bucket: '1 min' },
  '24h': { label: '24 hours', ms: 86400e3, bucketMs: 15 * 60e3, bucket: '15 min' },
  '7d': { label: '7 days', ms: 7 * 86400e3, bucketMs: 3600e3, bucket: '1 h' },
  '30d': { label: '30 days', ms: 30 * 86400e3, bucketMs: 6 * 3600e3, bucket: '6 h' },
};

/** The filter form before anything is chosen. */
export const NO_FILTER = { functionId: '', outcome: '', level: '', text: '', from: '', to: '' };

/** Whether any filter of the form is set. */
export function filtering(filter) {
  return ['outcome', 'level', 'text', 'from', 'to'].some((field) => filter[field]);
}

/**
 * The query of the search endpoint for the form: outcome, level, text and the time range (datetime-local values are
 * the browser's local time; the API takes instants). `since` (ms) bounds the range when the form sets no `from`.
 */
export function searchQuery(filter, { page, size, since, format } = {}) {
  const query = new URLSearchParams();
  if (filter.outcome) query.set('outcome', filter.outcome);
  if (filter.level) query.set('level', filter.level);
  if (filter.text && filter.text.trim()) query.set('text', filter.text.trim());
  const from = filter.from ? new Date(filter.from).getTime() : since;
  if (from !== undefined && from !== null && !Number.isNaN(from)) query.set('from', new Date(from).toISOString());
  if (filter.to && !Number.isNaN(new Date(filter.to).getTime())) query.set('to', new Date(filter.to).toISOString());
  if (page !== undefined) query.set('page', String(page));
  if (size !== undefined) query.set('size', String(size));
  if (format) query.set('format', format);
  return query.toString();
}

/** The search path of one function's records, or of the account's when no function is chosen. */
export function searchPath(functionId) {
  return accountPath(functionId ? `/functions/${encodeURIComponent(functionId)}/invocations` : '/invocations');
}

/** A page of the records that pass the filter: {items, page, size, total}. */
export function search(functionId, filter, options) {
  return get(`${searchPath(functionId)}?${searchQuery(filter, options)}`);
}

/** The function's invocation report over the range (counts per bucket and state, duration percentiles). */
export function report(functionId, range) {
  return get(accountPath(`/functions/${encodeURIComponent(functionId)}/report?range=${encodeURIComponent(range)}`));
}

/** Downloads the server's CSV export of the records that pass the filter (the server streams it; cap: X-Export-Limit). */
export async function exportCsv(functionId, filter, filename, options = {}) {
  const blob = await getBlob(`${searchPath(functionId)}?${searchQuery(filter, { ...options, format: 'csv' })}`, 'text/csv');
  download(filename, blob);
}

/** Offers a Blob as a file download. */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Whether a record passes the filter form, decided in the browser as the search endpoint decides it (for the records the
 * live tail brings, which no search has seen): outcome, a log line at the level or above, the text (any case) in a log
 * line, the error or the result, and started in [from, to).
 */
export function matches(record, filter) {
  if (filter.outcome && record.outcome !== filter.outcome) return false;
  if (filter.level) {
    const least = LEVELS.indexOf(filter.level);
    if (!(record.logs || []).some((line) => LEVELS.indexOf(String(line.level).toUpperCase()) >= least)) return false;
  }
  const text = filter.text && filter.text.trim().toLowerCase();
  if (text) {
    const within = (record.logs || []).map((line) => line.message || '')
      .concat(record.error ? [JSON.stringify(record.error)] : [], record.result === undefined ? [] : [JSON.stringify(record.result)]);
    if (!within.some((part) => String(part).toLowerCase().includes(text))) return false;
  }
  const started = Date.parse(record.startedAt);
  if (filter.from && !(started >= new Date(filter.from).getTime())) return false;
  if (filter.to && !(started < new Date(filter.to).getTime())) return false;
  return true;
}
