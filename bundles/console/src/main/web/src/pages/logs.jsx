import { useState } from 'preact/hooks';
import { getAll, accountPath } from '../api.js';
import { plural, time } from '../format.js';
import { Pager, RecordFilters, RecordTable } from '../record-list.jsx';
import { exportCsv, NO_FILTER, RANGES, search } from '../records.js';
import { Button, Pending, ProblemView, useAction, useAsync, usePolling } from '../ui.jsx';

const PAGE_SIZE = 100;
const TAIL_MS = 3000;

/**
 * LivePerson's "Investigate Function Logs" for the whole account: the account-wide search endpoint over a range,
 * filtered by function, outcome, level and text on the server, grouped by invocation or as log lines, exported as CSV
 * by the server, tailed while open.
 */
export function LogsPage() {
  const [range, setRange] = useState('24h');
  const [filter, setFilter] = useState(NO_FILTER);
  const [page, setPage] = useState(0);
  const [view, setView] = useState('invocations');
  const [tail, setTail] = useState(false);
  const functions = useAsync(() => getAll(accountPath('/functions')), []);
  const loaded = useAsync(async () => {
    const since = Date.now() - RANGES[range].ms;
    // The matching page, and how many the range holds without the filters (for "n of m").
    const [matching, all] = await Promise.all([
      search(filter.functionId, filter, { page, size: PAGE_SIZE, since }),
      search('', NO_FILTER, { page: 0, size: 1, since }),
    ]);
    return { matching, all: all.total };
  }, [range, page, JSON.stringify(filter)]);
  const [runExport, exporting, exportError] = useAction(() => exportCsv(filter.functionId, filter, 'invocations.csv',
    { since: Date.now() - RANGES[range].ms }));
  usePolling(tail, loaded.reload, TAIL_MS);
  const changeFilter = (next) => { setFilter(next); setPage(0); };
  if (!functions.data) {
    return <Pending state={functions} what="Reading the account's functions" />;
  }
  const names = Object.fromEntries(functions.data.items.map((f) => [f.id, f.name]));
  const matching = loaded.data && loaded.data.matching;
  return (
    <section aria-labelledby="logs-title">
      <div class="page-head"><h1 id="logs-title">Invocations and logs</h1></div>
      <div class="filters">
        <label>Range <select value={range} onChange={(e) => { setRange(e.target.value); setPage(0); }} data-testid="logs-range">
          {Object.entries(RANGES).map(([id, r]) => <option value={id}>last {r.label}</option>)}</select></label>
        <label class="check"><input type="checkbox" checked={tail} onChange={(e) => setTail(e.target.checked)} data-testid="logs-tail" />
          Live tail (every {TAIL_MS / 1000} s)</label>
        <Button onClick={loaded.reload} busy={loaded.loading && !tail} busyLabel="Searching">Refresh</Button>
        <Button disabled={!matching || matching.total === 0} busy={exporting} busyLabel="Exporting" onClick={() => runExport()}
          data-testid="logs-csv">Export CSV</Button>
      </div>
      <RecordFilters filter={filter} onChange={changeFilter} prefix="logs" functions={functions.data.items} label="Filter the account's invocations">
        <div class="segmented" role="group" aria-label="Show">
          <button type="button" class={`button ${view === 'invocations' ? 'primary' : 'secondary'}`} aria-pressed={view === 'invocations' ? 'true' : 'false'}
            onClick={() => setView('invocations')}>By invocation</button>
          <button type="button" class={`button ${view === 'lines' ? 'primary' : 'secondary'}`} aria-pressed={view === 'lines' ? 'true' : 'false'}
            onClick={() => setView('lines')} data-testid="logs-lines-view">Log lines</button>
        </div>
      </RecordFilters>
      {matching && <p class="muted small" data-testid="logs-summary">{plural(matching.total, 'invocation')} of {loaded.data.all} in the last {RANGES[range].label} match.
        {' '}Searched on the server; the CSV export has every match (up to the server's export limit).</p>}
      <ProblemView error={loaded.error || exportError} />
      {!matching ? <Pending state={loaded} what="Searching the account's invocations" />
        : matching.items.length === 0 ? <p class="empty">No invocation matches.</p>
          : view === 'invocations' ? <RecordTable records={matching.items} names={names} testid="logs-invocations" />
            : <Lines records={matching.items} names={names} />}
      {matching && <Pager page={page} size={PAGE_SIZE} total={matching.total} onPage={setPage} />}
    </section>
  );
}

function Lines({ records, names }) {
  const lines = records.flatMap((inv) => (inv.logs || []).map((line) => ({ line, inv })));
  if (lines.length === 0) {
    return <p class="empty">The matching invocations wrote no log lines.</p>;
  }
  return (
    <div class="table-wrap">
      <table data-testid="logs-lines">
        <thead><tr><th>Time</th><th>Level</th><th>Message</th><th>Function</th><th>Invocation</th></tr></thead>
        <tbody>{lines.map(({ line, inv }) => (
          <tr class={`log-${(line.level || '').toLowerCase()}`}>
            <td class="small">{time(line.time)}</td><td>{line.level}</td>
            <td class="mono small">{line.message}{line.extras ? ' ' + JSON.stringify(line.extras) : ''}</td>
            <td>{names[inv.functionId] || inv.functionId}</td><td><code class="small">{inv.id.slice(0, 8)}</code></td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
