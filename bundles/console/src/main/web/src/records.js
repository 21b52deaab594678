// Invocation records as the console reads them: a function's records since a point in time, filters, buckets and CSV.
// The API lists records newest first, paged, without filters (docs/api.md); the search, report and log-stream endpoints
// of the operations issue (17) do not exist yet, so the console pages back until the range is covered and filters in
// the browser. It says when it stopped early (`capped`) instead of pretending to have counted everything.
import { accountPath, get } from './api.js';

export const OUTCOMES = ['OK', 'ERROR', 'TIMEOUT', 'REJECTED'];
export const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const PAGE = 100;

/** The ranges of LivePerson's invocation histogram, with the bucket sizes the operations issue names. */
export const RANGES = {
  '1h': { label: '1 hour', ms: 3600e3, bucketMs: 60e3, bucket: '1 min' },
  '24h': { label: '24 hours', ms: 86400e3, bucketMs: 15 * 60e3, bucket: '15 min' },
  '7d': { label: '7 days', ms: 7 * 86400e3, bucketMs: 3600e3, bucket: '1 h' },
  '30d': { label: '30 days', ms: 30 * 86400e3, bucketMs: 6 * 3600e3, bucket: '6 h' },
};

/**
 * The function's records started at or after `since` (ms), newest first, at most `max` of them: {items, capped}.
 * `capped` is true when older records within the range were not read.
 */
export async function recordsSince(functionId, since, max = 2000, signal) {
  const items = [];
  const path = accountPath(`/functions/${encodeURIComponent(functionId)}/invocations`);
  for (let page = 0; ; page++) {
    const answer = await get(`${path}?page=${page}&size=${PAGE}`, { signal });
    for (const record of answer.items) {
      if (Date.parse(record.startedAt) < since) {
        return { items, capped: false };
      }
      if (items.length >= max) {
        return { items, capped: true };
      }
      items.push(record);
    }
    if (answer.items.length < PAGE || (page + 1) * PAGE >= answer.total) {
      return { items, capped: false };
    }
  }
}

/** A predicate for the filters: outcome, function, a log line of the level, started within [from, to], text anywhere. */
export function matches({ outcome = '', level = '', text = '', from = '', to = '', functionId = '' }) {
  const needle = text.trim().toLowerCase();
  const after = from ? new Date(from).getTime() : null;
  const before = to ? new Date(to).getTime() : null;
  return (inv) => {
    const started = Date.parse(inv.startedAt);
    return (!outcome || inv.outcome === outcome)
      && (!functionId || inv.functionId === functionId)
      && (!level || (inv.logs || []).some((line) => line.level === level))
      && (after === null || started >= after) && (before === null || started <= before)
      && (!needle || JSON.stringify([inv.id, inv.eventId, inv.result, inv.error, inv.logs]).toLowerCase().includes(needle));
  };
}

/** Counts per outcome in consecutive buckets ending now: [{start, counts: {OK: n, ...}, total}]. */
export function buckets(records, range, now = Date.now()) {
  const { ms, bucketMs } = RANGES[range];
  const end = Math.ceil(now / bucketMs) * bucketMs;
  const count = Math.ceil(ms / bucketMs);
  const start = end - count * bucketMs;
  const result = Array.from({ length: count }, (_, i) => ({ start: start + i * bucketMs, counts: {}, total: 0 }));
  for (const record of records) {
    const index = Math.floor((Date.parse(record.startedAt) - start) / bucketMs);
    if (index >= 0 && index < count) {
      const bucket = result[index];
      bucket.counts[record.outcome] = (bucket.counts[record.outcome] || 0) + 1;
      bucket.total++;
    }
  }
  return result;
}

const CSV_COLUMNS = ['time', 'level', 'message', 'function', 'functionId', 'invocationId', 'version', 'trigger', 'outcome', 'durationMs'];

/**
 * LivePerson's log download: one row per log line (an invocation without lines gets one row of its own), so a
 * spreadsheet groups them by invocation id.
 */
export function toCsv(records, names = {}) {
  const rows = [CSV_COLUMNS];
  for (const inv of records) {
    const common = [names[inv.functionId] || '', inv.functionId, inv.id, inv.version, inv.trigger, inv.outcome, inv.durationMs];
    const lines = inv.logs && inv.logs.length ? inv.logs : [{ time: inv.startedAt, level: '', message: inv.error ? `${inv.error.errorCode}: ${inv.error.errorMsg}` : '' }];
    for (const line of lines) {
      const message = line.extras ? `${line.message} ${JSON.stringify(line.extras)}` : line.message;
      rows.push([line.time, line.level, message, ...common]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value) {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Offers `text` as a file download (made in the browser; nothing leaves it). */
export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
