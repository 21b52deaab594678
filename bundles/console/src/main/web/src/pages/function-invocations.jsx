import { useState } from 'preact/hooks';
import { accountPath, get } from '../api.js';
import { duration, time } from '../format.js';
import { download, LEVELS, matches, OUTCOMES, toCsv } from '../records.js';
import { Button, JsonBlock, LogLines, OutcomeBadge, Pending, ProblemView, useAsync, usePolling } from '../ui.jsx';

const PAGE_SIZE = 50;
const TAIL_MS = 2000;

/** The function's invocation records, newest first, each with its result and logs; a live tail while open. */
export function InvocationsTab({ fn }) {
  const [page, setPage] = useState(0);
  const [tail, setTail] = useState(false);
  const [open, setOpen] = useState({});
  const [filter, setFilter] = useState({ outcome: '', level: '', text: '', from: '', to: '' });
  const path = accountPath(`/functions/${encodeURIComponent(fn.id)}/invocations`);
  const listing = useAsync(() => get(`${path}?page=${page}&size=${PAGE_SIZE}`), [path, page]);
  usePolling(tail && page === 0, listing.reload, TAIL_MS);
  if (!listing.data) {
    return <Pending state={listing} what="Loading invocations" />;
  }
  const { total } = listing.data;
  const items = listing.data.items.filter(matches(filter));
  const filtering = Object.values(filter).some(Boolean);
  const set = (field) => (e) => setFilter({ ...filter, [field]: e.target.value });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div>
      <div class="filters">
        <label class="check"><input type="checkbox" checked={tail} onChange={(e) => { setTail(e.target.checked); setPage(0); }} data-testid="live-tail" />
          Live tail (newest first, refreshed every {TAIL_MS / 1000} s)</label>
        <Button onClick={listing.reload} busy={listing.loading && !tail} busyLabel="Refreshing">Refresh</Button>
        <span class="muted small" data-testid="invocations-total">{total} invocation{total === 1 ? '' : 's'} recorded</span>
      </div>
      <div class="filters" role="search" aria-label="Filter invocations">
        <label>Outcome <select value={filter.outcome} onChange={set('outcome')} data-testid="filter-outcome">
          <option value="">All</option>{OUTCOMES.map((o) => <option value={o}>{o}</option>)}</select></label>
        <label>Log level <select value={filter.level} onChange={set('level')} data-testid="filter-level">
          <option value="">Any</option>{LEVELS.map((l) => <option value={l}>{l}</option>)}</select></label>
        <label>From <input type="datetime-local" value={filter.from} onInput={set('from')} /></label>
        <label>To <input type="datetime-local" value={filter.to} onInput={set('to')} /></label>
        <label>Text <input type="search" placeholder="in logs, result, error, ids" value={filter.text} onInput={set('text')} data-testid="filter-text" /></label>
        {filtering && <span class="muted small" data-testid="filter-summary">{items.length} of the {listing.data.items.length} records on this page match</span>}
        <Button disabled={items.length === 0} onClick={() => download(`${fn.name}-invocations.csv`, toCsv(items, { [fn.id]: fn.name }))} data-testid="export-csv">Export CSV</Button>
      </div>
      <ProblemView error={listing.error} />
      {items.length === 0 ? <p class="empty">{filtering ? 'No record on this page matches the filters.' : 'No invocations recorded yet.'}</p> : (
        <div class="table-wrap">
          <table data-testid="invocations">
            <thead><tr><th>Started</th><th>Outcome</th><th>Trigger</th><th>Version</th><th>Duration</th><th>Logs</th><th></th></tr></thead>
            <tbody>
              {items.map((inv) => (
                <>
                  <tr>
                    <td>{time(inv.startedAt)}</td>
                    <td><OutcomeBadge outcome={inv.outcome} /></td>
                    <td>{inv.trigger}{inv.eventType ? <div class="muted small">{inv.eventType}</div> : ''}</td>
                    <td>{inv.version === 0 ? 'draft' : `v${inv.version}`}</td>
                    <td>{duration(inv.durationMs)}</td>
                    <td>{(inv.logs || []).length}</td>
                    <td><button type="button" class="link" aria-expanded={open[inv.id] ? 'true' : 'false'}
                      onClick={() => setOpen({ ...open, [inv.id]: !open[inv.id] })}>{open[inv.id] ? 'Hide' : 'Details'}</button></td>
                  </tr>
                  {open[inv.id] && (
                    <tr><td colSpan="7">
                      <p class="small">Invocation <code>{inv.id}</code>{inv.eventId ? <> · event <code>{inv.eventId}</code></> : ''}</p>
                      <div class="result-grid">
                        <div><h3 style="margin-left: 0">{inv.error ? 'Error' : 'Result'}</h3><JsonBlock value={inv.error || inv.result} /></div>
                        <div><h3 style="margin-left: 0">Logs</h3><LogLines logs={inv.logs} trigger={inv.trigger} /></div>
                      </div>
                    </td></tr>
                  )}
                </>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="row" style="margin-top: .5rem">
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</Button>
        <span class="muted small">page {page + 1} of {pages}</span>
        <Button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Older</Button>
      </div>
    </div>
  );
}
