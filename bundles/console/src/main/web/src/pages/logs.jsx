import { useState } from 'preact/hooks';
import { accountPath, getAll } from '../api.js';
import { duration, plural, time } from '../format.js';
import { href } from '../router.js';
import { download, LEVELS, matches, OUTCOMES, RANGES, recordsSince, toCsv } from '../records.js';
import { Button, eachLimited, JsonBlock, LogLines, OutcomeBadge, Pending, ProblemView, useAsync, usePolling } from '../ui.jsx';

const PER_FUNCTION = 1000;
const TAIL_MS = 3000;
const SHOWN = 200;

/**
 * LivePerson's "Investigate Function Logs" for the whole account: every function's invocations in a range, filtered by
 * function, outcome, level and text, grouped by invocation or as log lines, downloadable as CSV, tailed while open.
 */
export function LogsPage() {
  const [range, setRange] = useState('24h');
  const [filter, setFilter] = useState({ functionId: '', outcome: '', level: '', text: '', from: '', to: '' });
  const [view, setView] = useState('invocations');
  const [tail, setTail] = useState(false);
  const loaded = useAsync(async () => {
    const functions = (await getAll(accountPath('/functions'))).items;
    const since = Date.now() - RANGES[range].ms;
    const records = [];
    const capped = [];
    await eachLimited(functions, 4, async (f) => {
      const answer = await recordsSince(f.id, since, PER_FUNCTION);
      records.push(...answer.items);
      if (answer.capped) {
        capped.push(f.name);
      }
    });
    records.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
    return { functions, records, capped };
  }, [range]);
  usePolling(tail, loaded.reload, TAIL_MS);
  const set = (field) => (e) => setFilter({ ...filter, [field]: e.target.value });
  if (!loaded.data) {
    return <Pending state={loaded} what="Reading the account's invocations" />;
  }
  const { functions, records, capped } = loaded.data;
  const names = Object.fromEntries(functions.map((f) => [f.id, f.name]));
  const shown = records.filter(matches(filter));
  return (
    <section aria-labelledby="logs-title">
      <div class="page-head"><h1 id="logs-title">Invocations and logs</h1></div>
      <div class="filters">
        <label>Range <select value={range} onChange={(e) => setRange(e.target.value)} data-testid="logs-range">
          {Object.entries(RANGES).map(([id, r]) => <option value={id}>last {r.label}</option>)}</select></label>
        <label class="check"><input type="checkbox" checked={tail} onChange={(e) => setTail(e.target.checked)} data-testid="logs-tail" />
          Live tail (every {TAIL_MS / 1000} s)</label>
        <Button onClick={loaded.reload} busy={loaded.loading && !tail} busyLabel="Reading">Refresh</Button>
        <Button disabled={shown.length === 0} onClick={() => download('invocations.csv', toCsv(shown, names))} data-testid="logs-csv">Export CSV</Button>
      </div>
      <div class="filters" role="search" aria-label="Filter the account's invocations">
        <label>Function <select value={filter.functionId} onChange={set('functionId')} data-testid="logs-function">
          <option value="">All</option>{functions.map((f) => <option value={f.id}>{f.name}</option>)}</select></label>
        <label>Outcome <select value={filter.outcome} onChange={set('outcome')} data-testid="logs-outcome">
          <option value="">All</option>{OUTCOMES.map((o) => <option value={o}>{o}</option>)}</select></label>
        <label>Log level <select value={filter.level} onChange={set('level')} data-testid="logs-level">
          <option value="">Any</option>{LEVELS.map((l) => <option value={l}>{l}</option>)}</select></label>
        <label>From <input type="datetime-local" value={filter.from} onInput={set('from')} /></label>
        <label>To <input type="datetime-local" value={filter.to} onInput={set('to')} /></label>
        <label>Text <input type="search" placeholder="in logs, result, error, ids" value={filter.text} onInput={set('text')} data-testid="logs-text" /></label>
        <div class="segmented" role="group" aria-label="Show">
          <button type="button" class={`button ${view === 'invocations' ? 'primary' : 'secondary'}`} aria-pressed={view === 'invocations' ? 'true' : 'false'}
            onClick={() => setView('invocations')}>By invocation</button>
          <button type="button" class={`button ${view === 'lines' ? 'primary' : 'secondary'}`} aria-pressed={view === 'lines' ? 'true' : 'false'}
            onClick={() => setView('lines')} data-testid="logs-lines-view">Log lines</button>
        </div>
      </div>
      <p class="muted small" data-testid="logs-summary">{plural(shown.length, 'invocation')} of {records.length} in the last {RANGES[range].label} match
        {shown.length > SHOWN ? ` (the newest ${SHOWN} shown; the CSV has all)` : ''}.
        {' '}Read from each function's records in the browser.</p>
      {capped.length > 0 && <p class="notice small">Only the newest {PER_FUNCTION} invocations of {capped.join(', ')} are read in this range.</p>}
      <ProblemView error={loaded.error} />
      {shown.length === 0 ? <p class="empty">No invocation matches.</p>
        : view === 'invocations' ? <ByInvocation records={shown.slice(0, SHOWN)} names={names} /> : <Lines records={shown.slice(0, SHOWN)} names={names} />}
    </section>
  );
}

function ByInvocation({ records, names }) {
  const [open, setOpen] = useState({});
  return (
    <div class="table-wrap">
      <table data-testid="logs-invocations">
        <thead><tr><th>Started</th><th>Function</th><th>Outcome</th><th>Trigger</th><th>Version</th><th>Duration</th><th>Logs</th><th /></tr></thead>
        <tbody>{records.map((inv) => (
          <>
            <tr>
              <td>{time(inv.startedAt)}</td>
              <td><a href={href(`/functions/${inv.functionId}/invocations`)}>{names[inv.functionId] || inv.functionId}</a></td>
              <td><OutcomeBadge outcome={inv.outcome} /></td><td>{inv.trigger}</td>
              <td>{inv.version === 0 ? 'draft' : `v${inv.version}`}</td><td>{duration(inv.durationMs)}</td><td>{(inv.logs || []).length}</td>
              <td><button type="button" class="link" aria-expanded={open[inv.id] ? 'true' : 'false'}
                onClick={() => setOpen({ ...open, [inv.id]: !open[inv.id] })}>{open[inv.id] ? 'Hide' : 'Details'}</button></td>
            </tr>
            {open[inv.id] && (
              <tr><td colSpan="8">
                <p class="small">Invocation <code>{inv.id}</code>{inv.eventId ? <> · event <code>{inv.eventId}</code></> : ''}</p>
                <div class="result-grid">
                  <div><h3 style="margin-left: 0">{inv.error ? 'Error' : 'Result'}</h3><JsonBlock value={inv.error || inv.result} /></div>
                  <div><h3 style="margin-left: 0">Logs</h3><LogLines logs={inv.logs} trigger={inv.trigger} /></div>
                </div>
              </td></tr>
            )}
          </>
        ))}</tbody>
      </table>
    </div>
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
