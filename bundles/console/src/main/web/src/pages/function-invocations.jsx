import { useEffect, useRef, useState } from 'preact/hooks';
import { accountPath, API, ApiError } from '../api.js';
import { Pager, RecordFilters, RecordTable } from '../record-list.jsx';
import { exportCsv, filtering, matches, NO_FILTER, search } from '../records.js';
import { session } from '../session.js';
import { openTail } from '../tail.js';
import { Button, Pending, ProblemView, useAction, useAsync } from '../ui.jsx';

const PAGE_SIZE = 50;
/** Records the tail keeps above the search's page; older ones are in the next search. */
const LIVE_MAX = 200;

/**
 * The function's invocation records, newest first, filtered by the search endpoint; with the live tail on, the runs the
 * server streams (logs/stream) are put on top as they finish, kept or not by the same filters in the browser.
 */
export function InvocationsTab({ fn }) {
  const [page, setPage] = useState(0);
  const [tail, setTail] = useState(false);
  const [filter, setFilter] = useState(NO_FILTER);
  const listing = useAsync(async () => {
    const at = Date.now();
    return { ...(await search(fn.id, filter, { page, size: PAGE_SIZE })), at };
  }, [fn.id, page, JSON.stringify(filter)]);
  const [runExport, exporting, exportError] = useAction(() => exportCsv(fn.id, filter, `${fn.name}-invocations.csv`));
  const [live, tailState] = useLiveTail(fn.id, tail && page === 0, listing.data);
  const changeFilter = (next) => { setFilter(next); setPage(0); };
  const filtered = filtering(filter);
  // A streamed run counts when the filters keep it and the last search did not already have it.
  const listed = new Set(listing.data ? listing.data.items.map((r) => r.id) : []);
  const fresh = page === 0 && listing.data ? live.filter((r) => r.receivedAt >= listing.data.at && !listed.has(r.record.id) && matches(r.record, filter))
    .map((r) => r.record) : [];
  const total = listing.data ? listing.data.total + fresh.length : 0;
  const records = listing.data ? fresh.concat(listing.data.items) : [];
  return (
    <div>
      <div class="filters">
        <label class="check"><input type="checkbox" checked={tail} onChange={(e) => { setTail(e.target.checked); setPage(0); }} data-testid="live-tail" />
          Live tail (new runs on top as they finish)</label>
        {tail && <TailState state={tailState} />}
        <Button onClick={listing.reload} busy={listing.loading} busyLabel="Refreshing">Refresh</Button>
        {listing.data && <span class="muted small" data-testid="invocations-total">{total} invocation{total === 1 ? '' : 's'}
          {filtered ? ' match' : ' recorded'}</span>}
      </div>
      <RecordFilters filter={filter} onChange={changeFilter} prefix="filter" label="Filter invocations">
        {filtered && listing.data && <span class="muted small" data-testid="filter-summary">{total} record{total === 1 ? '' : 's'} match the filters</span>}
        <Button disabled={!listing.data || total === 0} busy={exporting} busyLabel="Exporting" onClick={() => runExport()}
          data-testid="export-csv">Export CSV</Button>
      </RecordFilters>
      {tail && tailState.state === 'stopped' && <ProblemView error={tailState.problem} />}
      <ProblemView error={listing.error || exportError} />
      {!listing.data ? <Pending state={listing} what="Searching invocations" />
        : records.length === 0 ? <p class="empty">{filtered ? 'No record matches the filters.' : 'No invocations recorded yet.'}</p>
          : <RecordTable records={records} testid="invocations" />}
      {listing.data && <Pager page={page} size={PAGE_SIZE} total={total} onPage={setPage} />}
    </div>
  );
}

/** What the tail is doing, said as it is (a pause before reconnecting is counted in seconds). */
function TailState({ state }) {
  const text = {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: `connection lost, reconnecting in ${Math.ceil((state.retryMs || 0) / 1000)} s`,
    dropped: 'the server dropped this slow stream, resuming',
    stopped: 'stopped',
  }[state.state] || '';
  return <span class={`muted small tail-${state.state}`} role="status" data-testid="tail-state">{text}</span>;
}

/**
 * The stream of the function's runs while `on`: [the runs received ({record, receivedAt}), newest first; the tail's state].
 * It starts after the newest record the search showed (the server replays what finished since), and is closed when the
 * tail is switched off, the page changes or the tab is left, and when the browser leaves the page.
 */
function useLiveTail(functionId, on, listing) {
  const [live, setLive] = useState([]);
  const [state, setState] = useState({ state: 'connecting' });
  const ready = Boolean(listing);
  const since = useRef(undefined);
  since.current = listing && listing.items.length > 0 && listing.items[0].id;
  // The runs received stay listed when the tail is switched off (they are newer than the search); another function's are not.
  useEffect(() => setLive([]), [functionId]);
  useEffect(() => {
    if (!on || !ready) {
      return undefined;
    }
    const tail = openTail({
      url: API + accountPath(`/functions/${encodeURIComponent(functionId)}/logs/stream`),
      key: session().key,
      since: since.current || undefined,
      onRecord: (record) => setLive((runs) => runs.some((r) => r.record.id === record.id) ? runs
        : [{ record, receivedAt: Date.now() }, ...runs].slice(0, LIVE_MAX)),
      onState: (next) => setState(next.state === 'stopped' && !(next.problem instanceof ApiError)
        ? { ...next, problem: new ApiError(0, { title: 'Live tail stopped', detail: String(next.problem) }) } : next),
    });
    const leave = () => tail.close();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      tail.close();
    };
  }, [functionId, on, ready]);
  return [live, state];
}
