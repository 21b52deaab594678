import { useState } from 'preact/hooks';
import { Pager, RecordFilters, RecordTable } from '../record-list.jsx';
import { exportCsv, filtering, NO_FILTER, search } from '../records.js';
import { Button, Pending, ProblemView, useAction, useAsync, usePolling } from '../ui.jsx';

const PAGE_SIZE = 50;
const TAIL_MS = 2000;

/** The function's invocation records, newest first, filtered by the search endpoint; a live tail while open. */
export function InvocationsTab({ fn }) {
  const [page, setPage] = useState(0);
  const [tail, setTail] = useState(false);
  const [filter, setFilter] = useState(NO_FILTER);
  const listing = useAsync(() => search(fn.id, filter, { page, size: PAGE_SIZE }), [fn.id, page, JSON.stringify(filter)]);
  const [runExport, exporting, exportError] = useAction(() => exportCsv(fn.id, filter, `${fn.name}-invocations.csv`));
  usePolling(tail && page === 0, listing.reload, TAIL_MS);
  const changeFilter = (next) => { setFilter(next); setPage(0); };
  const filtered = filtering(filter);
  return (
    <div>
      <div class="filters">
        <label class="check"><input type="checkbox" checked={tail} onChange={(e) => { setTail(e.target.checked); setPage(0); }} data-testid="live-tail" />
          Live tail (newest first, refreshed every {TAIL_MS / 1000} s)</label>
        <Button onClick={listing.reload} busy={listing.loading && !tail} busyLabel="Refreshing">Refresh</Button>
        {listing.data && <span class="muted small" data-testid="invocations-total">{listing.data.total} invocation{listing.data.total === 1 ? '' : 's'}
          {filtered ? ' match' : ' recorded'}</span>}
      </div>
      <RecordFilters filter={filter} onChange={changeFilter} prefix="filter" label="Filter invocations">
        {filtered && listing.data && <span class="muted small" data-testid="filter-summary">{listing.data.total} record{listing.data.total === 1 ? '' : 's'} match the filters</span>}
        <Button disabled={!listing.data || listing.data.total === 0} busy={exporting} busyLabel="Exporting" onClick={() => runExport()}
          data-testid="export-csv">Export CSV</Button>
      </RecordFilters>
      <ProblemView error={listing.error || exportError} />
      {!listing.data ? <Pending state={listing} what="Searching invocations" />
        : listing.data.items.length === 0 ? <p class="empty">{filtered ? 'No record matches the filters.' : 'No invocations recorded yet.'}</p>
          : <RecordTable records={listing.data.items} testid="invocations" />}
      {listing.data && <Pager page={page} size={PAGE_SIZE} total={listing.data.total} onPage={setPage} />}
    </div>
  );
}
